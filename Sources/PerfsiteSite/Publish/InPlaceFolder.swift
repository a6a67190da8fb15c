import CPosixShims
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Publishing straight into Public/: each changed file is written beside its old version and
/// renamed over it, unchanged files are not touched, files the new site no longer has are removed.
/// The cost follows the change — a one-table edit of a 40,000-file site writes a few dozen files —
/// where `StagingFolder` links every unchanged file into a new folder to swap in.
///
/// What it gives up is the whole-site swap: each file is replaced atomically, but a build that is
/// killed or fails half-way leaves some pages new and some old. A marker file in Public/ says so
/// from the first write until the new manifest is in place; a build that finds it does not trust
/// the previous site and publishes the whole site through a staging folder.
public final class InPlaceFolder: @unchecked Sendable {
    /// Present in Public/ while an in-place build is writing, and after one that did not finish.
    public static let markerName = ".perfsite-incomplete"

    public let destination: String
    /// The files the previous build published (manifest.json), removed at commit unless written again.
    private let previousFiles: ManifestFiles
    private let published: PublishedPaths
    private let folders = KnownFolders()
    /// The previous files not on disk when the build started (`missingFiles(of:in:)`), when the
    /// build waited for them; else none, and `checking` finds them while the build runs.
    private let missing: EntrySet
    private let checking: SiteWideWork<EntrySet>?

    /// Whether a previous in-place build stopped before it finished.
    public static func wasInterrupted(_ destination: URL) -> Bool {
        access(destination.standardizedFileURL.path + "/" + markerName, F_OK) == 0
    }

    /// `missing`: what `missingFiles(of:in:)` found of `previousFiles`. Or `checking`, finding it
    /// while the build runs: the build then keeps every previous file it does not write, as if
    /// none were missing, and asks `keptMissingFileCount` before it commits.
    init(
        destination: URL, previousFiles: ManifestFiles, missing: EntrySet,
        checking: SiteWideWork<EntrySet>? = nil
    ) throws(PublishError) {
        self.destination = destination.standardizedFileURL.path
        self.previousFiles = previousFiles
        self.missing = missing
        self.checking = checking
        published = PublishedPaths(previous: previousFiles)
        // The marker is on disk before any page changes, so no crash can hide a half-written site.
        let marker = self.destination + "/" + Self.markerName
        if let failure = PublishIO.writeFile(
            marker, Array("perfsite build 正在原地更新此目录;若构建中断,下次构建会重新生成整个网站。\n".utf8))
        {
            throw PublishError(path: marker, message: "无法写入:\(failure)")
        }
        guard Self.sync(file: marker), Self.sync(file: self.destination) else {
            throw PublishError(path: marker, message: "无法写入磁盘:\(PublishIO.describe(errno: errno))")
        }
    }

