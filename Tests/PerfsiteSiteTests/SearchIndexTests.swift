import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteSite

@Suite struct SearchTokenizerTests {
    @Test func hanRunsGiveUnigramsAndBigrams() {
        #expect(SearchTokenizer.documentTerms("保安队伍") == ["保", "保安", "安", "安队", "队", "队伍", "伍"])
        #expect(SearchTokenizer.queryTerms("保安队伍") == ["保安", "安队", "队伍"])
        #expect(SearchTokenizer.queryTerms("网") == ["网"])
    }

    @Test func numbersAndWordsAsWritten() {
        #expect(SearchTokenizer.documentTerms("拟投入 152.9 万元") == ["拟", "拟投", "投", "投入", "入", "152.9", "万", "万元", "元"])
        #expect(SearchTokenizer.queryTerms("１，９４４．６４") == ["1944.64"])
        #expect(SearchTokenizer.queryTerms("1,944.64 万元") == ["1944.64", "万元"])
        #expect(SearchTokenizer.queryTerms("ICP备案 v2.0.") == ["icp", "备案", "v2.0"])
        #expect(SearchTokenizer.queryTerms("成本控制:在预算范围之内。").contains("范围"))
        #expect(SearchTokenizer.queryTerms("“高效事兴办”") == ["高效", "效事", "事兴", "兴办"])
    }

    /// Commas between digits are dropped, and only those: the one-pass normalizer against rule 1
    /// as written (each comma with its neighbours), on edge cases and random texts of digits,
    /// commas, full-width forms, letters and Han.
    @Test func commasBetweenDigitsOnly() {
        func reference(_ text: String) -> [Unicode.Scalar] {
            let scalars = Array(text.unicodeScalars)
            var output: [Unicode.Scalar] = []
            for (index, original) in scalars.enumerated() {
                let scalar = SearchTokenizer.fold(original)
                if scalar == ",", index > 0, index + 1 < scalars.count,
                    SearchTokenizer.isDigit(SearchTokenizer.fold(scalars[index - 1])),
                    SearchTokenizer.isDigit(SearchTokenizer.fold(scalars[index + 1]))
                {
                    continue
                }
                output.append(scalar)
            }
            return output
        }
        var texts = ["", ",", "1,", ",1", "1,2", "1,,2", "1,2,3", "a,1", "1,a", "１，２", "1,，2", ",,1,2,,", "1, 2"]
        let alphabet = Array("12,，１ aA万.")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            texts.append(String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement()! }))
        }
        for text in texts {
            #expect(SearchTokenizer.normalizedScalars(text) == reference(text), "«\(text)»")
        }
        #expect(SearchTokenizer.normalize("1,2,3 万,1") == "123 万,1")
    }

    @Test func fnvMatchesTheReferenceValues() {
        // FNV-1a 32-bit reference vectors; search.js must give the same for the same UTF-8 bytes.
        #expect(SearchIndexBuilder.fnv1a("") == 0x811C_9DC5)
        #expect(SearchIndexBuilder.fnv1a("a") == 0xE40C_292C)
        #expect(SearchIndexBuilder.fnv1a("foobar") == 0xBF9C_F968)
    }
}

@Suite struct SearchIndexTests {
    func document(_ title: String, _ text: String, path: String) -> SearchDocument {
        SearchDocument(
            kind: .project, title: title, path: path, year: 2026, department: "测试部门",
            fields: [SearchDocument.Field(label: "主要实施内容", text: text)])
    }

