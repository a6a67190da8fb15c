import CPosixShims
import Crypto
import Foundation
import PerfsiteCore

#if canImport(Glibc)
    import Glibc
#endif

/// The file operations both ways of publishing share, with plain POSIX calls: at tens of
/// thousands of files per build, Foundation's per-file overhead (URL objects, repeated `stat`s,
/// a flush per write) was a large part of publishing.
enum PublishIO {
    /// An output path is relative, has no empty, `.` or `..` component: it stays inside Public/.
    /// Checked on the path's bytes: every file of a build is checked, and splitting the String
    /// into Substrings was 1.5% of a full build's samples.
    static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                // The component bytes[start..<end]: not empty, not `.`, not `..`.
                let length = end - start
                if length == 0 { return false }
                if length <= 2 && bytes[start..<end].allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
                start = end + 1
            }
            return true
        }
    }

    /// The folder part of `a/b/c.html` (`a/b`), or nil for a file at the top.
    static func folder(of path: String) -> Substring? {
        path.lastIndex(of: "/").map { path[..<$0] }
    }

    /// Creates a folder and its missing parents (as `mkdir -p`); nil, or why it failed.
    static func makeFolders(_ path: String) -> String? {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT, let parent = folder(of: path), !parent.isEmpty else { return describe(errno: errno) }
        if let failure = makeFolders(String(parent)) { return failure }
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        return describe(errno: errno)
    }

    /// Writes bytes. Foundation's `Data.write` flushes every file to disk before returning, which
    /// made writing 20,000 pages take seconds; one `syncfs` before the site is switched to the new
    /// files gives the same guarantee for all of them at once.
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return describe(errno: errno) }
        defer { close(descriptor) }
        return writeAll(descriptor, bytes).map { describe(errno: $0) }
    }

    /// Writes all of `bytes` to an open file, where it is or at `offset` (`pwrite`), through short
    /// writes and interruptions; nil, or the errno of the failure.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], at offset: Int? = nil) -> Int32? {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                let start = buffer.baseAddress! + written
                return offset.map { pwrite(descriptor, start, bytes.count - written, off_t($0 + written)) }
                    ?? Glibc.write(descriptor, start, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return nil
    }

    /// Whether the file at `path` is the one the previous manifest listed with `digest`: the
    /// digests match and the file is there with the right size. Unlisted files are compared byte
    /// for byte.
    static func isUnchanged(_ path: String, _ bytes: [UInt8], digest: FileDigest, previous: FileDigest?) -> Bool {
        guard let previous else { return sameBytes(path, bytes) }
        return previous == digest && hasSize(path, bytes.count)
    }

    /// Whether a file made in pieces (`stream`) has the same bytes as the published one at
    /// `path`: by the previous manifest's digest when it lists the file, else (manifest.json
    /// itself) by hashing the published file a piece at a time.
    static func isUnchanged(_ path: String, _ stream: StreamedFile, digest: FileDigest?, previous: FileDigest?) -> Bool
    {
        guard hasSize(path, stream.size) else { return false }
        if let previous, let digest { return previous == digest }
        return sameContents(path, stream.diskPath)
    }

    /// Whether two files of the same size have the same bytes, compared a megabyte at a time:
    /// manifest.json, which no manifest lists, against the published one. Hashing the old one
    /// instead had cost as much as writing the new one.
    static func sameContents(_ first: String, _ second: String) -> Bool {
        let descriptors = [open(first, O_RDONLY | O_CLOEXEC), open(second, O_RDONLY | O_CLOEXEC)]
        defer { for descriptor in descriptors where descriptor >= 0 { close(descriptor) } }
        guard descriptors.allSatisfy({ $0 >= 0 }) else { return false }
        while true {
            guard let first = read(descriptors[0], count: 1 << 20), let second = read(descriptors[1], count: 1 << 20),
                first.count == second.count
            else { return false }
            if first.isEmpty { return true }
            let same = first.withUnsafeBytes { left in
                second.withUnsafeBytes { right in memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 }
            }
            guard same else { return false }
        }
    }

    /// Removes a folder and everything in it, the entries two levels down — a year's department
    /// folders, the search index's files — on all cores, then the rest. After a whole-site swap
    /// the previous site is removed before the build returns: 400,000 files at 10,000 departments.
    static func removeTree(_ path: String) -> Bool {
        let manager = FileManager.default
        let subtrees = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).flatMap { first in
            let folder = path + "/" + first
            return ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).map { folder + "/" + $0 }
        }
        _ = subtrees.parallelMap { perfsite_remove_tree($0) }
        return perfsite_remove_tree(path) == 0
    }

    /// The bytes of the regular file at `path`, read straight into an array: through `Data` they
    /// were copied once more, for each of a rebuild's thousand cache files.
    static func contents(of path: String) -> [UInt8]? {
        contents(of: path, first: .max)?.bytes
    }

    /// The file's first `limit` bytes (all of it if it is shorter), and its size.
    static func contents(of path: String, first limit: Int) -> (bytes: [UInt8], fileSize: Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return contents(ofOpen: descriptor, first: limit)
    }

    /// `contents(of:first:)` for a file already open, which stays open.
    static func contents(ofOpen descriptor: Int32, first limit: Int = .max) -> (bytes: [UInt8], fileSize: Int)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let fileSize = Int(info.st_size)
        // A file that shrank while it was read is not the file `stat` saw.
        guard let bytes = read(descriptor, exactly: min(fileSize, limit), at: 0) else { return nil }
        return (bytes, fileSize)
    }

    /// `count` bytes of an open file from `offset`; nil unless all of them could be read.
    static func read(_ descriptor: Int32, exactly count: Int, at offset: Int) -> [UInt8]? {
        guard let bytes = read(descriptor, count: count, at: offset), bytes.count == count else { return nil }
        return bytes
    }

    /// Up to `count` bytes of an open file, from where it is or from `offset` (`pread`), through
    /// short reads and interruptions: fewer only at the file's end. Nil when a read fails (`errno`
    /// says why). Read into an array of their own, which the caller then owns: no zeroing, no copy.
    static func read(_ descriptor: Int32, count: Int, at offset: Int? = nil) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let start = buffer.baseAddress! + filled
                let result =
                    offset.map { pread(descriptor, start, count - filled, off_t($0 + filled)) }
                    ?? Glibc.read(descriptor, start, count - filled)
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else {
                    failed = result < 0
                    return
                }
                filled += result
            }
        }
        return failed ? nil : bytes
    }

    /// The size of the regular file at `path`, if there is one.
    static func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Whether a regular file of `size` bytes is at `path`.
    static func hasSize(_ path: String, _ size: Int) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) == size
    }

    /// Whether the regular file at `path` holds exactly `bytes`.
    static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else {
            return false
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return bytes.isEmpty }
        return data.elementsEqual(bytes)
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return describe(errno: Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return describe(errno: Int32(nsError.code)) }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteVolumeReadOnlyError: return describe(errno: EROFS)
            case NSFileWriteOutOfSpaceError: return describe(errno: ENOSPC)
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return describe(errno: EACCES)
            default: break
            }
        }
        return nsError.localizedDescription
    }

    /// The system's reason in Chinese for the failures a publisher can act on, with the system's
    /// own words after it (what a web search or an administrator recognizes).
    static func describe(errno code: Int32) -> String {
        let system = String(cString: strerror(code))
        switch code {
        case ENOSPC: return "磁盘空间不足(\(system))"
        case EROFS: return "文件系统为只读(\(system))"
        case EACCES, EPERM: return "没有写入权限(\(system))"
        case EDQUOT: return "超出磁盘配额(\(system))"
        default: return system
        }
    }
}
