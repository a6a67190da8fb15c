import Foundation

/// Folders already created this build, so that the thousands of files sharing a folder cost no
/// system call for it. Bounded: files come department by department, so a folder is rarely
/// needed again once a few thousand others were made since — and at 10,000 departments the
/// full set was 300,000 paths, 30 MB. A forgotten folder costs one `mkdir` that finds it there.
final class KnownFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: Set<String> = []
    static let limit = 4096

    /// Creates `folder` (and its parents) unless it is known to exist.
    func ensure(_ folder: String) throws(PublishError) {
        lock.lock()
        let known = folders.contains(folder)
        lock.unlock()
        if known { return }
        if let failure = PublishIO.makeFolders(folder) {
            throw PublishError(path: folder, message: "无法创建目录:\(failure)")
        }
        lock.lock()
        if folders.count >= Self.limit { folders.removeAll(keepingCapacity: true) }
        folders.insert(folder)
        lock.unlock()
    }
}
