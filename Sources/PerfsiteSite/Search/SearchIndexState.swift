/// What a build's search index was made of, kept in the build cache so that the next build can
/// patch it (`SearchIndexBuilder.update`) instead of numbering every term of the site again: that
/// numbering, and reading every department's documents for it, were over a quarter of a one-table
/// rebuild's CPU at 1,000 departments.
///
/// The posting lists themselves are in `SearchTermFile`s, one per `fileIndex`, so a patch reads
/// and rewrites the few files holding the terms a change touched, never the whole index (90 MB of
/// lists at 10,000 departments).
struct SearchIndexState: Sendable, Archivable {
    /// A department as the index numbered its documents: they are the next `documents` numbers
    /// after the previous department's, in site order.
    struct Department: Sendable, Equatable {
        var path: String
        /// Its render key (`RenderKeys`): the same key, the same documents.
        var key: String
        var documents: Int
    }

    /// `RenderKeys.buildStamp` of the build that made it: the shards' keys include it.
    var stamp: String
    var departments: [Department]
    var shardCount: Int
    var termCount: Int
    /// The CRC-32 each terms file was written with: a file left by another build, or by this
    /// one's interrupted save, does not match and is not used.
    var fileChecksums: [UInt32]
    /// The digest of the `search/index.json` it made. Its `build` is a digest of every index file,
    /// so a previous site whose index.json has this digest has exactly this index; after a build
    /// that saved its state but did not publish, it has not.
    var indexDigest: FileDigest

    var documentCount: Int { departments.reduce(0) { $0 + $1.documents } }

    /// Terms files for a number of shards: a shard's terms all fall in one file (the FNV-1a hash
    /// modulo a power of two), 256 files at most.
    static func fileCount(shardCount: Int) -> Int { min(256, shardCount) }

    static func fileIndex(ofHash hash: UInt32, fileCount: Int) -> Int { Int(hash % UInt32(fileCount)) }

    init(
        stamp: String, departments: [Department], shardCount: Int, termCount: Int, fileChecksums: [UInt32],
        indexDigest: FileDigest
    ) {
        self.stamp = stamp
        self.departments = departments
        self.shardCount = shardCount
        self.termCount = termCount
        self.fileChecksums = fileChecksums
        self.indexDigest = indexDigest
    }

    func archive(into writer: inout ArchiveWriter) {
        writer.write(stamp)
        writer.write(departments.count)
        for department in departments {
            writer.write(department.path)
            writer.write(department.key)
            writer.write(department.documents)
        }
        writer.write(shardCount)
        writer.write(termCount)
        writer.write(fileChecksums.count)
        for checksum in fileChecksums { writer.write(Int(checksum)) }
        var digest: [UInt8] = []
        indexDigest.append(to: &digest)
        writer.write(bytes: digest)
    }

    init(from reader: inout ArchiveReader) throws {
        stamp = try reader.string()
        let count = try reader.int()
        guard count >= 0, count < 1 << 28 else { throw ArchiveReader.Malformed() }
        departments = []
        departments.reserveCapacity(count)
        for _ in 0..<count {
            let department = Department(
                path: try reader.string(), key: try reader.string(), documents: try reader.int())
            guard department.documents >= 0 else { throw ArchiveReader.Malformed() }
            departments.append(department)
        }
        shardCount = try reader.int()
        termCount = try reader.int()
        let files = try reader.int()
        guard shardCount > 0, shardCount.nonzeroBitCount == 1, files == Self.fileCount(shardCount: shardCount) else {
            throw ArchiveReader.Malformed()
        }
        fileChecksums = try (0..<files).map { _ in
            let value = try reader.int()
            guard let checksum = UInt32(exactly: value) else { throw ArchiveReader.Malformed() }
            return checksum
        }
        let digest = try reader.byteArray()
        guard digest.count == 32 else { throw ArchiveReader.Malformed() }
        indexDigest = FileDigest(bytes: digest)
    }
}

/// The terms of one `SearchIndexState` file, by name, with their posting lists.
struct SearchTermFile: Sendable, Archivable {
    struct Lists: Sendable {
        /// The documents with the term anywhere; never empty for a term of the index.
        var body = PostingList()
        /// Those with it in their title.
        var title = PostingList()
    }

    var terms: [String: Lists] = [:]

    init() {}

    func archive(into writer: inout ArchiveWriter) {
        writer.write(terms.count)
        // In name order, so the same terms give the same bytes. Names as bytes, not through the
        // writer's table of repeated strings: every name here is distinct.
        for (name, lists) in terms.sorted(by: { $0.key < $1.key }) {
            writer.write(bytes: Array(name.utf8))
            lists.body.archive(into: &writer)
            lists.title.archive(into: &writer)
        }
    }

    init(from reader: inout ArchiveReader) throws {
        let count = try reader.int()
        guard count >= 0, count < 1 << 28 else { throw ArchiveReader.Malformed() }
        terms.reserveCapacity(count)
        for _ in 0..<count {
            let name = String(decoding: try reader.byteArray(), as: UTF8.self)
            terms[name] = Lists(body: try PostingList(from: &reader), title: try PostingList(from: &reader))
        }
    }
}

/// Where the terms files are kept: the build cache (`BuildCache`), or memory in tests.
protocol SearchTermStore: Sendable {
    /// Stores a terms file and returns the CRC-32 a later `termFile` call must be given for it.
    func storeTermFile(_ file: SearchTermFile, index: Int) -> UInt32
    /// The terms file stored under `index` with that CRC-32; nil if it is missing, damaged or
    /// another one.
    func termFile(index: Int, checksum: UInt32) -> SearchTermFile?
}

extension PostingList {
    init(documents: some Sequence<Int32>) {
        self.init()
        for document in documents { append(document) }
    }
}
