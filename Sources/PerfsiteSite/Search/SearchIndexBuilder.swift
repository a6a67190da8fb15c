import Crypto
import Foundation

/// Builds the site's public search index (documented in docs/search-index.md): JSON files that the
/// browser fetches piece by piece, so a query costs a few small downloads however large the site.
///
/// - `search/index.json`: the few numbers the script needs (shard count, page and chunk sizes).
/// - `search/shards/<n>.json`: the terms whose FNV-1a hash falls in shard n, each with its posting
///   lists — `b`, the documents containing the term anywhere, and `t`, those containing it in the
///   title (ranked first). A list is delta-encoded document numbers; a long one is split into pages
///   (`search/lists/<n>-<k>-<page>.json`) with the first document of each page in `f`, so the script
///   fetches only the pages it needs.
/// - `search/cards/<c>.json`: what the result list shows for documents 4c … 4c+3. Results are
///   scattered over the site, so small chunks waste the fewest bytes; fewer, larger files are
///   faster to write. Four is the balance measured in Benchmarks/search_bench.py.
///
/// Nothing whose size grows with the site is fetched before the first result: no page list, no
/// vocabulary, no document table.
struct SearchIndexBuilder: Sendable {
    static let formatVersion = 1
    static let cardsPerChunk = 4
    static let pageSize = 1024
    static let inlineLimit = 256
    static let termsPerShard = 32

    /// Posting bytes held in memory before they go to disk (`PostingStore`).
    var postingMemoryBudget = 8 << 20
    /// Lets a rebuild keep the previous build's files of a shard whose terms and lists did not
    /// change; nil writes every shard.
    var shardReuse: ShardReuse?
    /// Where the terms and their lists are kept for the next build's `update`; nil keeps nothing.
    var termStore: (any SearchTermStore)?

    /// An index file with its SHA-256, which the index takes for its build digest and the
    /// publisher for the manifest: computed once.
    typealias DigestedFile = (file: OutputFile, digest: FileDigest)

    /// A shard's files — its JSON and the pages of its long lists — are a function of its terms'
    /// posting lists, of its number and the shard count, and of the perfsite binary and settings
    /// (`stamp`). A rebuild after one table changed changes the lists of a few terms only (its
    /// documents keep their numbers when their count does not change), so most shards would come
    /// out byte for byte as before. Their key, a SHA-256 over those inputs, is far cheaper than
    /// their JSON: a build records each shard's key beside the departments' render keys in
    /// manifest.json, and the next one keeps the files of a shard whose key is the same.
    struct ShardReuse: Sendable {
        /// Everything the shards' bytes depend on beside their lists (`RenderKeys.buildStamp`).
        var stamp: String
        /// Given a shard's name (its JSON's path), its key and the path prefixes its files have,
        /// records the key and returns the previous build's files of the shard (with their digests)
        /// if they were kept, nil if the shard is to be written.
        var keep: @Sendable (_ name: String, _ key: String, _ prefixes: [String]) -> KeptFiles?
        /// The key the previous build recorded under a shard's name (`update`).
        var previousKey: @Sendable (_ name: String) -> String? = { _ in nil }
        /// Keeps the previous build's files under the prefixes whatever their key, as `keep`
        /// does (`update`: a shard or card chunk no change touched).
        var keepFiles: @Sendable (_ prefixes: [String]) -> KeptFiles? = { _ in nil }
        /// Keeps every previous file under `folder` but those under the prefixes of `except`, as
        /// `keepFiles` would one by one, when `json` of them are JSON files (a card chunk's, with
        /// its precompressed copy); nil, keeping nothing, otherwise or if one is missing. Nil
        /// where the publisher cannot keep all or none at once (`update` then keeps them one by
        /// one).
        var keepFolder: (@Sendable (_ folder: String, _ except: [String], _ json: Int) -> KeptFiles?)? = nil
        /// The digest the previous build gave a file.
        var previousDigest: @Sendable (_ path: String) -> FileDigest? = { _ in nil }
    }

