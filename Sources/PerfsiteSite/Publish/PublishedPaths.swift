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
            // The path's UTF-8 bytes, not the String: a String hashes its canonical form, a check
            // per character (1.5% of a full build's samples, for 40,000 paths hashed twice), and
            // two paths that differ only in composed and decomposed characters are two files.
            var path = path
            (first, second) = path.withUTF8 { bytes in
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                let first = hasher.finalize()
                hasher = Hasher()
                hasher.combine(UInt8(1))  // a different start: a second, independent hash
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                return (first, hasher.finalize())
            }
        }
    }

    private let lock = NSLock()
    /// The paths claimed for writing, in sets chosen by a key's top bits. One set doubled its
    /// storage as the site grew, and while it did the old and the new table were both held: at
    /// 30,000 departments (1.2 million files) 17 + 34 MB, which made the build's heap peak
    /// (heaptrack). A shard grows a 64th of that at a time.
    private var paths = [Set<Key>](repeating: [], count: PublishedPaths.shardCount)
    private static let shardCount = 64

    private static func shard(of key: Key) -> Int { Int(UInt(bitPattern: key.second) >> 58) }
    /// The previous manifest's files, and a bit per file kept by `keep(previous:)`: a rebuild keeps
    /// nearly every file of the site, and hashing each path into `paths` twice (`Key`) was 6% of
    /// a one-table rebuild's CPU at 1,000 departments. A kept file is found by its position.
    private let previous: ManifestFiles
    private var keptPrevious: EntrySet
    private var written = 0
    private var unchanged = 0

    init(previous: ManifestFiles = ManifestFiles()) {
        self.previous = previous
        keptPrevious = EntrySet(capacity: previous.count)
    }

    /// Files of the previous site kept as they are, by their positions in the previous manifest.
    func keep(previous range: Range<Int>) {
        lock.lock()
        keptPrevious.insert(range)
        unchanged += range.count
        lock.unlock()
    }

    /// Whether the previous manifest's file at `index` was kept, and has not been claimed since.
    func isKept(previous index: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return keptPrevious.contains(index)
    }

    /// How many of `files` (positions in the previous manifest) are kept and not claimed since.
    func keptCount(of files: EntrySet) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return keptPrevious.intersectionCount(files)
    }

    /// Takes a path about to be written: safe, and not written twice. Returns whether it had been
    /// kept by `keep` (its old file is then to be replaced).
    func claim(_ path: String) throws(PublishError) -> Bool {
        guard PublishIO.isSafe(path) else { throw PublishError(path: path, message: "输出路径不合法") }
        let key = Key(path)
        let index = previous.isEmpty ? nil : previous.index(of: path)
        lock.lock()
        let isNew = paths[Self.shard(of: key)].insert(key).inserted
        var wasKept = false
        if isNew, let index, keptPrevious.contains(index) {
            keptPrevious.remove(index)
            unchanged -= 1
            wasKept = true
        }
        lock.unlock()
        guard isNew else { throw PublishError(path: path, message: "两个输出文件使用了同一路径") }
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

    /// Whether the path has been claimed for writing so far.
    func isClaimed(_ path: String) -> Bool {
        let key = Key(path)
        lock.lock()
        defer { lock.unlock() }
        return paths[Self.shard(of: key)].contains(key)
    }

    /// Whether the path has been published so far, written or kept.
    func contains(_ path: String) -> Bool {
        isClaimed(path) || (previous.index(of: path).map { isKept(previous: $0) } ?? false)
    }
}
