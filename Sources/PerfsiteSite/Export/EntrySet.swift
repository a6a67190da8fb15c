/// A set of positions in the previous manifest (`ManifestFiles`), a bit each: the files a rebuild
/// keeps are nearly all of the site, and both the publisher's bookkeeping (`PublishedPaths`) and
/// the new manifest (`Manifest`) ask it for every one of them.
struct EntrySet: Sendable {
    private var words: [UInt64]

    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    mutating func insert(_ range: Range<Int>) {
        for index in range { words[index >> 6] |= 1 << UInt64(index & 63) }
    }

    mutating func remove(_ index: Int) { words[index >> 6] &= ~(1 << UInt64(index & 63)) }

    func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    /// How many positions are in both sets.
    func intersectionCount(_ other: EntrySet) -> Int {
        zip(words, other.words).reduce(0) { $0 + ($1.0 & $1.1).nonzeroBitCount }
    }
}
