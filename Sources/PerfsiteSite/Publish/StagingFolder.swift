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
    /// The digests the previous manifest gives the published files (see `PublishIO.isUnchanged`).
    private let previousFiles: ManifestFiles
    private let published: PublishedPaths
    private let folders = KnownFolders()
    /// The two folders' paths as Strings, made once: `URL.path` per file was 1% of a full build.
    private let stagingPath: String
    private let destinationPath: String
    /// Public/ was there when the build began. Without it (a first build, the benchmarks' cold
    /// ones) no file can be unchanged, and asking was one failed `stat` per file: 400,000 at
    /// 10,000 departments.
    private let hasPreviousSite: Bool

    init(destination: URL, previousFiles: ManifestFiles = ManifestFiles()) throws(PublishError) {
        self.destination = destination.standardizedFileURL
        self.previousFiles = previousFiles
        published = PublishedPaths(previous: previousFiles)
        hasPreviousSite = FileManager.default.fileExists(atPath: self.destination.path)
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).staging")
        stagingPath = staging.path
        destinationPath = self.destination.path
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: staging.path) {
                // Left by an interrupted build.
                if !PublishIO.removeTree(staging.path) { try FileManager.default.removeItem(at: staging) }
            }
            // Previous sites a preview server was still removing when it stopped.
            let prefix = ".\(self.destination.lastPathComponent).old-"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
            where name.hasPrefix(prefix) {
                _ = PublishIO.removeTree(parent.appendingPathComponent(name).path)
            }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw PublishError(path: staging.path, message: "无法创建临时发布目录:\(PublishIO.reason(error))")
        }
    }

    /// Links files of the previous site into the staging folder unchanged, for a department whose
    /// pages need no rendering. False when one is gone (the caller writes them all instead; those
    /// linked already are kept, so that writing them unlinks them first and never writes
    /// through a link into the previous site).
    public func reuse(previous range: Range<Int>) throws(PublishError) -> Bool {
        var linked = range.lowerBound
        defer { published.keep(previous: range.lowerBound..<linked) }
        for index in range {
            let path = String(decoding: previousFiles.path(at: index), as: UTF8.self)
            // String paths: URL's path operations cost more than the link itself.
            let target = stagingPath + "/" + path
            try folders.ensure(String(PublishIO.folder(of: target)!))
            guard link(destinationPath + "/" + path, target) == 0 else { return false }
            linked += 1
        }
        return true
    }

    func beginStream(_ path: String, hashed: Bool) throws(PublishError) -> StreamedFile {
        let wasReused = try published.claim(path)
        let target = stagingPath + "/" + path
        if wasReused { unlink(target) }
        try folders.ensure(String(PublishIO.folder(of: target)!))
        return try StreamedFile(path: path, diskPath: target, hashed: hashed)
    }

    func finishStream(_ stream: StreamedFile) throws(PublishError) -> FileDigest? {
        let digest = try stream.close()
        let previous = destinationPath + "/" + stream.path
        // The same bytes as before: the previous file, with its mtime, takes the new one's place
        // (linked beside it, then renamed over it; if that fails the new copy stays).
        let linked = stream.diskPath + ".perfsite-link"
        if hasPreviousSite,
            PublishIO.isUnchanged(previous, stream, digest: digest, previous: previousFiles[stream.path]),
            link(previous, linked) == 0
        {
            if rename(linked, stream.diskPath) == 0 {
                published.countUnchanged()
                return digest
            }
            unlink(linked)
        }
        try stream.makeCopy()
        published.countWritten()
        return digest
    }

    public func writtenPath(of path: String) -> String { stagingPath + "/" + path }

    /// Writes one file into the staging folder. Safe to call from several threads.
    func write(_ file: OutputFile, digest: FileDigest) throws(PublishError) {
        let wasReused = try published.claim(file.path)

        let target = stagingPath + "/" + file.path
        // A linked file shares its inode with the published one: unlink, never write through it.
        if wasReused { unlink(target) }
        try folders.ensure(String(PublishIO.folder(of: target)!))
        let previous = destinationPath + "/" + file.path
        if hasPreviousSite,
            PublishIO.isUnchanged(previous, file.bytes, digest: digest, previous: previousFiles[file.path]),
            link(previous, target) == 0
        {
            published.countUnchanged()
            return
        }
        if let failure = PublishIO.writeFile(target, file.bytes) {
            throw PublishError(path: file.path, message: "写入失败:\(failure)")
        }
        published.countWritten()
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
            throw PublishError(path: staging.path, message: "无法写入磁盘:\(PublishIO.describe(errno: errno))")
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
                    throw PublishError(path: destination.path, message: "无法替换发布目录:\(PublishIO.describe(errno: errno))")
                }
                guard rename(staging.path, destination.path) == 0 else {
                    let reason = PublishIO.describe(errno: errno)
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
                    // One thread: the preview server builds again meanwhile.
                    Thread.detachNewThread { _ = perfsite_remove_tree(trash.path) }
                    return
                }
            }
            if !PublishIO.removeTree(staging.path) { try? manager.removeItem(at: staging) }
        } else {
            guard rename(staging.path, destination.path) == 0 else {
                throw PublishError(path: destination.path, message: "无法创建发布目录:\(PublishIO.describe(errno: errno))")
            }
        }
    }

    /// Removes the staging folder, leaving Public/ untouched.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    public var counts: (written: Int, unchanged: Int) { published.counts }
}

/// A publishing step that failed, at the path concerned. The previous Public/ is left as it was.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): error: \(message)" }
}
