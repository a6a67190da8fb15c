import CPosixShims
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A file written piece by piece as a build makes it, hashed on the way: the site-wide tables,
/// which at 10,000 departments are 150 MB and would otherwise sit in memory whole. Made by a
/// `PublishTarget`'s `beginStream`, which also decides at `finishStream` whether it replaces the
/// published file. Unchecked Sendable: one thread appends to it at a time, and the build finishes
/// it only after waiting for the thread that appended the rows (`SiteBuilder.renderDepartments`).
///
/// The pieces are written behind the appending thread, a few at a time: a rebuild copies 17 MB of
/// unchanged rows at 1,000 departments, and hashing and writing them on one thread was the last
/// thing it waited for, with the other core idle.
final class StreamedFile: @unchecked Sendable {
    /// The path inside Public/.
    let path: String
    /// Where the bytes go on disk.
    let diskPath: String
    private let descriptor: Int32
    /// Nil for a file whose digest nobody needs (manifest.json, which lists every other one).
    private var hasher: ResumableSHA256?
    private(set) var size = 0
    private var closed = false
    /// Writes in the order appended, on a thread of their own.
    private let writer = DispatchQueue(label: "perfsite.streamed-file")
    /// Pieces appended and not yet written: at most this many, so memory stays bounded.
    private let inFlight = DispatchSemaphore(value: 8)
    /// The errno of the first failed write; later pieces are not written.
    private let failure = Mutex<Int32?>(nil)
    /// Set by `becomeCopy`: the bytes past what was written are another file's, not yet copied.
    private var standIn: StandIn?

    private struct StandIn {
        let range: Range<Int>
        let source: Int32
        let owner: any AnyObject & Sendable
        let digest: FileDigest
        let checkpoints: [ResumableSHA256.Checkpoint]
        var made = false
    }

    init(path: String, diskPath: String, hashed: Bool = true) throws(PublishError) {
        self.path = path
        self.diskPath = diskPath
        hasher = hashed ? ResumableSHA256(takingCheckpoints: true) : nil
        descriptor = open(diskPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PublishError(path: path, message: "写入失败:\(PublishIO.describe(errno: errno))")
        }
    }

    // Each pending write holds the file, so none is left when it goes (and this may run on the
    // writer's own thread, after the last one: no waiting for it here).
    deinit { if !closed { Glibc.close(descriptor) } }

    /// Hashes the piece and hands it to the writer; a failed earlier write is thrown here or by
    /// `close`.
    func append(_ piece: [UInt8]) throws(PublishError) {
        try enqueue(piece.count) { [descriptor] in PublishIO.writeAll(descriptor, piece) }
        hasher?.update(piece)
    }

    /// Appends bytes `range` of the file open as `source`, copied by the kernel on the writer's
    /// thread, so that they never pass through this process: for a file that is not hashed
    /// (manifest.json, whose kept entries are runs of the previous manifest's bytes; as arrays
    /// they had been a thousand of a one-table rebuild's 8,000 page faults). `owner` keeps `source`
    /// open until the copy is done. A failed copy is thrown here or by `close`, as a failed write.
    func append(copyOf range: Range<Int>, from source: Int32, keeping owner: some AnyObject & Sendable)
        throws(PublishError)
    {
        precondition(hasher == nil, "a hashed file needs its bytes")
        try enqueueCopy(range, from: source, keeping: owner)
    }

    /// Appends bytes `range` of `source` as above, to a hashed file: `source` is a file whose
    /// first bytes are this file's, up to the last of `checkpoints` (which its hash took, and
    /// where `range` ends; `range` starts at this file's size). The hash resumes from there
    /// without the bytes passing through this process at all.
    func append(
        copyOf range: Range<Int>, from source: Int32, keeping owner: some AnyObject & Sendable,
        resumingFrom checkpoints: [ResumableSHA256.Checkpoint]
    ) throws(PublishError) {
        precondition(hasher != nil && range.lowerBound == size && range.upperBound == checkpoints.last?.offset)
        try enqueueCopy(range, from: source, keeping: owner)
        hasher!.resume(from: checkpoints)
    }

    /// Where the hash of a hashed file can resume (`ResumableSHA256`): asked once it is closed.
    var checkpoints: [ResumableSHA256.Checkpoint] { standIn?.checkpoints ?? hasher?.checkpoints ?? [] }

