import Foundation
import ZIPFoundation

/// `precompress = true`: a `.gz` beside each large text file, for web servers that serve them as
/// they are (nginx `gzip_static`, Caddy `precompressed`, Apache with rewrite rules) instead of
/// compressing every response again. The gzip bytes are deterministic (no name, no time stamp), so
/// an unchanged page keeps an unchanged `.gz` and incremental builds leave both alone.
///
/// gzip is a 10-byte header, a raw deflate stream and a CRC-32 with the length (RFC 1952).
/// ZIPFoundation, already used for workbooks, provides the deflate stream and the CRC-32 over zlib;
/// only the framing is written here.
enum Precompression {
    /// Text kinds worth compressing. Workbooks are zip files already.
    static let extensions: Set<String> = ["html", "css", "js", "json", "xml", "csv", "svg", "txt"]
    /// Below this a response fits in a packet or two and compression buys nothing.
    static let minimumBytes = 1024

    static func wants(_ file: OutputFile) -> Bool {
        guard file.bytes.count >= minimumBytes, let dot = file.path.lastIndex(of: ".") else { return false }
        return extensions.contains(String(file.path[file.path.index(after: dot)...]))
    }

    /// The `.gz` of `file`, or nil when it would not be smaller.
    static func gzipped(_ file: OutputFile) throws -> OutputFile? {
        let data = Data(file.bytes)
        var deflated = Data()
        let crc = try Data.compress(
            size: Int64(data.count), bufferSize: 64 * 1024,
            provider: { position, size in data.subdata(in: Int(position)..<min(Int(position) + size, data.count)) },
            consumer: { deflated.append($0) })
        // ID1 ID2, CM = deflate, no flags, MTIME 0, XFL 0, OS 3 (Unix).
        var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        bytes.reserveCapacity(deflated.count + 18)
        bytes.append(contentsOf: deflated)
        for value in [crc, UInt32(truncatingIfNeeded: data.count)] {
            bytes.append(contentsOf: [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) })
        }
        guard bytes.count < file.bytes.count else { return nil }
        return OutputFile(path: file.path + ".gz", bytes: bytes)
    }
}
