import CPosixShims
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where a build writes before anything is published. The new site is assembled in a hidden
/// folder beside Public/ and swapped in with one atomic rename, so Public/ is at every instant
/// either the complete previous site or the complete new one — an error, a full disk or a killed
/// process never leaves half a site on the web server. Files whose bytes did not change are
/// hard-linked from the previous site instead of written, so they keep their mtime (rsync and
/// caches see them unchanged).
public final class StagingFolder: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    private let lock = NSLock()
    private var paths: Set<String> = []
    /// Paths linked by `reuse`: a render that falls back may write them once more.
    private var reusedPaths: Set<String> = []
    private var createdFolders: Set<String> = []
    private(set) var written = 0
    private(set) var unchanged = 0

    public init(destination: URL) throws(PublishError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).staging")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: staging.path) {
                // Left by an interrupted build.
                if perfsite_remove_tree(staging.path) != 0 { try FileManager.default.removeItem(at: staging) }
            }
            // Previous sites a preview server was still removing when it stopped.
            let prefix = ".\(self.destination.lastPathComponent).old-"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
            where name.hasPrefix(prefix) {
                _ = perfsite_remove_tree(parent.appendingPathComponent(name).path)
            }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw PublishError(path: staging.path, message: "无法创建临时发布目录:\(Self.reason(error))")
        }
    }

    /// Links a file of the previous site into the staging folder unchanged, for a department whose
    /// pages need no rendering. False when the previous file is gone (the caller renders instead).
    public func reuse(_ path: String) throws(PublishError) -> Bool {
        // String paths: URL's path operations cost more than the link itself.
        let target = staging.path + "/" + path
        try makeFolder(URL(fileURLWithPath: String(target[..<target.lastIndex(of: "/")!]), isDirectory: true))
        guard link(destination.path + "/" + path, target) == 0 else { return false }
        lock.lock()
        paths.insert(path)
        reusedPaths.insert(path)
        unchanged += 1
        lock.unlock()
        return true
    }

    /// Writes one file into the staging folder. Safe to call from several threads.
    public func write(_ file: OutputFile) throws(PublishError) {
        let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
        guard !file.path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw PublishError(path: file.path, message: "输出路径不合法")
        }
        lock.lock()
        let isNew = paths.insert(file.path).inserted
        let wasReused = !isNew && reusedPaths.remove(file.path) != nil
        if wasReused { unchanged -= 1 }
        lock.unlock()
        guard isNew || wasReused else { throw PublishError(path: file.path, message: "两个输出文件使用了同一路径") }

        let target = staging.appendingPathComponent(file.path)
        // A linked file shares its inode with the published one: unlink, never write through it.
        if wasReused { unlink(target.path) }
        let folder = target.deletingLastPathComponent()
        try makeFolder(folder)
        let previous = destination.appendingPathComponent(file.path)
        if Self.sameBytes(previous.path, file.bytes), link(previous.path, target.path) == 0 {
            lock.lock()
            unchanged += 1
            lock.unlock()
            return
        }
        if let failure = Self.writeFile(target.path, file.bytes) {
            throw PublishError(path: file.path, message: "写入失败:\(failure)")
        }
        lock.lock()
        written += 1
        lock.unlock()
    }

    private func makeFolder(_ folder: URL) throws(PublishError) {
        lock.lock()
        let known = createdFolders.contains(folder.path)
        lock.unlock()
        if known { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: folder.path, message: "无法创建目录:\(Self.reason(error))")
        }
        lock.lock()
        createdFolders.insert(folder.path)
        lock.unlock()
    }

    /// Writes bytes with plain POSIX calls. Foundation's `Data.write` flushes every file to disk
    /// before returning, which made writing 20,000 pages take seconds; one `syncfs` before the swap
    /// (in `commit`) gives the same guarantee for the whole site at once.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return Self.describe(errno: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return Self.describe(errno: errno)
            }
            written += result
        }
        return nil
    }

    /// Puts the staged site in place of Public/ in one step and removes the previous site.
    /// Swaps the staged site in. With `removeOldLater` the previous site is moved aside and removed
    /// on a background thread — for the preview server, whose rebuild is done once the new site is
    /// in place; removing 40,000 files takes longer than rendering one department.
    public func commit(removeOldLater: Bool = false) throws(PublishError) {
        let manager = FileManager.default
        // Everything staged is on disk before it becomes the published site, so a power cut right
        // after the swap cannot leave empty pages behind.
        guard perfsite_sync_file_system(staging.path) == 0 else {
            throw PublishError(path: staging.path, message: "无法写入磁盘:\(Self.describe(errno: errno))")
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PublishError(path: destination.path, message: "发布目录已存在但不是文件夹")
            }
            if perfsite_exchange_paths(staging.path, destination.path) != 0 {
                // No RENAME_EXCHANGE on this file system: two renames, with a short window in between.
                let old = destination.deletingLastPathComponent().appendingPathComponent(
                    ".\(destination.lastPathComponent).previous")
                try? manager.removeItem(at: old)
                guard rename(destination.path, old.path) == 0 else {
                    throw PublishError(path: destination.path, message: "无法替换发布目录:\(Self.describe(errno: errno))")
                }
                guard rename(staging.path, destination.path) == 0 else {
                    let reason = Self.describe(errno: errno)
                    _ = rename(old.path, destination.path)
                    throw PublishError(path: destination.path, message: "无法替换发布目录:\(reason)")
                }
                try? manager.removeItem(at: old)
                return
            }
            // The staging path now holds the previous site.
            if removeOldLater {
                let trash = destination.deletingLastPathComponent().appendingPathComponent(
                    ".\(destination.lastPathComponent).old-\(UUID().uuidString)")
                if rename(staging.path, trash.path) == 0 {
                    Thread.detachNewThread { _ = perfsite_remove_tree(trash.path) }
                    return
                }
            }
            if perfsite_remove_tree(staging.path) != 0 { try? manager.removeItem(at: staging) }
        } else {
            guard rename(staging.path, destination.path) == 0 else {
                throw PublishError(path: destination.path, message: "无法创建发布目录:\(Self.describe(errno: errno))")
            }
        }
    }

    /// Removes the staging folder, leaving Public/ untouched.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    public var counts: (written: Int, unchanged: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (written, unchanged)
    }

    private static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
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

/// A publishing step that failed, at the path concerned. The previous Public/ is left as it was.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): error: \(message)" }
}