    /// Makes the rest of a hashed file bytes `range` of `source` (which starts at this file's
    /// size), without copying them: a file found to be the file `source` is, whole, whose
    /// `digest` and `checkpoints` are known. The publisher keeps that file where it can
    /// (`PublishIO.isUnchanged`: it is published with that digest and size), and otherwise calls
    /// `makeCopy` before it puts this one in its place. Nothing may be appended afterwards.
    func becomeCopy(
        of range: Range<Int>, from source: Int32, keeping owner: some AnyObject & Sendable, digest: FileDigest,
        checkpoints: [ResumableSHA256.Checkpoint]
    ) throws(PublishError) {
        precondition(hasher != nil && standIn == nil && range.lowerBound == size)
        if let code = failure.withLock({ $0 }) { throw writeError(code) }
        standIn = StandIn(range: range, source: source, owner: owner, digest: digest, checkpoints: checkpoints)
        size = range.upperBound
    }

    /// Copies the bytes `becomeCopy` stood for into the file on disk, once; after `close`.
    func makeCopy() throws(PublishError) {
        guard var pending = standIn, !pending.made else { return }
        // At the end, not O_APPEND: the kernel's copy refuses a file open for appending.
        let descriptor = open(diskPath, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw writeError(errno) }
        defer { Glibc.close(descriptor) }
        guard lseek(descriptor, 0, SEEK_END) == pending.range.lowerBound else { throw writeError(EIO) }
        let code = withExtendedLifetime(pending.owner) {
            Self.copy(pending.range, from: pending.source, to: descriptor)
        }
        if let code { throw writeError(code) }
        pending.made = true
        standIn = pending
    }

    private func enqueueCopy(_ range: Range<Int>, from source: Int32, keeping owner: some AnyObject & Sendable)
        throws(PublishError)
    {
        try enqueue(range.count) { [descriptor] in
            withExtendedLifetime(owner) { Self.copy(range, from: source, to: descriptor) }
        }
    }

    /// Hands `count` bytes' worth of work to the writer, behind what it has already: `work`
    /// writes them and returns nil, or the errno of its failure, after which nothing more is
    /// written. A failed earlier write is thrown here.
    private func enqueue(_ count: Int, _ work: @escaping @Sendable () -> Int32?) throws(PublishError) {
        precondition(standIn == nil, "appended to a file that became a copy")
        if let code = failure.withLock({ $0 }) { throw writeError(code) }
        size += count
        inFlight.wait()
        writer.async { [self] in
            defer { inFlight.signal() }
            guard failure.withLock({ $0 }) == nil else { return }
            if let code = work() { failure.withLock { $0 = code } }
        }
    }

    /// Waits for the writes and copies appended so far; throws the first that failed.
    func flush() throws(PublishError) {
        writer.sync {}
        if let code = failure.withLock({ $0 }) { throw writeError(code) }
    }

    /// Empties the file to write it again from the start, forgetting a failed write or copy: for
    /// a file that is not hashed. `Manifest.write` starts over when the manifest it copied entries
    /// from changed meanwhile, which may have made a copy fail (a file cut short); a write that
    /// fails for another reason fails again.
    func restart() throws(PublishError) {
        precondition(hasher == nil, "a hashed file cannot start over")
        writer.sync {}
        failure.withLock { $0 = nil }
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else { throw writeError(errno) }
        size = 0
    }

    /// Copies `range` of `source` to where `destination` is, in the kernel, or through a buffer
    /// where the kernel or the file system cannot; nil, or the errno of the failure.
    private static func copy(_ range: Range<Int>, from source: Int32, to destination: Int32) -> Int32? {
        var offset = range.lowerBound
        var inKernel = true
        while offset < range.upperBound {
            let wanted = min(range.upperBound - offset, 1 << 30)
            if inKernel {
                let copied = perfsite_copy_file_range(source, offset, destination, UInt(wanted))
                if copied > 0 {
                    offset += copied
                    continue
                }
                // Nothing copied: the source ended before the range did, or the file system
                // answers 0 for what it cannot copy (some do, for some files): reading tells.
                if copied == 0 {
                    inKernel = false
                    continue
                }
                switch errno {
                case EINTR: continue
                case ENOSYS, EXDEV, EINVAL, EOPNOTSUPP: inKernel = false
                default: return errno
                }
            }
            let count = min(wanted, 256 << 10)
            guard let bytes = PublishIO.read(source, count: count, at: offset) else { return errno }
            guard bytes.count == count else { return EIO }
            if let code = PublishIO.writeAll(destination, bytes) { return code }
            offset += count
        }
        return nil
    }

    /// Waits for the writes, closes the file and returns the SHA-256 of everything appended, if it
    /// was hashed.
    func close() throws(PublishError) -> FileDigest? {
        writer.sync {}
        if !closed {
            Glibc.close(descriptor)
            closed = true
        }
        if let code = failure.withLock({ $0 }) { throw writeError(code) }
        return standIn?.digest ?? hasher?.finalize()
    }

    private func writeError(_ code: Int32) -> PublishError {
        PublishError(path: path, message: "写入失败:\(PublishIO.describe(errno: code))")
    }
}
