import Foundation

/// Writes JSON as perfsite publishes it, straight from the models: compact, keys sorted, slashes
/// unescaped — the bytes Foundation's `JSONEncoder` writes with `[.sortedKeys,
/// .withoutEscapingSlashes]` for the same model (the tests compare the two on the sample, a
/// synthetic corpus and odd values).
///
/// Compact rather than pretty printed: the downloads are for programs (people have the CSV, the
/// XLSX and the pages), and indentation was 40% of their bytes. At 1,000 departments the JSON
/// downloads went from 45.0 to 27.1 MB and the site from 266.4 to 248.5 MB, and builds take 5.5%
/// less time (`Benchmarks/ab.sh build`, both orders); a browser or `jq .` shows the JSON indented
/// to anyone who wants to read it.
///
/// Written by hand because `JSONEncoder` was 12.6% of a 1,000-department build's CPU for the JSON
/// downloads alone (perf): every value goes through existential containers and generic wrappers.
/// A tree of enum values built by each model and then printed came next, and was still 6.8%: the
/// tree's arrays and its tuples of members are allocated, copied and freed for every indicator, and
/// `Decimal.description` alone took over a third of it. Writing members as the models are walked
/// allocates nothing but the output.
///
/// Members are written in the order they are given, so a model lists its keys sorted by their
/// UTF-8 bytes, which is `JSONEncoder`'s order for the keys perfsite uses.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// No member or element has been written yet in the innermost open container.
    private var atContainerStart = true

    public init() {
        bytes.reserveCapacity(16 << 10)
    }

    /// The bytes of one value, without a final newline.
    public static func bytes(of value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.bytes
    }

    /// A JSON file's bytes: the value and a final newline (`null` for none).
    public static func file(of value: (some JSONWritable)?) -> [UInt8] {
        var writer = JSONWriter()
        if let value { value.write(to: &writer) } else { writer.null() }
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    // MARK: Containers

    /// `{…}`; `members` writes each member with `member` or `key`.
    public mutating func object(_ members: (inout JSONWriter) -> Void) {
        open(0x7B)
        members(&self)
        close(0x7D)
    }

    /// `[…]`, one element per value.
    public mutating func array<Values: Sequence>(
        _ values: Values, _ element: (inout JSONWriter, Values.Element) -> Void
    ) {
        open(0x5B)
        for value in values {
            startItem()
            element(&self, value)
        }
        close(0x5D)
    }

    public mutating func array(_ values: some Sequence<some JSONWritable>) {
        array(values) { writer, value in value.write(to: &writer) }
    }

    /// A member's key; its value is what is written next. Keys are the models' literal field
    /// names, which need no escaping, so they are copied as they are: scanned for escapes like
    /// the values, they were a third of the strings written.
    public mutating func key(_ name: StaticString) {
        startItem()
        bytes.append(0x22)
        bytes.append(literal: name)
        bytes.append(literal: "\":")
    }

    /// A key known only when writing (a dictionary's), escaped as any string value is.
    public mutating func key(escaping name: String) {
        startItem()
        string(name)
        bytes.append(literal: ":")
    }

    public mutating func member(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
    }

    /// Nothing when `value` is nil, as `encodeIfPresent` does.
    public mutating func member(_ name: StaticString, ifPresent value: (some JSONWritable)?) {
        guard let value else { return }
        member(name, value)
    }

    // MARK: Scalars

    public mutating func null() { bytes.append(literal: "null") }

    public mutating func bool(_ flag: Bool) { bytes.append(literal: flag ? "true" : "false") }

    /// A number already spelled as JSON (`1022.51`, `12`).
    public mutating func number(text: String) { bytes.append(contentsOf: text.utf8) }

    public mutating func number(_ integer: Int) { bytes.append(contentsOf: String(integer).utf8) }

    /// `JSONEncoder`'s spelling of a Decimal, its `description` (`98`, `0.5`, `1944.64`): the
    /// significand's digits with the point placed by the exponent. `description` divides the
    /// significand by ten digit by digit and built a String backwards: 1.4 µs a number, a third of
    /// the downloads' JSON. A significand past 64 bits (never, from a table) is spelled by it still.
    public mutating func number(_ decimal: Decimal) {
        guard !decimal.isNaN, !decimal.isZero else { return bytes.append(contentsOf: decimal.description.utf8) }
        let significand = decimal.significand
        guard significand <= Self.largestExactSignificand else {
            return bytes.append(contentsOf: decimal.description.utf8)
        }
        if decimal.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        let digits = String(NSDecimalNumber(decimal: significand).uint64Value).utf8
        let exponent = decimal.exponent
        if exponent >= 0 {
            bytes.append(contentsOf: digits)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent))
        } else if digits.count > -exponent {
            let point = digits.count + exponent
            bytes.append(contentsOf: digits.prefix(point))
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits.dropFirst(point))
        } else {
            bytes.append(literal: "0.")
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -exponent - digits.count))
            bytes.append(contentsOf: digits)
        }
    }

    private static let largestExactSignificand = Decimal(UInt64.max)

    /// Runs of bytes that need no escape, nearly all of the text, are copied whole: byte by byte,
    /// this was 2% of a full build's samples (perf, 1,000 departments).
    public mutating func string(_ text: String) {
        bytes.append(0x22)
        text.withUTF8Bytes { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x08: bytes += [0x5C, 0x62]
                case 0x0C: bytes += [0x5C, 0x66]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: bytes += [0x5C, 0x72]
                case 0x09: bytes += [0x5C, 0x74]
                default:
                    bytes += [0x5C, 0x75, 0x30, 0x30, Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]]
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(0x22)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        atContainerStart = true
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        atContainerStart = false
    }

    private mutating func startItem() {
        if !atContainerStart { bytes.append(UInt8(ascii: ",")) }
        atContainerStart = false
    }
}

/// A model that is published as JSON (the department and project-table downloads). Its
/// `Encodable` conformance says the same for `JSONEncoder`, which `check --format json` uses.
public protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

extension String: JSONWritable {
    public func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    public func write(to json: inout JSONWriter) { json.number(self) }
}

extension Bool: JSONWritable {
    public func write(to json: inout JSONWriter) { json.bool(self) }
}

extension Decimal: JSONWritable {
    public func write(to json: inout JSONWriter) { json.number(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func write(to json: inout JSONWriter) { json.array(self) }
}