    /// Files kept from the previous build, with their digests, for the index's build digest.
    enum KeptFiles: Sendable {
        case listed([(path: String, digest: FileDigest)])
        /// Entries of the previous manifest.json, as the build read it: a rebuild keeps 7,000
        /// index files at 1,000 departments, and a String per path, sorted with `<` for the build
        /// digest, was 17 million instructions of a one-table rebuild (callgrind), on the main
        /// thread.
        case previous(ManifestFiles, [Range<Int>])
    }

    /// Every index file, in memory: for tests and small sites.
    func files(for documents: [SearchDocument]) throws -> [OutputFile] {
        var all: [OutputFile] = []
        try files(for: [documents]) { batch in all += batch }
        return all
    }

    /// The index files in batches, in a fixed order, each batch handed to `emit` as soon as it is
    /// complete: at 10,000 departments the whole index is hundreds of megabytes, and holding it
    /// until the end set the build's peak memory. The documents come in batches too (a few
    /// departments' at a time, in site order) and are let go once tokenized and their cards
    /// written: only the posting lists grow with the site.
    func files(
        for batches: some Sequence<[SearchDocument]>, emit: ([OutputFile]) throws -> Void
    ) throws {
        // Tokenizing is most of the work and each document's own: a batch's documents are
        // tokenized on all cores.
        try files(forIndexed: batches.lazy.map { $0.parallelMap(IndexedDocument.init) }) { try emit($0.map(\.file)) }
    }

    /// The same from documents tokenized and carded already (the build takes unchanged
    /// departments' from its cache), numbered in document order on this thread. With a
    /// `termStore`, the terms and their lists are stored there as the shards are written, for
    /// the next build's `update`.
    @discardableResult
    func files(
        forIndexed batches: some Sequence<[IndexedDocument]>, emit: ([DigestedFile]) throws -> Void
    ) throws -> Outcome {
        var terms = TermTable()
        var postings = PostingStore(memoryBudget: postingMemoryBudget)
        var output = SearchIndexOutput()
        var documentCount = 0
        // Cards are written four documents at a time; a batch's last few wait for the next.
        var waitingCards: [[UInt8]] = []
        func writeCards(final: Bool) throws {
            var start = 0
            while waitingCards.count - start >= Self.cardsPerChunk || (final && start < waitingCards.count) {
                let end = min(start + Self.cardsPerChunk, waitingCards.count)
                let first = documentCount - waitingCards.count + start
                try output.add(
                    [Self.cardChunk(first / Self.cardsPerChunk, cards: waitingCards[start..<end])], emit: emit)
                start = end
            }
            waitingCards.removeFirst(start)
        }
        for batch in batches {
            for (offset, document) in batch.map(\.terms).enumerated() {
                let id = Int32(documentCount + offset)
                let body = terms.numbers(of: document.body)
                let title = terms.numbers(of: document.title)
                try postings.add(
                    document: id, terms: body, inTitle: false, termCount: terms.count, hash: { terms.hash(of: $0) })
                try postings.add(
                    document: id, terms: title, inTitle: true, termCount: terms.count, hash: { terms.hash(of: $0) })
            }
            try postings.spillIfOverBudget()
            documentCount += batch.count
            waitingCards += batch.map(\.card)
            try writeCards(final: false)
        }
        try writeCards(final: true)
        let names = terms.names
        let shardCount = Self.shardCount(forTerms: names.count)
        let fileCount = SearchIndexState.fileCount(shardCount: shardCount)
        var termFiles: [Int: SearchTermFile] = [:]
        var checksums = [UInt32?](repeating: nil, count: fileCount)
        let store = termStore
        func storeTermFiles() {
            guard let store else { return }
            let stored = termFiles.sorted { $0.key < $1.key }.parallelMap {
                store.storeTermFile($0.value, index: $0.key)
            }
            for (index, checksum) in zip(termFiles.keys.sorted(), stored) { checksums[index] = checksum }
            termFiles = [:]
        }
        func outputKept(_ kept: KeptFiles?, written: [OutputFile]) throws {
            if let kept { output.kept(kept) }
            try output.add(written, emit: emit)
        }
        // Shards are independent of each other: a group of them is written on all cores.
        let reuse = shardReuse
        let spilled = postings.isSpilled
        try postings.forEachShardGroup(names: names, shardCount: shardCount) { group in
            let outputs = group.parallelMap {
                shard -> (files: [OutputFile], kept: KeptFiles?) in
                let members = shard.members.sorted { names[$0.term] < names[$1.term] }
                if let reuse {
                    let key = Self.shardKey(
                        shard: shard.shard, shardCount: shardCount, members: members, names: names, stamp: reuse.stamp)
                    let name = "search/shards/\(shard.shard).json"
                    if let kept = reuse.keep(name, key, Self.shardPrefixes(shard.shard)) { return ([], kept) }
                }
                return (Self.shardFiles(shard.shard, sortedMembers: members, names: names), nil)
            }
            for output in outputs { try outputKept(output.kept, written: output.files) }
            if store != nil {
                for shard in group {
                    let index = shard.shard % fileCount
                    for member in shard.members {
                        termFiles[index, default: SearchTermFile()].terms[names[member.term]] = SearchTermFile.Lists(
                            body: member.body, title: member.title)
                    }
                }
                // Spilled, a group is whole buckets, which hold whole terms files: stored now, so
                // the lists of the site are never in memory at once.
                if spilled { storeTermFiles() }
            }
        }
        storeTermFiles()
        if let store {
            // A file no term fell in is stored empty, so that every file's checksum is known.
            for index in checksums.indices where checksums[index] == nil {
                checksums[index] = store.storeTermFile(SearchTermFile(), index: index)
            }
        }
        let indexDigest = try output.finish(shardCount: shardCount, documentCount: documentCount, emit: emit)
        return Outcome(
            shardCount: shardCount, termCount: names.count, fileChecksums: checksums.map { $0 ?? 0 },
            indexDigest: indexDigest, documentCount: documentCount)
    }

