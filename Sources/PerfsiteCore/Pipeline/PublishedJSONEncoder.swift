import Foundation

/// Encodes a value as the JSON perfsite publishes: pretty printed with two spaces, keys sorted,
/// slashes unescaped — the bytes Foundation's `JSONEncoder` writes with `[.prettyPrinted,
/// .sortedKeys, .withoutEscapingSlashes]` (the tests compare the two on the sample, a synthetic
/// corpus and hostile text).
///
/// Written by hand because `JSONEncoder` boxes every value in an existential tree, dispatches each
/// key through generic wrappers and sorts dictionaries of boxed values: the JSON download of each
/// department was 12.6% of a 1,000-department build's CPU (perf), more than rendering its pages.
/// This encoder keeps a small tree of reference nodes (containers may be filled after they are
/// handed out) whose scalars are already bytes, and writes it once.
public struct PublishedJSONEncoder: Sendable {
    public init() {}

    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let root = JSONNode()
        try JSONNode.encode(value, into: root, codingPath: [])
        var output: [UInt8] = []
        output.reserveCapacity(16 << 10)
        root.write(into: &output, indent: 0)
        return output
    }
}

/// One value of the tree, filled by the encoder or container that owns the node. Elements and
/// members are stored fields, not enum payloads, so appending one does not copy the others.
final class JSONNode {
    enum Kind {
        case unset
        /// A number, string, boolean or null, already written (`scalar`).
        case scalar
        case array
        case object
    }

    var kind = Kind.unset
    var scalar: [UInt8] = []
    var elements: [JSONNode] = []
    var members: [(key: String, node: JSONNode)] = []

    func set(_ bytes: [UInt8]) {
        kind = .scalar
        scalar = bytes
    }

    static func encode<Value: Encodable>(_ value: Value, into node: JSONNode, codingPath: [any CodingKey]) throws {
        if let decimal = value as? Decimal {
            node.set(Array(decimal.description.utf8))
        } else {
            try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        }
    }

    static func string(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x08: bytes += [0x5C, 0x62]
            case 0x0C: bytes += [0x5C, 0x66]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
        return bytes
    }

    /// `JSONEncoder`'s spelling: the shortest round-trip digits, without a trailing `.0`.
    static func floatingPoint<Number: FloatingPoint & CustomStringConvertible>(
        _ value: Number, codingPath: [any CodingKey]
    ) throws -> [UInt8] {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath, debugDescription: "不是有限的数值"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return Array(text.utf8)
    }

    func write(into output: inout [UInt8], indent: Int) {
        switch kind {
        case .unset:
            // An encoder asked for but never given a value: JSONEncoder writes an empty object.
            output += [0x7B, 0x7D]
        case .scalar:
            output += scalar
        case .array:
            output.append(0x5B)
            guard !elements.isEmpty else {
                // JSONEncoder's spelling of an empty container: a blank line inside.
                output += [0x0A, 0x0A]
                Self.pad(&output, indent)
                output.append(0x5D)
                return
            }
            output.append(0x0A)
            for (index, element) in elements.enumerated() {
                if index > 0 { output += [0x2C, 0x0A] }
                Self.pad(&output, indent + 2)
                element.write(into: &output, indent: indent + 2)
            }
            output.append(0x0A)
            Self.pad(&output, indent)
            output.append(0x5D)
        case .object:
            output.append(0x7B)
            guard !members.isEmpty else {
                // JSONEncoder's spelling of an empty container: a blank line inside.
                output += [0x0A, 0x0A]
                Self.pad(&output, indent)
                output.append(0x7D)
                return
            }
            output.append(0x0A)
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output += [0x2C, 0x0A] }
                Self.pad(&output, indent + 2)
                output += Self.string(member.key)
                output += [0x20, 0x3A, 0x20]
                member.node.write(into: &output, indent: indent + 2)
            }
            output.append(0x0A)
            Self.pad(&output, indent)
            output.append(0x7D)
        }
    }

    private static func pad(_ output: inout [UInt8], _ count: Int) {
        output.append(contentsOf: repeatElement(0x20, count: count))
    }

    /// The node as an object, adding `key` (a later value for the same key replaces the first, as
    /// in JSONEncoder).
    func member(_ key: String) -> JSONNode {
        kind = .object
        let node = JSONNode()
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].node = node
        } else {
            members.append((key, node))
        }
        return node
    }

    func element() -> JSONNode {
        kind = .array
        let node = JSONNode()
        elements.append(node)
        return node
    }
}

private struct NodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.kind = .object
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.kind = .array
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueNodeContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    private func set(_ bytes: [UInt8], _ key: Key) { node.member(key.stringValue).set(bytes) }

    mutating func encodeNil(forKey key: Key) throws { set(Array("null".utf8), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(Array((value ? "true" : "false").utf8), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(JSONNode.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(try JSONNode.floatingPoint(value, codingPath: codingPath + [key]), key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(try JSONNode.floatingPoint(value, codingPath: codingPath + [key]), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(Array(String(value).utf8), key) }
    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        try JSONNode.encode(value, into: node.member(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.member("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
    }
}

/// A coding key for array positions, as JSONEncoder reports them in errors.
private struct IndexKey: CodingKey {
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
    let index: Int
    init(index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.index = intValue }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int { node.elements.count }

    private func append(_ bytes: [UInt8]) { node.element().set(bytes) }

    mutating func encodeNil() throws { append(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { append(Array((value ? "true" : "false").utf8)) }
    mutating func encode(_ value: String) throws { append(JSONNode.string(value)) }
    mutating func encode(_ value: Double) throws {
        append(try JSONNode.floatingPoint(value, codingPath: codingPath + [IndexKey(index: count)]))
    }
    mutating func encode(_ value: Float) throws {
        append(try JSONNode.floatingPoint(value, codingPath: codingPath + [IndexKey(index: count)]))
    }
    mutating func encode(_ value: Int) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: Int8) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: Int16) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: Int32) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: Int64) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt8) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt16) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt32) throws { append(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt64) throws { append(Array(String(value).utf8)) }
    mutating func encode<Value: Encodable>(_ value: Value) throws {
        let path = codingPath + [IndexKey(index: count)]
        try JSONNode.encode(value, into: node.element(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let path = codingPath + [IndexKey(index: count)]
        return NodeEncoder(node: node.element(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(index: count)]
        return NodeEncoder(node: node.element(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.element(), codingPath: codingPath + [IndexKey(index: count)])
    }
}

private struct SingleValueNodeContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    private func set(_ bytes: [UInt8]) { node.set(bytes) }

    mutating func encodeNil() throws { set(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { set(Array((value ? "true" : "false").utf8)) }
    mutating func encode(_ value: String) throws { set(JSONNode.string(value)) }
    mutating func encode(_ value: Double) throws { set(try JSONNode.floatingPoint(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { set(try JSONNode.floatingPoint(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: Int8) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: Int16) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: Int32) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: Int64) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt8) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt16) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt32) throws { set(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt64) throws { set(Array(String(value).utf8)) }
    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try JSONNode.encode(value, into: node, codingPath: codingPath)
    }
}
