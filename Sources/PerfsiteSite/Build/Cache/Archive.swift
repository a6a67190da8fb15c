import Foundation
import PerfsiteCore

/// The build cache's binary form (`BuildCache`): LEB128 integers, length-prefixed bytes, and each
/// distinct string written once per archive and then by number; a source location's file and
/// sheet only where they differ from the location's before it — a table's thousand source
/// locations all name the same file. Written by hand because the model types already have
/// hand-written `Encodable` conformances for the public JSON schema, so Codable cannot be
/// synthesized for them.
struct ArchiveWriter {
    private(set) var bytes: [UInt8] = []
    /// Each string's number, keyed by its UTF-8 bytes (`ExactText`). Swift's String hashes Chinese
    /// text by its normalized form, which made numbering an archive's strings most of the cost of
    /// archiving a full model (perf, 10,000 departments); and by bytes, two spellings that are
    /// canonically equal each come back as written.
    private var strings: [ExactText: Int] = [:]
    /// The file and sheet of the last source location written (`write(originFile:sheet:)`).
    private var lastOrigin: (file: String, sheet: String?)?

    mutating func write(_ value: Int) { Self.encode(value) { bytes.append($0) } }

    /// An Int's bytes, handed to `emit`: zigzag, so that small negative numbers stay short, then
    /// LEB128, at most ten bytes.
    @inline(__always)
    private static func encode(_ value: Int, _ emit: (UInt8) -> Void) {
        var rest = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while rest >= 0x80 {
            emit(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        emit(UInt8(rest))
    }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// The count, then each value's difference from the one before (from 0 for the first), as
    /// `write(_: Int)` writes them: a document's sorted term keys. Into room made once rather
    /// than a byte at a time, each append checking the array for a second owner (perf: most of
    /// archiving a department's search documents).
    mutating func write(differencesOf values: [UInt64]) {
        write(values.count)
        let start = bytes.count
        // At most ten bytes each (`encode`).
        bytes.append(contentsOf: repeatElement(0, count: values.count * 10))
        var end = start
        bytes.withUnsafeMutableBufferPointer { output in
            var previous = 0
            for value in values {
                Self.encode(Int(value) - previous) { byte in
                    output[end] = byte
                    end += 1
                }
                previous = Int(value)
            }
        }
        bytes.removeLast(bytes.count - end)
    }

    mutating func write(bytes data: [UInt8]) {
        write(data.count)
        bytes += data
    }

    /// 0 and the UTF-8 the first time a string occurs, its number + 1 after that.
    mutating func write(_ text: String) {
        if let number = strings[ExactText(text)] {
            write(number + 1)
            return
        }
        strings[ExactText(text)] = strings.count
        write(0)
        write(bytes: Array(text.utf8))
    }

    /// A source location's file and sheet: 0 when they are the last location's, else 1, the file
    /// and the sheet (`ArchiveReader.origin()`).
    mutating func write(originFile file: String, sheet: String?) {
        if let lastOrigin, lastOrigin.file == file, lastOrigin.sheet == sheet {
            write(0)
            return
        }
        lastOrigin = (file, sheet)
        write(1)
        write(file)
        write(sheet)
    }

    mutating func write(_ value: some Archivable) { value.archive(into: &self) }

    mutating func write<Value: Archivable>(_ value: Value?) {
        write(value != nil)
        if let value { value.archive(into: &self) }
    }

    mutating func write<Value: Archivable>(_ values: [Value]) {
        write(values.count)
        for value in values { value.archive(into: &self) }
    }
}

/// Reads what `ArchiveWriter` wrote; anything malformed throws `ArchiveReader.Malformed`, which
/// the cache treats as a miss.
struct ArchiveReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var position: Int
    private var strings: [String] = []
    /// The origin of the last location read: a table's locations share one, as they did when
    /// the table was read.
    private var lastOrigin: SourceLocation.Origin?

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position == bytes.count }

    /// Where the next read starts, in the bytes.
    var offset: Int { position }

    /// Most integers of an archive are one byte (string numbers, rows and columns, counts): read
    /// here without the loop, which had made this the most instructions of decoding the build
    /// cache's table outlines (35 a call, 400,000 calls in a one-table rebuild at 1,000
    /// departments; callgrind).
    @inline(__always)
    mutating func int() throws(Malformed) -> Int {
        if position < bytes.count {
            let byte = Int(bytes[position])
            if byte < 0x80 {
                position += 1
                return (byte >> 1) ^ -(byte & 1)
            }
        }
        return try multiByteInt()
    }

    private mutating func multiByteInt() throws(Malformed) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    mutating func bool() throws(Malformed) -> Bool {
        guard position < bytes.count, bytes[position] <= 1 else { throw Malformed() }
        position += 1
        return bytes[position - 1] == 1
    }

    mutating func byteArray() throws(Malformed) -> [UInt8] {
        let count = try int()
        let start = position
        try skip(count)
        return Array(bytes[start..<position])
    }

    /// Passes over `count` bytes: an archive inside this one, read from its place later.
    mutating func skip(_ count: Int) throws(Malformed) {
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        position += count
    }

    mutating func string() throws(Malformed) -> String {
        let number = try int()
        if number > 0 {
            guard number <= strings.count else { throw Malformed() }
            return strings[number - 1]
        }
        let count = try int()
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        let text = String(decoding: bytes[position..<position + count], as: UTF8.self)
        position += count
        strings.append(text)
        return text
    }

    /// A source location's file and sheet, as `ArchiveWriter.write(originFile:sheet:)` wrote
    /// them: one shared origin for consecutive locations in the same file and sheet.
    mutating func origin() throws -> SourceLocation.Origin {
        switch try int() {
        case 0:
            guard let lastOrigin else { throw Malformed() }
            return lastOrigin
        case 1:
            let file = try string()
            let origin = SourceLocation.Origin(file: file, sheet: try optional())
            lastOrigin = origin
            return origin
        default: throw Malformed()
        }
    }

    mutating func read<Value: Archivable>(_: Value.Type = Value.self) throws -> Value { try Value(from: &self) }

    mutating func optional<Value: Archivable>(_: Value.Type = Value.self) throws -> Value? {
        try bool() ? try Value(from: &self) : nil
    }

    mutating func array<Value: Archivable>(_: Value.Type = Value.self) throws -> [Value] {
        let count = try int()
        // Every element takes at least a byte: a corrupt count cannot make a huge allocation.
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try Value(from: &self)) }
        return values
    }
}

/// A value the build cache can store.
protocol Archivable {
    func archive(into writer: inout ArchiveWriter)
    init(from reader: inout ArchiveReader) throws
}

extension Int: Archivable {
    func archive(into writer: inout ArchiveWriter) { writer.write(self) }
    init(from reader: inout ArchiveReader) throws { self = try reader.int() }
}

extension String: Archivable {
    func archive(into writer: inout ArchiveWriter) { writer.write(self) }
    init(from reader: inout ArchiveReader) throws { self = try reader.string() }
}