    /// What a build of the index gives its `SearchIndexState`.
    struct Outcome: Sendable {
        var shardCount: Int
        var termCount: Int
        /// Each terms file's CRC-32 (`SearchTermStore`); meaningless without a term store.
        var fileChecksums: [UInt32]
        var indexDigest: FileDigest
        var documentCount: Int
    }

    /// `[card, card, …]`: the cards of documents 4·chunk … 4·chunk + 3.
    static func cardChunk(_ chunk: Int, cards: some Collection<[UInt8]>) -> OutputFile {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (offset, card) in cards.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += card
        }
        bytes.append(UInt8(ascii: "]"))
        return OutputFile(path: "search/cards/\(chunk).json", bytes: bytes)
    }

    /// A shard's key (`ShardReuse`): what its files are made from, members in name order.
    static func shardKey(
        shard: Int, shardCount: Int, members: [(term: Int, body: PostingList, title: PostingList)], names: [String],
        stamp: String
    ) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("perfsite-search-shard\n\(formatVersion)\n\(stamp)\n\(shard)/\(shardCount)\n".utf8))
        for member in members {
            // The name ends at its zero byte, and each list's count says where its gaps end.
            hasher.update(data: Array(names[member.term].utf8) + [0])
            member.body.hash(into: &hasher)
            member.title.hash(into: &hasher)
        }
        return Manifest.hex(digest: hasher.finalize())
    }

    /// A shard file, after the page files of its long lists; its members in name order.
    static func shardFiles(
        _ shard: Int, sortedMembers members: [(term: Int, body: PostingList, title: PostingList)], names: [String]
    ) -> [OutputFile] {
        var files: [OutputFile] = []
        var json = JSONText()
        json.raw("{")
        for (position, member) in members.enumerated() {
            if position > 0 { json.raw(literal: ",") }
            json.string(names[member.term])
            json.raw(":{")
            json.raw("\"b\":")
            list(member.body.documents, id: "\(shard)-\(position)-b", into: &json, files: &files)
            if !member.title.isEmpty {
                json.raw(",\"t\":")
                list(member.title.documents, id: "\(shard)-\(position)-t", into: &json, files: &files)
            }
            json.raw("}")
        }
        json.raw("}")
        files.append(OutputFile(path: "search/shards/\(shard).json", bytes: json.bytes))
        return files
    }

    /// A posting list: inline when short, else in pages with the first document of each page.
    private static func list(_ ids: [Int32], id: String, into json: inout JSONText, files: inout [OutputFile]) {
        json.raw("{\"n\":\(ids.count),")
        if ids.count <= Self.inlineLimit {
            json.raw("\"d\":")
            deltas(ids[...], into: &json)
            json.raw("}")
            return
        }
        json.raw("\"l\":\"\(id)\",\"f\":[")
        for (page, start) in stride(from: 0, to: ids.count, by: Self.pageSize).enumerated() {
            if page > 0 { json.raw(literal: ",") }
            json.integer(Int(ids[start]))
            var pageJSON = JSONText()
            deltas(ids[start..<min(start + Self.pageSize, ids.count)], into: &pageJSON)
            files.append(OutputFile(path: "search/lists/\(id)-\(page).json", bytes: pageJSON.bytes))
        }
        json.raw("]}")
    }

    /// `[first, gap, gap, …]`: document numbers as differences, which are small and short in JSON.
    private static func deltas(_ ids: ArraySlice<Int32>, into json: inout JSONText) {
        json.raw(literal: "[")
        var previous: Int32 = 0
        for (index, id) in ids.enumerated() {
            if index > 0 { json.raw(literal: ",") }
            json.integer(Int(id - previous))
            previous = id
        }
        json.raw(literal: "]")
    }

    /// `{"k":"p","t":title,"u":"2026/d1/3/","y":2026,"d":department,"f":[[label,text],…]}`.
    static func card(_ document: SearchDocument, into json: inout JSONText) {
        json.raw("{\"k\":\"\(document.kind.rawValue)\",\"t\":")
        json.string(document.title)
        json.raw(",\"u\":")
        json.string(document.path)
        json.raw(",\"y\":\(document.year),\"d\":")
        json.string(document.department)
        json.raw(",\"f\":[")
        for (index, field) in document.fields.enumerated() {
            if index > 0 { json.raw(literal: ",") }
            json.raw("[")
            json.string(field.label)
            json.raw(literal: ",")
            json.string(field.text)
            json.raw("]")
        }
        json.raw("]}")
    }

    static func shardCount(forTerms terms: Int) -> Int {
        var count = 1
        while count * termsPerShard < terms { count *= 2 }
        return count
    }

    /// FNV-1a over the term's UTF-8 bytes; search.js computes the same.
    static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}

