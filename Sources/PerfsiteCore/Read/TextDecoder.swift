#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes of a table file → text. The encoding is decided from the bytes, never from the platform:
/// a BOM names it; otherwise valid UTF-8 is UTF-8, and anything else must decode as GB18030
/// (a superset of GBK and GB2312) or the file is refused — guessing wrong would publish mojibake.
public enum TextDecoder {
    public struct Decoded: Sendable, Hashable {
        public var text: String
        public var encoding: SourceEncoding
    }

    public static func decode(_ bytes: [UInt8]) throws(ReadFailure) -> Decoded {
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ReadFailure(.notATextTable(reason: "文件为空"))
        }
        if let container = knownBinaryFormat(bytes) {
            throw ReadFailure(.notATextTable(reason: container))
        }
        let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !isUTF16, let nul = bytes.firstIndex(of: 0) {
            throw ReadFailure(
                .notATextTable(reason: "文件含有空字符(NUL),是二进制文件而不是文本表格"), row: lineNumber(of: nul, in: bytes[...]))
        }
        let decoded: Decoded
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded = try Decoded(text: utf8(bytes[3...]), encoding: .utf8WithBOM)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            decoded = try Decoded(text: utf16(bytes[2...], bigEndian: false), encoding: .utf16LittleEndian)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            decoded = try Decoded(text: utf16(bytes[2...], bigEndian: true), encoding: .utf16BigEndian)
        } else if let text = String(validating: bytes, as: UTF8.self) {
            decoded = Decoded(text: text, encoding: .utf8)
        } else {
            do {
                decoded = try Decoded(text: gb18030(bytes), encoding: .gb18030)
            } catch {
                // Name the line where the encoding that read furthest broke: a UTF-8 file with one
                // bad byte on line 40 should not be reported as a GB18030 failure on line 1.
                let utf8Line = lineNumber(of: firstInvalidUTF8Offset(bytes[...]), in: bytes[...])
                throw ReadFailure(.undecodableText(line: max(utf8Line, error.row)), row: max(utf8Line, error.row))
            }
        }
        // Bytes without a NUL (asked above of every encoding but UTF-16) decode to text without
        // one; searching the decoded text again, through String's UTF-8 view a byte at a time, was
        // 0.5% of a 1,000-department build (perf).
        if isUTF16, let nul = decoded.text.utf8.firstIndex(of: 0) {
            let line = decoded.text.utf8[..<nul].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ReadFailure(.notATextTable(reason: "文件含有空字符(NUL),是二进制文件而不是文本表格"), row: line)
        }
        return decoded
    }

    /// Files that are often dropped into Content/ by mistake, named so the publisher knows what to do.
    private static func knownBinaryFormat(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "这是 ZIP 压缩包(可能是 Excel .xlsx 工作簿),不是文本表格;请使用 .xlsx 扩展名或另存为文本"
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return "这是旧版 Office 文件(.xls/.doc),不是文本表格;请在 Excel 中另存为 .xlsx 或“文本文件(制表符分隔)”"
        }
        if bytes.starts(with: Array("%PDF".utf8)) { return "这是 PDF 文件,不是文本表格" }
        return nil
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>) throws(ReadFailure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = lineNumber(of: firstInvalidUTF8Offset(bytes), in: bytes)
            throw ReadFailure(.undecodableText(line: line), row: line)
        }
        return text
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws(ReadFailure) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        guard index == bytes.endIndex, let text = String(validating: units, as: UTF16.self) else {
            throw ReadFailure(.undecodableText(line: 1), row: 1)
        }
        return text
    }

    /// GB18030 through the C library's iconv, which implements the whole standard (four-byte
    /// sequences included); Foundation on Linux has no GB18030 decoder of its own.
    private static func gb18030(_ bytes: [UInt8]) throws(ReadFailure) -> String {
        guard let converter = iconv_open("UTF-8", "GB18030"), converter != iconv_t(bitPattern: -1) else {
            throw ReadFailure(.undecodableText(line: 1), row: 1)
        }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var failedAt: Int?
        var produced = 0
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = input.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 {
                    failedAt = input.count - inLeft
                }
                produced = out.count - outLeft
            }
        }
        if let failedAt {
            let line = lineNumber(of: failedAt, in: bytes[...])
            throw ReadFailure(.undecodableText(line: line), row: line)
        }
        guard let text = String(validating: output[..<produced], as: UTF8.self) else {
            throw ReadFailure(.undecodableText(line: 1), row: 1)
        }
        return text
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var parser = UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = bytes.startIndex
        while case .valid(let scalar) = parser.parseScalar(from: &input) { offset += scalar.count }
        return offset
    }

    private static func lineNumber(of offset: Int, in bytes: ArraySlice<UInt8>) -> Int {
        bytes[bytes.startIndex..<min(offset, bytes.endIndex)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