    /// The positions of the previous build's files that are not in `destination`. A file kept
    /// from the previous build must still be there (someone may have deleted it from Public/), and
    /// a one-table rebuild keeps nearly every file of the site: asking for 39,000 files at 1,000
    /// departments is 80 ms of system calls, which is why this runs as soon as the previous
    /// manifest is read, beside the check of the tables, rather than when files are kept.
    ///
    /// A folder with many of the files (the search index's cards, lists and shards: 7,000 of the
    /// 39,000) is listed once instead: reading its names costs about 0.4 µs a file, where asking
    /// for each file walks its path again, about 2 µs.
    static func missingFiles(of files: ManifestFiles, in destination: URL) -> EntrySet {
        var missing = EntrySet(capacity: files.count)
        let folder = open(destination.standardizedFileURL.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else {
            missing.insert(0..<files.count)
            return missing
        }
        defer { close(folder) }
        let found = FileCheck.plan(files).parallelMap { check -> [Int] in
            switch check {
            case .eachFile(let range): Self.absentFiles(range, of: files, in: folder)
            case .listFolder(let range, let nameStart): Self.absentNames(range, nameStart, of: files, in: folder)
            }
        }
        for index in found.joined() { missing.insert(index..<index + 1) }
        return missing
    }

    /// How the previous files are asked for: a run of files in one folder, in path order, by
    /// listing the folder, the others file by file, in pieces that the cores share.
    enum FileCheck: Equatable {
        case eachFile(Range<Int>)
        /// The files' names start at `nameStart` bytes into their paths.
        case listFolder(Range<Int>, nameStart: Int)

        /// Fewer files in a folder are asked for one by one: listing a department's folder
        /// (four files beside its task folders) costs more than asking for them.
        static let listedRun = 32

        /// Each run of paths in one folder is found by comparing each path's folder with the
        /// run's, on the bytes where the manifest keeps them: slices of each path had made the
        /// plan 2% of a one-table rebuild's instructions at 1,000 departments.
        static func plan(_ files: ManifestFiles) -> [FileCheck] {
            var checks: [FileCheck] = []
            var single = 0..<0  // files not yet in a check, asked for one by one
            func flushSingle() {
                for start in stride(from: single.lowerBound, to: single.upperBound, by: 2048) {
                    checks.append(.eachFile(start..<min(start + 2048, single.upperBound)))
                }
            }
            // The run of files in one folder being read: where it starts, and its folder with the slash.
            var runStart = 0
            var folder: [UInt8] = []
            func endRun(at end: Int) {
                guard end > runStart else { return }
                if end - runStart >= listedRun && !folder.isEmpty {
                    flushSingle()
                    single = end..<end
                    checks.append(.listFolder(runStart..<end, nameStart: folder.count))
                } else {
                    single = single.lowerBound..<end
                }
            }
            files.forEachPath(in: 0..<files.count) { index, path in
                var nameStart = path.count
                while nameStart > 0 && path[nameStart - 1] != UInt8(ascii: "/") { nameStart -= 1 }
                let sameFolder =
                    nameStart == folder.count
                    && (nameStart == 0
                        || folder.withUnsafeBytes { memcmp($0.baseAddress!, path.baseAddress!, nameStart) == 0 })
                guard !sameFolder || index == 0 else { return }
                endRun(at: index)
                runStart = index
                folder.removeAll(keepingCapacity: true)
                folder.append(contentsOf: path[..<nameStart])
            }
            endRun(at: files.count)
            flushSingle()
            return checks
        }
    }

    /// Asked relative to Public/, with the path's bytes straight from the manifest's and the
    /// zero byte C wants after them: no String per file.
    private static func absentFiles(_ range: Range<Int>, of files: ManifestFiles, in folder: Int32) -> [Int] {
        var path = [CChar](repeating: 0, count: 256)
        var absent: [Int] = []
        files.forEachPath(in: range) { index, bytes in
            if !exists(bytes, in: folder, buffer: &path) { absent.append(index) }
        }
        return absent
    }

    private static func exists(
        _ bytes: UnsafeBufferPointer<UInt8>, in folder: Int32, buffer path: inout [CChar]
    ) -> Bool {
        if bytes.count >= path.count { path = [CChar](repeating: 0, count: bytes.count + 1) }
        path.withUnsafeMutableBytes { target in
            target.copyMemory(from: UnsafeRawBufferPointer(bytes))
            target[bytes.count] = 0
        }
        return faccessat(folder, path, F_OK, 0) == 0
    }

    /// The files of one folder, found by the names it lists. An entry that is a link (which may
    /// point nowhere) or of a type the file system does not say is asked for as `exists` would,
    /// and so is every file if the folder cannot be listed.
    private static func absentNames(
        _ range: Range<Int>, _ nameStart: Int, of files: ManifestFiles, in folder: Int32
    ) -> [Int] {
        let folderPath = files.path(at: range.lowerBound).prefix(nameStart)
        var path = [CChar](repeating: 0, count: 256)
        let descriptor: Int32 = folderPath.withUnsafeBytes { bytes in
            var name = [CChar](repeating: 0, count: bytes.count + 1)
            name.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
            return openat(folder, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard descriptor >= 0, let listing = fdopendir(descriptor) else {
            if descriptor >= 0 { close(descriptor) }
            return absentFiles(range, of: files, in: folder)
        }
        defer { closedir(listing) }
        var names: Set<[UInt8]> = []
        var unsure: Set<[UInt8]> = []  // links, unknown types: asked for one by one
        names.reserveCapacity(range.count)
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_LNK), Int32(DT_UNKNOWN): unsure.insert(name)
            default: names.insert(name)
            }
        }
        var absent: [Int] = []
        files.forEachPath(in: range) { index, filePath in
            let name = Array(filePath.dropFirst(nameStart))
            if names.contains(name) { return }
            if unsure.contains(name), exists(filePath, in: folder, buffer: &path) { return }
            absent.append(index)
        }
        return absent
    }

    /// How many files this build kept from the previous site were missing when it started
    /// (waiting for `checking`; none without it). The build is then published as it is — the
    /// files were missing before it too — and built again, with the missing files known
    /// (`SiteBuilder.build()`). A file written meanwhile (renamed over its old version) is never
    /// seen missing, and one written by this build is not kept.
    func keptMissingFileCount() -> Int {
        guard let checking else { return 0 }
        return published.keptCount(of: Self.waitForMissingFiles(checking, count: previousFiles.count))
    }

    /// What `checking` found; every file if it failed (it cannot: `missingFiles` does not throw).
    static func waitForMissingFiles(_ checking: SiteWideWork<EntrySet>, count: Int) -> EntrySet {
        if let missing = try? checking.wait() { return missing }
        var every = EntrySet(capacity: count)
        every.insert(0..<count)
        return every
    }