    func decode(_ file: OutputFile) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(file.bytes))
    }

    @Test func postingsPointAtTheDocumentsThatHoldTheTerm() throws {
        let documents = [
            document("管委大院保安队伍经费", "做好大院安全保卫工作", path: "2026/d/1/"),
            document("网络线路租金", "负责机关大院办公网络", path: "2026/d/2/"),
        ]
        let files = try SearchIndexBuilder().files(for: documents)
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        let meta = try #require(try decode(byPath["search/index.json"]!) as? [String: Any])
        let shards = try #require(meta["shards"] as? Int)
        func entry(_ term: String) throws -> [String: Any]? {
            let shard = try decode(byPath["search/shards/\(Int(SearchIndexBuilder.fnv1a(term)) % shards).json"]!)
            return (shard as? [String: Any])?[term] as? [String: Any]
        }
        let baoan = try #require(try entry("保安"))
        #expect((baoan["b"] as? [String: Any])?["d"] as? [Int] == [0])
        #expect((baoan["t"] as? [String: Any])?["d"] as? [Int] == [0])
        let network = try #require(try entry("网络"))
        #expect((network["b"] as? [String: Any])?["d"] as? [Int] == [1])
        let yard = try #require(try entry("大院"))
        #expect((yard["b"] as? [String: Any])?["d"] as? [Int] == [0, 1], "delta-encoded: documents 0 and 1")
        #expect((yard["t"] as? [String: Any])?["d"] as? [Int] == [0])
        #expect(try entry("火箭") == nil)
        let cards = try #require(try decode(byPath["search/cards/0.json"]!) as? [[String: Any]])
        #expect(cards.map { $0["t"] as? String } == ["管委大院保安队伍经费", "网络线路租金"])
        #expect(cards[1]["u"] as? String == "2026/d/2/")
    }

    /// Documents arrive a few departments at a time; the index must not depend on where the
    /// batches break — least of all the cards, four to a file, that straddle two batches.
    @Test func batchesGiveTheSameIndexAsOneList() throws {
        let documents = (0..<37).map { document("任务\($0)", "第\($0 % 5)类公共服务", path: "2026/d/\($0)/") }
        let whole = try SearchIndexBuilder().files(for: documents)
        var sizes = [1, 3, 5, 2, 0, 7, 4, 6, 9]
        var batches: [[SearchDocument]] = []
        var start = 0
        while start < documents.count {
            let size = sizes.isEmpty ? documents.count - start : sizes.removeFirst()
            batches.append(Array(documents[start..<min(start + size, documents.count)]))
            start += size
        }
        var batched: [OutputFile] = []
        try SearchIndexBuilder().files(for: batches) { batched += $0 }
        #expect(batched.count == whole.count)
        #expect(Set(batched) == Set(whole))
        #expect(whole.filter { $0.path.hasPrefix("search/cards/") }.count == 10)
    }

    /// Past its memory budget the postings go to bucket files on disk and come back bucket by
    /// bucket: the same files, on a small site (fewer shards than buckets) and on one with
    /// thousands of distinct terms (more shards than buckets), long paged lists included.
    @Test(arguments: [40, 5000]) func spilledPostingsGiveTheSameIndex(documents count: Int) throws {
        let documents = (0..<count).map { number in
            document(
                "任务\(number)", "第\(number % 7)类公共服务 编号\(number) 代码x\(number * 7919 % 10007)",
                path: "2026/d/\(number)/")
        }
        let inMemory = try SearchIndexBuilder().files(for: documents)
        var spilling = SearchIndexBuilder()
        spilling.postingMemoryBudget = 0
        var batches: [[SearchDocument]] = []
        for start in stride(from: 0, to: documents.count, by: 17) {
            batches.append(Array(documents[start..<min(start + 17, documents.count)]))
        }
        var spilled: [OutputFile] = []
        try spilling.files(for: batches) { spilled += $0 }
        #expect(Set(spilled) == Set(inMemory))
        let shards = inMemory.filter { $0.path.hasPrefix("search/shards/") }.count
        #expect(count == 40 ? shards < PostingStore.bucketCount : shards > PostingStore.bucketCount, "\(shards) shards")
        #expect(count == 40 || inMemory.contains { $0.path.hasPrefix("search/lists/") })
    }

    /// A rebuild keeps a shard's previous files when its key is the same, and must never keep one
    /// whose bytes would differ: after one document changes (paged lists and a spilled store
    /// included), the kept files and the written ones are exactly a fresh index of the new
    /// documents, and most shards are kept.
    @Test(arguments: [8 << 20, 0]) func unchangedShardsAreKept(postingBudget: Int) throws {
        var documents = (0..<3000).map { number in
            document("任务\(number)", "第\(number % 7)类公共服务 编号\(number)", path: "2026/d/\(number)/")
        }
        final class Keys: @unchecked Sendable {
            let lock = NSLock()
            var byShard: [String: String] = [:]
            var prefixes: [String: [String]] = [:]
            /// The files kept, by shard (second build).
            var keptFiles: [String: [String]] = [:]
        }
        func index(
            _ documents: [SearchDocument],
            keep: @escaping @Sendable (String, String) -> [(path: String, digest: FileDigest)]?
        ) throws -> (files: [OutputFile], keys: Keys) {
            let keys = Keys()
            var builder = SearchIndexBuilder()
            builder.postingMemoryBudget = postingBudget
            builder.shardReuse = SearchIndexBuilder.ShardReuse(stamp: "test") { name, key, prefixes in
                keys.lock.withLock {
                    keys.byShard[name] = key
                    keys.prefixes[name] = prefixes
                }
                return keep(name, key).map { .listed($0) }
            }
            var files: [OutputFile] = []
            try builder.files(
                for: stride(from: 0, to: documents.count, by: 100).map {
                    Array(documents[$0..<min($0 + 100, documents.count)])
                }
            ) { files += $0 }
            return (files, keys)
        }
        let first = try index(documents) { _, _ in nil }
        let firstFiles = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0) })
        #expect(first.keys.byShard.count == first.files.count { $0.path.hasPrefix("search/shards/") })

        // New terms, and terms other documents have that this one gains (3) or loses (2) in its
        // text only, or in its title (编号).
        documents[1234] = document("任务1234 编号(调整)", "第3类公共服务 1234 新增内容", path: "2026/d/1234/")
        let kept = Keys()
        let second = try index(documents) { name, key in
            guard first.keys.byShard[name] == key else { return nil }
            let files = firstFiles.values.filter { file in
                first.keys.prefixes[name]!.contains { file.path.hasPrefix($0) }
            }
            kept.lock.withLock { kept.keptFiles[name] = files.map(\.path) }
            return files.map { ($0.path, FileDigest(of: $0.bytes)) }
        }
        let fresh = try SearchIndexBuilder().files(for: documents)
        let keptPaths = kept.keptFiles.values.flatMap { $0 }
        let combined = second.files + keptPaths.map { firstFiles[$0]! }
        #expect(combined.count == fresh.count)
        let freshFiles = Dictionary(uniqueKeysWithValues: fresh.map { ($0.path, $0.bytes) })
        let wrong = combined.filter { freshFiles[$0.path] != $0.bytes }.map(\.path)
        #expect(wrong.isEmpty, "differ from a fresh index: \(wrong.sorted().prefix(8))")
        let shardCount = second.keys.byShard.count
        #expect(kept.keptFiles.count > shardCount * 3 / 4, "\(kept.keptFiles.count) of \(shardCount) shards kept")
        #expect(kept.keptFiles.count < shardCount, "the changed document's new terms are written")
        #expect(keptPaths.contains { $0.hasPrefix("search/lists/") }, "paged lists kept with their shard")
    }

    @Test func longListsArePaged() throws {
        let documents = (0..<2500).map { document("任务\($0)", "公共服务", path: "2026/d/\($0)/") }
        let files = try SearchIndexBuilder().files(for: documents)
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        let meta = try #require(try decode(byPath["search/index.json"]!) as? [String: Any])
        let shard = try decode(
            byPath["search/shards/\(Int(SearchIndexBuilder.fnv1a("服务")) % (meta["shards"] as! Int)).json"]!)
        let list = try #require(((shard as? [String: Any])?["服务"] as? [String: Any])?["b"] as? [String: Any])
        #expect(list["n"] as? Int == 2500)
        #expect(list["f"] as? [Int] == [0, 1024, 2048])
        let id = try #require(list["l"] as? String)
        var all: [Int] = []
        for page in 0..<3 {
            let deltas = try #require(try decode(byPath["search/lists/\(id)-\(page).json"]!) as? [Int])
            var previous = 0
            for delta in deltas {
                previous += delta
                all.append(previous)
            }
        }
        #expect(all == Array(0..<2500))
        let chunk = SearchIndexBuilder.cardsPerChunk
        #expect(files.count { $0.path.hasPrefix("search/cards/") } == (2500 + chunk - 1) / chunk)
    }
}

