import Foundation

/// A JSON value as perfsite publishes it, and its writer: pretty printed with two spaces, keys
/// sorted, slashes unescaped — the bytes Foundation's `JSONEncoder` writes with `[.prettyPrinted,
/// .sortedKeys, .withoutEscapingSlashes]` for the same model (the tests compare the two on the
/// sample, a synthetic corpus and odd text).
///
/// Written by hand because `JSONEncoder` was 12.6% of a 1,000-department build's CPU for the JSON
/// downloads alone (perf), more than rendering the department pages: every value goes through
/// existential containers and generic wrappers, one allocation or more per scalar. An encoder of
/// our own behind the `Encoder` protocol measured the same, so the models build this tree
/// directly (`JSONRepresentable`), scalars as plain enum payloads.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// A number as it is written: `1022.51`, `12`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// An object from members whose value may be absent: nil members are left out, as
    /// `encodeIfPresent` does.
    public static func members(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// The pretty-printed bytes, without a final newline.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(16 << 10)
        write(into: &output, indent: 0)
        return output
    }

    func write(into output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output += text.utf8
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let elements):
            output.append(0x5B)
            Self.writeMembers(elements.count, into: &output, indent: indent) { index, output in
                elements[index].write(into: &output, indent: indent + 2)
            }
            output.append(0x5D)
        case .object(let members):
            output.append(0x7B)
            // The models list their members in order; checked by index, without copying members.
            let inOrder = members.indices.dropFirst().allSatisfy {
                members[$0 - 1].key.utf8.lexicographicallyPrecedes(members[$0].key.utf8)
            }
            let sorted = inOrder ? members : members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            Self.writeMembers(sorted.count, into: &output, indent: indent) { index, output in
                Self.writeString(sorted[index].key, into: &output)
                output.append(contentsOf: " : ".utf8)
                sorted[index].value.write(into: &output, indent: indent + 2)
            }
            output.append(0x7D)
        }
    }

    /// The lines between the brackets; JSONEncoder writes an empty container with a blank line
    /// inside.
    private static func writeMembers(
        _ count: Int, into output: inout [UInt8], indent: Int, _ member: (Int, inout [UInt8]) -> Void
    ) {
        output.append(0x0A)
        for index in 0..<count {
            if index > 0 { output.append(contentsOf: ",\n".utf8) }
            appendSpaces(indent + 2, to: &output)
            member(index, &output)
        }
        output.append(0x0A)
        appendSpaces(indent, to: &output)
    }

    /// Indentation copied from a row of spaces: appending `repeatElement` went space by space,
    /// and pretty-printed JSON is a fifth spaces.
    private static func appendSpaces(_ count: Int, to output: inout [UInt8]) {
        var remaining = count
        while remaining > 0 {
            let run = min(remaining, spaces.count)
            spaces.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<run])) }
            remaining -= run
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Runs of bytes that need no escape, nearly all of the text, are copied whole: byte by byte,
    /// this was 2% of a full build's samples (perf, 1,000 departments).
    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case 0x22: output += [0x5C, 0x22]
                case 0x5C: output += [0x5C, 0x5C]
                case 0x08: output += [0x5C, 0x62]
                case 0x0C: output += [0x5C, 0x66]
                case 0x0A: output += [0x5C, 0x6E]
                case 0x0D: output += [0x5C, 0x72]
                case 0x09: output += [0x5C, 0x74]
                default: output += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        output.append(0x22)
    }
}

/// A model that is published as JSON (the department and project-table downloads). Its
/// `Encodable` conformance says the same for `JSONEncoder`, which `check --format json` uses.
public protocol JSONRepresentable {
    var jsonValue: JSONValue { get }
}

extension JSONValue {
    /// `JSONEncoder`'s spelling of a Decimal: its `description` (`98`, `0.5`, `1944.64`).
    public init(_ number: Decimal) { self = .number(number.description) }
    public init(_ values: [some JSONRepresentable]) { self = .array(values.map(\.jsonValue)) }
    public init(_ value: some JSONRepresentable) { self = value.jsonValue }
}
