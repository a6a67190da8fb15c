import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The posting lists while the index is built. They are the one part of the index that grows
/// with the whole site, so past `memoryBudget` bytes they leave memory: every list so far, and
/// from then on every posting, goes to one of 256 bucket files by the term's FNV-1a hash, and at
/// the end the buckets are read back one at a time. A shard's terms all fall in one bucket (or, on
/// a site with fewer than 256 shards, a shard takes whole buckets), so a shard is written from
/// one bucket's postings. 10,000 departments: 37 million postings, 90 MB held in memory before.
struct PostingStore {
    static let bucketCount = 256
    /// Shards handed over at once when the postings are in memory.
    static let shardsPerGroup = 64
    let memoryBudget: Int
    private var body: [PostingList] = []
    private var title: [PostingList] = []
    private var bytesInMemory = 0
    private var spill: Spill?

    init(memoryBudget: Int) { self.memoryBudget = memoryBudget }

    /// Whether the postings went to disk: `forEachShardGroup` then hands over whole buckets.
    var isSpilled: Bool { spill != nil }

    /// The term's FNV-1a hash, which picks both its bucket and its shard.
    private var hashes: [UInt32] = []

    /// A document's postings: each of `terms` (numbered below `termCount`) gets `document`, which is
    /// above every document already added. The lists grow to `termCount` first, so that the
    /// postings are appended through one pointer to them: appended one call at a time, every
    /// posting checked the array of lists for a second owner before changing it (1% of a
    /// 1,000-department build, perf).
    mutating func add(
        document: Int32, terms: [Int32], inTitle: Bool, termCount: Int, hash: (Int32) -> UInt32
    ) throws {
        if let spill {
            for term in terms {
                try spill.add(
                    term: term, bucket: Int(hash(term) % UInt32(Self.bucketCount)), document: document,
                    inTitle: inTitle)
            }
            return
        }
        if body.count < termCount {
            bytesInMemory += 48 * (termCount - body.count)
            for term in body.count..<termCount {
                body.append(PostingList())
                title.append(PostingList())
                hashes.append(hash(Int32(term)))
            }
        }
        if inTitle {
            title.withUnsafeMutableBufferPointer { lists in
                for term in terms { lists[Int(term)].append(document) }
            }
        } else {
            body.withUnsafeMutableBufferPointer { lists in
                for term in terms { lists[Int(term)].append(document) }
            }
        }
        bytesInMemory += 2 * terms.count
    }

    /// Called between documents: moves the postings to disk once they pass the budget.
    mutating func spillIfOverBudget() throws {
        guard spill == nil, bytesInMemory > memoryBudget else { return }
        let spill = try Spill()
        for term in body.indices {
            let bucket = Int(hashes[term] % UInt32(Self.bucketCount))
            for document in body[term].documents {
                try spill.add(term: Int32(term), bucket: bucket, document: document, inTitle: false)
            }
            for document in title[term].documents {
                try spill.add(term: Int32(term), bucket: bucket, document: document, inTitle: true)
            }
        }
        body = []
        title = []
        hashes = []
        self.spill = spill
    }

    typealias Shard = (shard: Int, members: [(term: Int, body: PostingList, title: PostingList)])

