import Crypto

/// The index's files on their way to the publisher: handed over in batches (written on all
/// cores), each with its digest, which `finish` also folds into index.json's build digest.
struct SearchIndexOutput {
    private var files: [SearchIndexBuilder.DigestedFile] = []
    private var bytes = 0
    private var digests: [(path: String, digest: FileDigest)] = []
    /// Kept files that are entries of the previous manifest (`SearchIndexBuilder.KeptFiles`), by
    /// their place in it, which is their paths' order.
    private var previousFiles: ManifestFiles?
    private var previousEntries: [Int] = []

    /// A batch is handed over when it holds this many files or bytes.
    static let batchFiles = 512
    static let batchBytes = 2 << 20

    mutating func add(_ written: [OutputFile], emit: ([SearchIndexBuilder.DigestedFile]) throws -> Void) throws {
        for file in written {
            let digest = FileDigest(of: file.bytes)
            files.append((file, digest))
            digests.append((file.path, digest))
            bytes += file.bytes.count
        }
        if files.count >= Self.batchFiles || bytes >= Self.batchBytes { try flush(emit: emit) }
    }

    /// Files the previous build wrote and this one keeps. Only the index's own files count toward
    /// its build digest: a shard's precompressed copies (`.gz`) are the publisher's.
    mutating func kept(_ kept: SearchIndexBuilder.KeptFiles) {
        switch kept {
        case .listed(let files):
            for file in files where file.path.hasSuffix(".json") { digests.append(file) }
        case .previous(let files, let ranges):
            // One manifest per build: every range is of the same one.
            if previousFiles == nil { previousFiles = files }
            for range in ranges {
                files.forEachPath(in: range) { index, path in
                    if Self.isJSON(path) { previousEntries.append(index) }
                }
            }
        }
    }

    /// Whether a path (a manifest entry's bytes) is a JSON file's, as the index's own files are;
    /// not a precompressed copy.
    static func isJSON(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        path.count >= 5 && path[path.count - 5..<path.count].elementsEqual(".json".utf8)
    }

    mutating func flush(emit: ([SearchIndexBuilder.DigestedFile]) throws -> Void) throws {
        guard !files.isEmpty else { return }
        try emit(files)
        files.removeAll(keepingCapacity: true)
        bytes = 0
    }

    /// Hands over the rest, then `search/index.json`; returns index.json's digest.
    ///
    /// Its `build` is a digest of every index file, so the script can ask for
    /// `shards/3.json?v=<build>` and a server may cache those for a year: any change to the index
    /// changes every URL. Taken over the files' digests in path order, whatever order they were
    /// written or kept in.
    mutating func finish(
        shardCount: Int, documentCount: Int, emit: ([SearchIndexBuilder.DigestedFile]) throws -> Void
    ) throws -> FileDigest {
        try flush(emit: emit)
        // Every line into one buffer, hashed at once: the same digest as hashing them one after
        // the other, without an array and a hasher call per file (7,000 of them at 1,000
        // departments, on the main thread of a rebuild). The files written or listed are sorted
        // and merged with the previous manifest's entries, which are in order already: index
        // paths are ASCII, whose order by `<` is their bytes' order.
        digests.sort { $0.path < $1.path }
        previousEntries.sort()
        var lines: [UInt8] = []
        lines.reserveCapacity((digests.count + previousEntries.count) * 96)
        var next = 0  // in `previousEntries`
        func addPrevious(before path: String?) {
            guard let files = previousFiles else { return }
            let bytes = path.map { ArraySlice($0.utf8) }
            while next < previousEntries.count {
                let entry = files.path(at: previousEntries[next])
                if let bytes, ManifestFiles.compare(entry, bytes) >= 0 { return }
                lines.append(contentsOf: entry)
                lines.append(0)
                files.digest(at: previousEntries[next]).appendHex(to: &lines)
                next += 1
            }
        }
        for (path, digest) in digests {
            addPrevious(before: path)
            lines.append(contentsOf: path.utf8)
            lines.append(0)
            digest.appendHex(to: &lines)
        }
        addPrevious(before: nil)
        let build = Manifest.hex(digest: SHA256.hash(data: lines)).prefix(16)
        var meta = JSONText()
        meta.raw(
            "{\"version\":\(SearchIndexBuilder.formatVersion),\"build\":\"\(build)\",\"tokenizer\":\"han-bigram-1\","
                + "\"shards\":\(shardCount),\"cardsPerChunk\":\(SearchIndexBuilder.cardsPerChunk),"
                + "\"pageSize\":\(SearchIndexBuilder.pageSize),\"documents\":\(documentCount)}"
        )
        let index = OutputFile(path: "search/index.json", bytes: meta.bytes)
        let digest = FileDigest(of: index.bytes)
        try emit([(index, digest)])
        return digest
    }
}