/// The documents that hold a term, in increasing order, kept as LEB128 gaps: most gaps fit in
/// a byte, and at 10,000 departments the lists of 4-byte numbers were a tenth of the build's
/// peak memory.
struct PostingList: Sendable {
    private var gaps: [UInt8] = []
    private var last: Int32 = 0
    private var stored: Int32 = 0

    var count: Int { Int(stored) }

    var isEmpty: Bool { count == 0 }

    init() {}

    /// Appends a document numbered above every one already in the list.
    mutating func append(_ document: Int32) {
        var gap = UInt32(document - last)
        while gap >= 0x80 {
            gaps.append(UInt8(gap & 0x7F) | 0x80)
            gap >>= 7
        }
        gaps.append(UInt8(gap))
        last = document
        stored += 1
    }

    /// Its count and gaps, which determine it (each gap ends at a byte below 0x80).
    func hash(into hasher: inout SHA256) {
        withUnsafeBytes(of: stored.littleEndian) { hasher.update(bufferPointer: $0) }
        gaps.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    /// Its count, last document and gaps: what `hash(into:)` covers, and where appending goes on.
    func archive(into writer: inout ArchiveWriter) {
        writer.write(count)
        writer.write(Int(last))
        writer.write(bytes: gaps)
    }

    init(from reader: inout ArchiveReader) throws {
        let count = try reader.int()
        let last = try reader.int()
        let gaps = try reader.byteArray()
        // Each gap ends at a byte below 0x80, so there are as many such bytes as documents.
        guard let stored = Int32(exactly: count), let last = Int32(exactly: last), stored >= 0, last >= 0,
            gaps.count(where: { $0 < 0x80 }) == count, gaps.last.map({ $0 < 0x80 }) ?? true
        else { throw ArchiveReader.Malformed() }
        self.gaps = gaps
        self.last = last
        self.stored = stored
    }

    var documents: [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(count)
        var current: Int32 = 0
        var gap: UInt32 = 0
        var shift: UInt32 = 0
        for byte in gaps {
            gap |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 != 0 {
                shift += 7
                continue
            }
            current += Int32(gap)
            result.append(current)
            gap = 0
            shift = 0
        }
        return result
    }
}

/// A search document as the index takes it: its card, what the result list shows, and its
/// terms. Made on all cores, or taken from the build cache, before the index numbers them.
struct IndexedDocument: Sendable {
    var card: [UInt8]
    var terms: DocumentTerms

