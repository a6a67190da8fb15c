import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file written piece by piece as a build makes it, hashed on the way: the site-wide tables,
/// which at 10,000 departments are 150 MB and would otherwise sit in memory whole. Made by a
/// `PublishTarget`'s `beginStream`, which also decides at `finishStream` whether it replaces the
/// published file. Unchecked Sendable: one thread appends to it at a time, and the build finishes
/// it only after waiting for the thread that appended the rows (`SiteBuilder.renderDepartments`).
final class StreamedFile: @unchecked Sendable {
    /// The path inside Public/.
    let path: String
    /// Where the bytes go on disk.
    let diskPath: String
    private let descriptor: Int32
    /// Nil for a file whose digest nobody needs (manifest.json, which lists every other one).
    private var hasher: SHA256?
    private(set) var size = 0
    private var closed = false

    init(path: String, diskPath: String, hashed: Bool = true) throws(PublishError) {
        self.path = path
        self.diskPath = diskPath
        hasher = hashed ? SHA256() : nil
        descriptor = open(diskPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PublishError(path: path, message: "写入失败:\(PublishIO.describe(errno: errno))")
        }
    }

    deinit { if !closed { Glibc.close(descriptor) } }

    func append(_ piece: [UInt8]) throws(PublishError) { try append(piece[...]) }

    func append(_ piece: ArraySlice<UInt8>) throws(PublishError) {
        hasher?.update(data: piece)
        size += piece.count
        if let code = PublishIO.writeAll(descriptor, piece) {
            throw PublishError(path: path, message: "写入失败:\(PublishIO.describe(errno: code))")
        }
    }

    /// Closes the file and returns the SHA-256 of everything appended, if it was hashed.
    func close() -> FileDigest? {
        if !closed {
            Glibc.close(descriptor)
            closed = true
        }
        return hasher.map { FileDigest($0.finalize()) }
    }
}
