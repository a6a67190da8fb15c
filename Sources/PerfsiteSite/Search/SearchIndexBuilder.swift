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
/// - `search/cards/<c>.json`: what the result list shows for documents c·8 … c·8+7.
///
/// Nothing whose size grows with the site is fetched before the first result: no page list, no
/// vocabulary, no document table.
struct SearchIndexBuilder: Sendable {
    static let formatVersion = 1
    static let cardsPerChunk = 8
    static let pageSize = 1024
    static let inlineLimit = 128
    static let termsPerShard = 48

    func files(for documents: [SearchDocument]) -> [OutputFile] {
        // Posting lists, documents in order; each document added once per term.
        var body: [String: [Int32]] = [:]
        var title: [String: [Int32]] = [:]
        for (number, document) in documents.enumerated() {
            let id = Int32(number)
            let titleTerms = Set(SearchTokenizer.documentTerms(document.title))
            var allTerms = titleTerms
            for field in document.fields { allTerms.formUnion(SearchTokenizer.documentTerms(field.text)) }
            for term in allTerms { body[term, default: []].append(id) }
            for term in titleTerms { title[term, default: []].append(id) }
        }
        let shardCount = Self.shardCount(forTerms: body.count)
        var shards = [[String]](repeating: [], count: shardCount)
        for term in body.keys { shards[Int(Self.fnv1a(term) % UInt32(shardCount))].append(term) }

        var files: [OutputFile] = []
        for (shard, terms) in shards.enumerated() {
            var json = JSONText()
            json.raw("{")
            for (position, term) in terms.sorted().enumerated() {
                if position > 0 { json.raw(",") }
                json.string(term)
                json.raw(":{")
                json.raw("\"b\":")
                list(body[term]!, id: "\(shard)-\(position)-b", into: &json, files: &files)
                if let titled = title[term] {
                    json.raw(",\"t\":")
                    list(titled, id: "\(shard)-\(position)-t", into: &json, files: &files)
                }
                json.raw("}")
            }
            json.raw("}")
            files.append(OutputFile(path: "search/shards/\(shard).json", bytes: json.bytes))
        }
        for chunk in stride(from: 0, to: documents.count, by: Self.cardsPerChunk) {
            var json = JSONText()
            json.raw("[")
            for (offset, document) in documents[chunk..<min(chunk + Self.cardsPerChunk, documents.count)].enumerated() {
                if offset > 0 { json.raw(",") }
                card(document, into: &json)
            }
            json.raw("]")
            files.append(OutputFile(path: "search/cards/\(chunk / Self.cardsPerChunk).json", bytes: json.bytes))
        }
        var meta = JSONText()
        meta.raw(
            "{\"version\":\(Self.formatVersion),\"tokenizer\":\"han-bigram-1\",\"shards\":\(shardCount),"
                + "\"cardsPerChunk\":\(Self.cardsPerChunk),\"pageSize\":\(Self.pageSize),\"documents\":\(documents.count)}"
        )
        files.append(OutputFile(path: "search/index.json", bytes: meta.bytes))
        return files
    }

    /// A posting list: inline when short, else in pages with the first document of each page.
    private func list(_ ids: [Int32], id: String, into json: inout JSONText, files: inout [OutputFile]) {
        json.raw("{\"n\":\(ids.count),")
        if ids.count <= Self.inlineLimit {
            json.raw("\"d\":")
            deltas(ids[...], into: &json)
            json.raw("}")
            return
        }
        json.raw("\"l\":\"\(id)\",\"f\":[")
        for (page, start) in stride(from: 0, to: ids.count, by: Self.pageSize).enumerated() {
            if page > 0 { json.raw(",") }
            json.raw(String(ids[start]))
            var pageJSON = JSONText()
            deltas(ids[start..<min(start + Self.pageSize, ids.count)], into: &pageJSON)
            files.append(OutputFile(path: "search/lists/\(id)-\(page).json", bytes: pageJSON.bytes))
        }
        json.raw("]}")
    }

    /// `[first, gap, gap, …]`: document numbers as differences, which are small and short in JSON.
    private func deltas(_ ids: ArraySlice<Int32>, into json: inout JSONText) {
        json.raw("[")
        var previous: Int32 = 0
        for (index, id) in ids.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw(String(id - previous))
            previous = id
        }
        json.raw("]")
    }

    /// `{"k":"p","t":title,"u":"2026/d1/3/","y":2026,"d":department,"f":[[label,text],…]}`.
    private func card(_ document: SearchDocument, into json: inout JSONText) {
        json.raw("{\"k\":\"\(document.kind.rawValue)\",\"t\":")
        json.string(document.title)
        json.raw(",\"u\":")
        json.string(document.path)
        json.raw(",\"y\":\(document.year),\"d\":")
        json.string(document.department)
        json.raw(",\"f\":[")
        for (index, field) in document.fields.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("[")
            json.string(field.label)
            json.raw(",")
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

/// JSON written straight into bytes: the index is large, and JSONEncoder's reflection and key
/// sorting cost more than the writing itself.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func string(_ text: String) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x3C: bytes.append(contentsOf: Array("\\u003c".utf8))  // no "</script" in any context
            case 0..<0x20: bytes.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