    init(card: [UInt8], terms: DocumentTerms) {
        self.card = card
        self.terms = terms
    }

    init(_ document: SearchDocument) {
        var json = JSONText()
        SearchIndexBuilder.card(document, into: &json)
        card = json.bytes
        terms = DocumentTerms(document)
    }
}

/// One document's distinct terms — in its title, and anywhere (title and fields) — as the
/// tokenizer gives them: Han terms by their code points packed in an integer, words as text.
struct DocumentTerms: Sendable {
    struct Terms: Sendable {
        var han: [UInt64] = []
        var words: [String] = []

        /// Sorted and without repeats, so that a document counts once per term.
        mutating func makeDistinct() {
            han.sortByRadix()
            var last = 0
            for index in han.indices.dropFirst() where han[index] != han[last] {
                last += 1
                han[last] = han[index]
            }
            if !han.isEmpty { han.removeSubrange((last + 1)...) }
            guard words.count > 1 else { return }
            words.sort()
            last = 0
            for index in words.indices.dropFirst() where words[index] != words[last] {
                last += 1
                words[last] = words[index]
            }
            words.removeSubrange((last + 1)...)
        }
    }

    var title = Terms()
    var body = Terms()

    init(_ document: SearchDocument) {
        Self.collect(document.title, into: &title)
        body = title
        for field in document.fields { Self.collect(field.text, into: &body) }
        title.makeDistinct()
        body.makeDistinct()
    }

    static func collect(_ text: String, into terms: inout Terms) {
        SearchTokenizer.visitDocumentTerms(
            text,
            han: { first, second in terms.han.append(TermTable.key(first, second)) },
            word: { scalars in terms.words.append(word(scalars)) })
    }

    /// A word's text from its scalars, which are ASCII (letters, digits and points: the
    /// tokenizer's rule 3), so written as bytes: through `String.UnicodeScalarView` a scalar at
    /// a time it was a sixth of tokenizing a document (perf).
    static func word(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count) { bytes in
            for (offset, scalar) in zip(bytes.indices, scalars) { bytes[offset] = UInt8(scalar.value) }
            return scalars.count
        }
    }
}

/// Term numbers for the index. Han unigrams and bigrams — nearly all terms — are keyed by their
/// code points packed in an integer, so numbering them allocates nothing; words go through a
/// string table (`WordTermNumbers`). Names are built once per distinct term, at the end.
struct TermTable {
    private var hanNumbers = HanTermNumbers()
    private var wordNumbers = WordTermNumbers()
    private var keys: [UInt64] = []  // for a Han term; UInt64.max for a word

    var count: Int { keys.count }

    /// A Han unigram or bigram as one integer: the scalars' code points side by side.
    static func key(_ first: Unicode.Scalar, _ second: Unicode.Scalar?) -> UInt64 {
        UInt64(first.value) << 21 | UInt64(second?.value ?? 0)
    }

    /// Each term's FNV-1a hash, by number.
    private var hashes: [UInt32] = []