    /// Shards' terms with their lists, a group of shards at a time (not in shard order once
    /// spilled): the shards of a group are written together, on all cores.
    mutating func forEachShardGroup(
        names: [String], shardCount: Int, _ visit: (_ group: [Shard]) throws -> Void
    ) throws {
        let shardOf = { (term: Int) in Int(SearchIndexBuilder.fnv1a(names[term]) % UInt32(shardCount)) }
        guard let spill else {
            var shards = [[Int]](repeating: [], count: shardCount)
            for term in names.indices { shards[shardOf(term)].append(term) }
            for start in stride(from: 0, to: shardCount, by: Self.shardsPerGroup) {
                let group = (start..<min(start + Self.shardsPerGroup, shardCount)).map { shard in
                    (
                        shard: shard,
                        members: shards[shard].map { term in
                            (
                                term: term, body: term < body.count ? body[term] : PostingList(),
                                title: term < title.count ? title[term] : PostingList()
                            )
                        }
                    )
                }
                try visit(group)
                // Written: let them go.
                for shard in group {
                    for member in shard.members where member.term < body.count {
                        body[member.term] = PostingList()
                        title[member.term] = PostingList()
                    }
                }
            }
            return
        }
        try spill.finish()
        defer { spill.remove() }
        // What tokenizing and spilling freed goes back to the system before the shards are made.
        FreedMemory.release()
        // Groups of buckets, each holding whole shards.
        let groups: [[Int]] =
            shardCount >= Self.bucketCount
            ? (0..<Self.bucketCount).map { [$0] }
            : (0..<shardCount).map { shard in (0..<Self.bucketCount).filter { $0 % shardCount == shard } }
        for buckets in groups {
            var lists: [Int32: (body: PostingList, title: PostingList)] = [:]
            for bucket in buckets {
                try spill.read(bucket: bucket) { term, document, inTitle in
                    if inTitle {
                        lists[term, default: (PostingList(), PostingList())].title.append(document)
                    } else {
                        lists[term, default: (PostingList(), PostingList())].body.append(document)
                    }
                }
            }
            var shards: [Int: [Int]] = [:]
            for term in lists.keys { shards[shardOf(Int(term)), default: []].append(Int(term)) }
            try visit(
                shards.keys.sorted().map { shard in
                    (
                        shard: shard,
                        members: shards[shard]!.map {
                            (term: $0, body: lists[Int32($0)]!.body, title: lists[Int32($0)]!.title)
                        }
                    )
                })
        }
    }
}

/// The bucket files of spilled postings: 8 bytes a posting (term, then the document with the
/// top bit set for a title), buffered per bucket, in a temporary folder removed at the end.
private final class Spill {
    let folder: String
    private var descriptors: [Int32] = []
    private var buffers: [[UInt8]]
    static let bufferBytes = 16 << 10

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-postings-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        buffers = Array(repeating: [], count: PostingStore.bucketCount)
        for bucket in 0..<PostingStore.bucketCount {
            let descriptor = open(folder + "/\(bucket)", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw Self.failure(folder) }
            descriptors.append(descriptor)
        }
    }

    func add(term: Int32, bucket: Int, document: Int32, inTitle: Bool) throws {
        let marked = UInt32(bitPattern: document) | (inTitle ? 0x8000_0000 : 0)
        // The term in the low four bytes, little-endian, as `read` takes them: one append of
        // eight bytes (a byte at a time, this was a tenth of a 10,000-department rebuild).
        let record = UInt64(UInt32(bitPattern: term)) | UInt64(marked) << 32
        withUnsafeBytes(of: record.littleEndian) { buffers[bucket].append(contentsOf: $0) }
        if buffers[bucket].count >= Self.bufferBytes { try flush(bucket) }
    }

    private func flush(_ bucket: Int) throws {
        if let code = PublishIO.writeAll(descriptors[bucket], buffers[bucket]) {
            errno = code
            throw Self.failure(folder)
        }
        buffers[bucket].removeAll(keepingCapacity: true)
    }

    func finish() throws {
        for bucket in buffers.indices { try flush(bucket) }
        buffers = []
    }

    /// Every posting of a bucket, in the order added, read a block at a time.
    func read(bucket: Int, _ visit: (Int32, Int32, Bool) -> Void) throws {
        let descriptor = descriptors[bucket]
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw Self.failure(folder) }
        var block = [UInt8](repeating: 0, count: 64 << 10)
        var filled = 0  // bytes in `block`, a record cut by the previous read included
        while true {
            let count = block.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(folder)
            }
            if count == 0 { return }
            filled += count
            var offset = 0
            block.withUnsafeBytes { raw in
                while offset + 8 <= filled {
                    let record = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    offset += 8
                    let marked = UInt32(truncatingIfNeeded: record >> 32)
                    visit(
                        Int32(bitPattern: UInt32(truncatingIfNeeded: record)), Int32(bitPattern: marked & 0x7FFF_FFFF),
                        marked & 0x8000_0000 != 0)
                }
            }
            // Keep an incomplete record for the next read.
            let rest = filled - offset
            for index in 0..<rest { block[index] = block[offset + index] }
            filled = rest
        }
    }

    func remove() {
        for descriptor in descriptors { close(descriptor) }
        descriptors = []
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { remove() }

    static func failure(_ folder: String) -> PublishError {
        PublishError(path: folder, message: "无法写入搜索索引的临时文件:\(PublishIO.describe(errno: errno))")
    }
}
