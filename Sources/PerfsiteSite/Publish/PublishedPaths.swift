import Foundation

/// What a build has published so far — each path once, those kept from the previous site, how
/// many files were written and how many left as they were: the bookkeeping both publish targets
/// share. Safe from several threads.
final class PublishedPaths: @unchecked Sendable {
    /// A path as two independent 64-bit hashes: 16 bytes in a set, where the path itself was a
    /// String and its heap storage, ~100 bytes — the set holds every file of the site, 25 MB of the
    /// build's peak at 10,000 departments. Two different paths share a key with a probability
    /// below 10⁻²⁶ for a million files (n²/2¹²⁹); this process's random hashing seed keeps it from being
    /// chosen.
    struct Key: Hashable {
        var first: Int
        var second: Int

        init(_ path: String) {
            var hasher = Hasher()
            hasher.combine(path)
            first = hasher.finalize()
            hasher = Hasher()
            hasher.combine(UInt8(1))  // a different start: a second, independent hash
            hasher.combine(path)
            second = hasher.finalize()
        }
    }

    private let lock = NSLock()
    private var paths: Set<Key> = []
    /// Kept by `keep`: a department found incomplete is rendered, and its files written once more.
    private var kept: Set<Key> = []
    private var written = 0
    private var unchanged = 0

    /// Files of the previous site kept as they are, under one lock: every core keeps folders at once.
    func keep(_ keptPaths: [String]) {
        let keys = keptPaths.map(Key.init)
        lock.lock()
        for key in keys {
            paths.insert(key)
            kept.insert(key)
        }
        unchanged += keys.count
        lock.unlock()
    }

    /// Takes a path about to be written: safe, and not written twice. Returns whether it had been
    /// kept by `keep` (its old file is then to be replaced).
    func claim(_ path: String) throws(PublishError) -> Bool {
        guard PublishIO.isSafe(path) else { throw PublishError(path: path, message: "输出路径不合法") }
        let key = Key(path)
        lock.lock()
        let isNew = paths.insert(key).inserted
        let wasKept = !isNew && kept.remove(key) != nil
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

    /// Whether the path has been published so far.
    func contains(_ path: String) -> Bool {
        let key = Key(path)
        lock.lock()
        defer { lock.unlock() }
        return paths.contains(key)
    }
}
