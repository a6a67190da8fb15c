import Foundation

/// Files with their digests, packed and sorted by path: what a previous manifest.json lists, and
/// what a build records for the next one (`Manifest`, up to its memory budget). A
/// rebuild looks each new file up here, takes a department's files as one range (every path under
/// `2026/d1/` sorts together), and removes what the new site no longer has. At 30,000
/// departments there are 1.2 million; as a `[String: FileDigest]` grouped again by folder they
/// were 300 MB, and a one-table rebuild needed more memory than the full build it followed.
/// Here a file is its path's bytes in a shared block and 40 bytes of entry.
struct ManifestFiles: Sendable {
    private struct Entry: Sendable {
        /// Block × `blockBytes` + offset in the block.
        var start: UInt32
        var length: UInt32
        var digest: FileDigest
    }

    private static let blockBytes = 1 << 20
    private var blocks: [[UInt8]] = []
    private var entries: [Entry] = []
    /// Whether the entries are in path order with each path once, as manifest.json lists them.
    /// Asked before `finish`: then `finish` leaves their positions as they were appended.
    private(set) var isSorted = true

    init() {}

    init(_ files: [String: FileDigest]) {
        for (path, digest) in files { append(path: path.utf8, digest: digest) }
        finish()
    }

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    /// The memory the files take: their paths' bytes and their entries.
    private(set) var byteCount = 0

    /// Room for `count` files, as a file's size foretells them: growing the entries by doubling
    /// copied them and touched new pages each time.
    mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

    /// Adds a file; `finish` must follow the last one.
    mutating func append(path: some Collection<UInt8>, digest: FileDigest) {
        // A path is at most PATH_MAX bytes, far less than a block.
        if blocks.isEmpty || blocks[blocks.count - 1].count + path.count > Self.blockBytes {
            blocks.append([])
            blocks[blocks.count - 1].reserveCapacity(Self.blockBytes)
        }
        let block = blocks.count - 1
        let start = block * Self.blockBytes + blocks[block].count
        blocks[block].append(contentsOf: path)
        let entry = Entry(start: UInt32(start), length: UInt32(path.count), digest: digest)
        if isSorted, let last = entries.last, Self.compare(bytes(of: last), bytes(of: entry)) >= 0 { isSorted = false }
        entries.append(entry)
        byteCount += path.count + MemoryLayout<Entry>.stride
    }

    /// Sorts the entries if they came out of order, keeping the last digest of a path given twice.
    mutating func finish() {
        guard !isSorted else { return }
        let order = entries.indices.sorted { left, right in
            let order = Self.compare(bytes(of: entries[left]), bytes(of: entries[right]))
            return order != 0 ? order < 0 : left < right
        }
        var sorted: [Entry] = []
        sorted.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            if position + 1 < order.count,
                Self.compare(bytes(of: entries[index]), bytes(of: entries[order[position + 1]])) == 0
            {
                continue
            }
            sorted.append(entries[index])
        }
        entries = sorted
        isSorted = true
    }

    subscript(path: String) -> FileDigest? { index(of: path).map { entries[$0].digest } }

    /// The files whose path starts with `folder` (`2026/d1/`), in path order.
    func files(under folder: String) -> [(path: String, digest: FileDigest)] {
        range(under: folder).map { (String(decoding: path(at: $0), as: UTF8.self), digest(at: $0)) }
    }

    /// The positions of the files whose path starts with `folder`: a department's files are one
    /// range, which a rebuild keeps as a whole (`PublishTarget.reuse(previous:)`) without making
    /// a String of each path.
    ///
    /// Two binary searches: the paths under `folder` are those from `folder` up to the first
    /// path not below `folder` with its last byte one higher (in byte order, every path that
    /// starts with `2026/d1/` sorts before `2026/d10`). Walking the department's 40 files one by
    /// one had been 1% of a one-table rebuild's instructions, asked for each of 1,000 folders.
    func range(under folder: String) -> Range<Int> {
        var prefix = Array(folder.utf8)
        guard let last = prefix.last else { return 0..<entries.count }  // every path
        let start = lowerBound(prefix[...])
        // UTF-8 has no byte above 0xF4, so the last byte can always be raised.
        prefix[prefix.count - 1] = last + 1
        return start..<lowerBound(prefix[...], from: start)
    }

    /// The position of a path's entry, if it has one (after `finish`).
    func index(of path: String) -> Int? {
        let key = Array(path.utf8)[...]
        let index = lowerBound(key)
        guard index < entries.count, Self.compare(bytes(of: entries[index]), key) == 0 else { return nil }
        return index
    }

    func path(at index: Int) -> ArraySlice<UInt8> { bytes(of: entries[index]) }

    func digest(at index: Int) -> FileDigest { entries[index].digest }

    /// Calls `body` with the position and path of each file in `range`, the path's bytes valid
    /// only during the call. An `ArraySlice` per path retains and releases its block, and the file
    /// check's threads, asking for every path of the site, made those counts contend (1% of a
    /// one-table rebuild's samples at 1,000 departments, perf).
    func forEachPath(in range: Range<Int>, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        var index = range.lowerBound
        while index < range.upperBound {
            let block = Int(entries[index].start) / Self.blockBytes
            blocks[block].withUnsafeBufferPointer { bytes in
                while index < range.upperBound, Int(entries[index].start) / Self.blockBytes == block {
                    let offset = Int(entries[index].start) % Self.blockBytes
                    body(index, UnsafeBufferPointer(rebasing: bytes[offset..<offset + Int(entries[index].length)]))
                    index += 1
                }
            }
        }
    }

    /// Every file's path bytes and digest, in order (after `finish`).
    func forEach<Failure: Error>(_ body: (ArraySlice<UInt8>, FileDigest) throws(Failure) -> Void) throws(Failure) {
        for entry in entries { try body(bytes(of: entry), entry.digest) }
    }

    /// As a dictionary: for tests.
    var dictionary: [String: FileDigest] {
        Dictionary(
            entries.map { (String(decoding: bytes(of: $0), as: UTF8.self), $0.digest) },
            uniquingKeysWith: { _, last in last })
    }

    private func bytes(of entry: Entry) -> ArraySlice<UInt8> {
        let start = Int(entry.start)
        let offset = start % Self.blockBytes
        return blocks[start / Self.blockBytes][offset..<offset + Int(entry.length)]
    }

    /// The first entry from `start` whose path is not below `key`.
    private func lowerBound(_ key: ArraySlice<UInt8>, from start: Int = 0) -> Int {
        var low = start
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if Self.compare(bytes(of: entries[middle]), key) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// UTF-8 byte order (code point order), a prefix first: the order manifest.json lists files in.
    static func compare(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, common) }
            }
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