/// The index's JSON writer spells numbers as Swift does, one digit to nineteen.
@Suite struct JSONTextTests {
    @Test func integersAsWritten() {
        var values = Array(0...1_000) + [Int.max, Int(Int32.max), 1_000_000_000]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 7]
        }
        var json = JSONText()
        for (index, value) in values.enumerated() {
            if index > 0 { json.raw(literal: ",") }
            json.integer(value)
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == values.map(String.init).joined(separator: ","))
    }
}

/// The radix sort of term keys gives the standard sort's order: Han term keys, keys that differ
/// in any byte, repeats, and every length around where it takes over from the standard sort.
@Suite struct RadixSortTests {
    @Test func sortsAsTheStandardSortDoes() {
        var generator = SystemRandomNumberGenerator()
        let han: () -> UInt64 = {
            TermTable.key(
                Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &generator))!,
                Bool.random(using: &generator)
                    ? nil : Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &generator))!)
        }
        let any: () -> UInt64 = { UInt64.random(in: 0...UInt64.max, using: &generator) }
        let few: () -> UInt64 = { UInt64.random(in: 0...3, using: &generator) << 61 }
        for length in Array(0...130) + [257, 1_000, 5_000] {
            for make in [han, any, few] {
                var keys = (0..<length).map { _ in make() }
                if length > 10 { keys += keys.prefix(length / 3) }
                let expected = keys.sorted()
                keys.sortByRadix()
                #expect(keys == expected, "\(length) keys")
            }
        }
    }
}