    public func reuse(previous range: Range<Int>) throws(PublishError) -> Bool {
        guard !range.contains(where: missing.contains) else { return false }
        published.keep(previous: range)
        return true
    }

    /// Keeps every file of `ranges`, or none if one of them is missing.
    func reuse(previous ranges: [Range<Int>]) -> Bool {
        guard !ranges.contains(where: { $0.contains(where: missing.contains) }) else { return false }
        for range in ranges { published.keep(previous: range) }
        return true
    }

    /// Takes a path for this build (`PublishedPaths.claim`); never the marker's.
    private func claim(_ path: String) throws(PublishError) {
        guard path != Self.markerName else { throw PublishError(path: path, message: "输出路径不合法") }
        _ = try published.claim(path)
    }

    func beginStream(_ path: String, hashed: Bool) throws(PublishError) -> StreamedFile {
        try claim(path)
        let target = destination + "/" + path
        if let folder = PublishIO.folder(of: target) { try folders.ensure(String(folder)) }
        return try StreamedFile(path: path, diskPath: target + ".perfsite-new", hashed: hashed)
    }

    func finishStream(_ stream: StreamedFile) throws(PublishError) -> FileDigest? {
        let digest = try stream.close()
        let target = destination + "/" + stream.path
        if PublishIO.isUnchanged(target, stream, digest: digest, previous: previousFiles[stream.path]) {
            unlink(stream.diskPath)
            published.countUnchanged()
            return digest
        }
        do {
            try stream.makeCopy()
        } catch {
            unlink(stream.diskPath)
            throw error
        }
        guard rename(stream.diskPath, target) == 0 else {
            let reason = PublishIO.describe(errno: errno)
            unlink(stream.diskPath)
            throw PublishError(path: stream.path, message: "写入失败:\(reason)")
        }
        published.countWritten()
        return digest
    }

    public func writtenPath(of path: String) -> String { destination + "/" + path }

    func write(_ file: OutputFile, digest: FileDigest) throws(PublishError) {
        try claim(file.path)
        let target = destination + "/" + file.path
        if PublishIO.isUnchanged(target, file.bytes, digest: digest, previous: previousFiles[file.path]) {
            published.countUnchanged()
            return
        }
        if let folder = PublishIO.folder(of: target) { try folders.ensure(String(folder)) }
        // Beside the old version, then renamed over it: a reader never sees half a file.
        let temporary = target + ".perfsite-new"
        if let failure = PublishIO.writeFile(temporary, file.bytes) {
            unlink(temporary)
            throw PublishError(path: file.path, message: "写入失败:\(failure)")
        }
        guard rename(temporary, target) == 0 else {
            let reason = PublishIO.describe(errno: errno)
            unlink(temporary)
            throw PublishError(path: file.path, message: "写入失败:\(reason)")
        }
        published.countWritten()
    }

    /// Removes what the previous site had and this one has not (and the folders that leaves
    /// empty), makes everything durable, and only then removes the marker.
    public func commit(removeOldLater: Bool = false) throws(PublishError) {
        var emptied: Set<String> = []
        for index in 0..<previousFiles.count where !published.isKept(previous: index) {
            let path = String(decoding: previousFiles.path(at: index), as: UTF8.self)
            guard !published.isClaimed(path) && PublishIO.isSafe(path) else { continue }
            guard unlink(destination + "/" + path) == 0 || errno == ENOENT else {
                throw PublishError(path: path, message: "无法删除旧文件:\(PublishIO.describe(errno: errno))")
            }
            if let folder = PublishIO.folder(of: path) { emptied.insert(String(folder)) }
        }
        // Deepest first; rmdir fails harmlessly on a folder that still holds something.
        for folder in emptied.sorted(by: { $0.count > $1.count }) {
            var current: Substring? = folder[...]
            while let path = current, !path.isEmpty, rmdir(destination + "/" + path) == 0 {
                current = PublishIO.folder(of: String(path))
            }
        }
        guard perfsite_sync_file_system(destination) == 0 else {
            throw PublishError(path: destination, message: "无法写入磁盘:\(PublishIO.describe(errno: errno))")
        }
        guard unlink(destination + "/" + Self.markerName) == 0, Self.sync(file: destination) else {
            throw PublishError(path: destination, message: "无法完成发布:\(PublishIO.describe(errno: errno))")
        }
    }

    /// Leaves the marker: the next build publishes the whole site again.
    public func discard() {}

    public var counts: (written: Int, unchanged: Int) { published.counts }

    private static func sync(file path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return fsync(descriptor) == 0
    }
}

extension InPlaceFolder: PublishTarget {}
