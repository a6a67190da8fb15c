import Foundation

/// What a build has published so far — each path once, those kept from the previous site, how
/// many files were written and how many left as they were: the bookkeeping both publish targets
/// share. Safe from several threads.
final class PublishedPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []
    /// Kept by `keep`: a department found incomplete is rendered, and its files written once more.
    private var kept: Set<String> = []
    private var written = 0
    private var unchanged = 0

    /// A file of the previous site kept as it is.
    func keep(_ path: String) {
        lock.lock()
        paths.insert(path)
        kept.insert(path)
        unchanged += 1
        lock.unlock()
    }

    /// Takes a path about to be written: safe, and not written twice. Returns whether it had been
    /// kept by `keep` (its old file is then to be replaced).
    func claim(_ path: String) throws(PublishError) -> Bool {
        guard PublishIO.isSafe(path) else { throw PublishError(path: path, message: "输出路径不合法") }
        lock.lock()
        let isNew = paths.insert(path).inserted
        let wasKept = !isNew && kept.remove(path) != nil
        if wasKept { unchanged -= 1 }
        lock.unlock()
        guard isNew || wasKept else { throw PublishError(path: path, message: "两个输出文件使用了同一路径") }
        return wasKept
    }

    func countWritten() {
        lock.lock()
        written += 1
        lock.unlock()
    }

    func countUnchanged() {
        lock.lock()
        unchanged += 1
        lock.unlock()
    }

    var counts: (written: Int, unchanged: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (written, unchanged)
    }

    /// Every path published so far.
    var all: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return paths
    }
}