    func hash(of term: Int32) -> UInt32 { hashes[Int(term)] }

    /// The next term number, for a Han key (`UInt64.max` for a word) and the term's text.
    private mutating func register(key: UInt64, name: String) -> Int32 {
        keys.append(key)
        hashes.append(SearchIndexBuilder.fnv1a(name))
        return Int32(keys.count - 1)
    }

    /// The numbers of a document's terms, numbering the ones not seen before.
    mutating func numbers(of terms: DocumentTerms.Terms) -> [Int32] {
        var numbers: [Int32] = []
        numbers.reserveCapacity(terms.han.count + terms.words.count)
        for key in terms.han {
            if let number = hanNumbers.number(of: key) {
                numbers.append(number)
                continue
            }
            let number = register(key: key, name: Self.name(ofHan: key))
            hanNumbers.insert(key, number: number)
            numbers.append(number)
        }
        for word in terms.words {
            if let number = wordNumbers.number(of: word) {
                numbers.append(number)
                continue
            }
            let number = register(key: .max, name: word)
            wordNumbers.insert(word, number: number)
            numbers.append(number)
        }
        return numbers
    }

    /// Each term's text, by number. Words are numbered in the order `wordNumbers` lists them.
    var names: [String] {
        var nextWord = 0
        return keys.map { key in
            guard key == .max else { return Self.name(ofHan: key) }
            defer { nextWord += 1 }
            return wordNumbers.words[nextWord]
        }
    }

    /// A Han unigram or bigram's text from its key.
    static func name(ofHan key: UInt64) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(Unicode.Scalar(UInt32(key >> 21))!)
        if key & 0x1F_FFFF != 0 { scalars.append(Unicode.Scalar(UInt32(key & 0x1F_FFFF))!) }
        return String(scalars)
    }
}

/// JSON written straight into bytes: the index is large, and JSONEncoder's reflection and key
/// sorting cost more than the writing itself.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Markup that is a literal, copied straight from the binary (`Array.append(literal:)`).
    mutating func raw(literal: StaticString) { bytes.append(literal: literal) }

    /// A non-negative integer, without going through a String: its digits are made backwards in
    /// a buffer on the stack (an array per number had been most of writing the posting lists).
    mutating func integer(_ value: Int) {
        if value < 10 {
            bytes.append(UInt8(0x30 + value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            var rest = value
            while rest > 0 {
                start -= 1
                digits[start] = UInt8(0x30 + rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    mutating func string(_ text: String) { string(utf8: text.utf8) }

    /// A digest as a string of lower-case hex.
    mutating func string(hexOf digest: FileDigest) {
        bytes.append(0x22)
        digest.appendHex(to: &bytes)
        bytes.append(0x22)
    }

    /// Whether `string(utf8:)` writes these bytes as they are, between quotes: nothing below
    /// 0x20, no quote, backslash or `<`. A minimum and `memchr`s rather than a closure per byte:
    /// the previous manifest's 39,000 paths are asked at each rebuild, and the closure form was
    /// 1.5% of a one-table rebuild at 1,000 departments (perf).
    static func needsNoEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        var lowest: UInt8 = 0xFF
        for byte in bytes { lowest = min(lowest, byte) }
        return lowest >= 0x20 && memchr(base, 0x22, bytes.count) == nil && memchr(base, 0x5C, bytes.count) == nil
            && memchr(base, 0x3C, bytes.count) == nil
    }

    mutating func string(utf8 text: some Sequence<UInt8>) {
        // Most strings (every path of the manifest) need no escape: copied whole.
        let copied =
            text.withContiguousStorageIfAvailable { buffer in
                guard Self.needsNoEscape(buffer) else { return false }
                bytes.append(0x22)
                bytes.append(contentsOf: buffer)
                bytes.append(0x22)
                return true
            } ?? false
        if copied { return }
        bytes.append(0x22)
        for byte in text {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x3C: bytes.append(contentsOf: "\\u003c".utf8)  // no "</script" in any context
            case 0..<0x20: bytes.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
