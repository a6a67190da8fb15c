import Foundation
import ZIPFoundation

/// `precompress = true`: a `.gz` beside each large text file, for web servers that serve them as
/// they are (nginx `gzip_static`, Caddy `precompressed`, Apache with rewrite rules) instead of
/// compressing every response again. The gzip bytes are deterministic (no name, no time stamp), so
/// an unchanged page keeps an unchanged `.gz` and incremental builds leave both alone.
///
/// gzip is a 10-byte header, a raw deflate stream and a CRC-32 with the length (RFC 1952).
/// ZIPFoundation (which reads uploaded workbooks) provides the deflate stream and the CRC-32 over zlib;
/// only the framing is written here.
enum Precompression {
    /// Text kinds worth compressing. Workbooks are zip files already.
    static let extensions: Set<String> = ["html", "css", "js", "json", "xml", "csv", "svg", "txt"]
    /// Below this a response fits in a packet or two and compression buys nothing.
    static let minimumBytes = 1024

    static func wants(_ file: OutputFile) -> Bool { wants(path: file.path, size: file.bytes.count) }

    static func wants(path: String, size: Int) -> Bool {
        guard size >= minimumBytes, let dot = path.lastIndex(of: ".") else { return false }
        return extensions.contains(String(path[path.index(after: dot)...]))
    }

    /// The `.gz` of `file`, or nil when it would not be smaller.
    static func gzipped(_ file: OutputFile) throws -> OutputFile? {
        let data = Data(file.bytes)
        return try gzipped(path: file.path, size: data.count) { position, size in
            data.subdata(in: position..<min(position + size, data.count))
        }
    }

    /// The `.gz` of a file already written (`path` on disk, published as `publishedPath`), read
    /// back a piece at a time: the large site-wide tables are never held whole.
    static func gzipped(fileAt path: String, publishedPath: String, size: Int) throws -> OutputFile? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try gzipped(path: publishedPath, size: size) { position, size in
            try handle.seek(toOffset: UInt64(position))
            return try handle.read(upToCount: size) ?? Data()
        }
    }

    private static func gzipped(path: String, size total: Int, read: @escaping (Int, Int) throws -> Data) throws
        -> OutputFile?
    {
        var deflated = Data()
        let crc = try Data.compress(
            size: Int64(total), bufferSize: 64 * 1024,
            provider: { position, size in try read(Int(position), size) },
            consumer: { deflated.append($0) })
        // ID1 ID2, CM = deflate, no flags, MTIME 0, XFL 0, OS 3 (Unix).
        var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        bytes.reserveCapacity(deflated.count + 18)
        bytes.append(contentsOf: deflated)
        for value in [crc, UInt32(truncatingIfNeeded: total)] {
            bytes.append(contentsOf: [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) })
        }
        guard bytes.count < total else { return nil }
        return OutputFile(path: path + ".gz", bytes: bytes)
    }
}
