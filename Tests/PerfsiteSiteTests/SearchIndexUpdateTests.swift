import Foundation
import Testing

@testable import PerfsiteSite

/// `SearchIndexBuilder.update` patches the previous build's index for documents that changed, and
/// must give exactly the files a fresh index of the new documents gives — or, when it cannot,
/// nothing at all, so that the caller builds the index whole.
@Suite struct SearchIndexUpdateTests {
    /// Terms files in memory; each store gets a new checksum, as a rewritten file gets a new CRC.
    final class MemoryTermStore: SearchTermStore, @unchecked Sendable {
        let lock = NSLock()
        var files: [Int: (file: SearchTermFile, checksum: UInt32)] = [:]
        var next: UInt32 = 0

        func storeTermFile(_ file: SearchTermFile, index: Int) -> UInt32 {
            lock.withLock {
                next += 1
                files[index] = (file, next)
                return next
            }
        }

        func termFile(index: Int, checksum: UInt32) -> SearchTermFile? {
            lock.withLock { files[index].flatMap { $0.checksum == checksum ? $0.file : nil } }
        }
    }

    /// What the previous build published: its files, and the key recorded for each shard.
    final class Published: @unchecked Sendable {
        let lock = NSLock()
        var files: [String: OutputFile] = [:]
        var keys: [String: String] = [:]
        /// Recorded by this build.
        var newKeys: [String: String] = [:]
        var kept: [String] = []
        var written: [OutputFile] = []

        func keep(_ prefixes: [String]) -> [(path: String, digest: FileDigest)]? {
            lock.withLock {
                let matching = files.values.filter { file in prefixes.contains { file.path.hasPrefix($0) } }
                guard !matching.isEmpty else { return nil }
                kept += matching.map(\.path)
                return matching.map { ($0.path, FileDigest(of: $0.bytes)) }
            }
        }

        /// The site after the build: what was kept, with what was written over it.
        var site: [String: [UInt8]] {
            var site: [String: [UInt8]] = [:]
            for path in kept { site[path] = files[path]!.bytes }
            for file in written { site[file.path] = file.bytes }
            return site
        }
    }

    func document(_ number: Int, title: String? = nil, text: String? = nil) -> SearchDocument {
        SearchDocument(
            kind: .project, title: title ?? "任务\(number)", path: "2026/d\(number / 100)/\(number % 100)/",
            year: 2026, department: "部门\(number / 100)",
            fields: [SearchDocument.Field(label: "主要实施内容", text: text ?? "第\(number % 7)类公共服务 编号\(number)")])
    }

    func builder(budget: Int, store: MemoryTermStore, published: Published) -> SearchIndexBuilder {
        var builder = SearchIndexBuilder()
        builder.postingMemoryBudget = budget
        builder.termStore = store
        builder.shardReuse = SearchIndexBuilder.ShardReuse(
            stamp: "test",
            keep: { name, key, prefixes in
                published.lock.withLock { published.newKeys[name] = key }
                return published.keys[name] == key ? published.keep(prefixes).map { .listed($0) } : nil
            }, previousKey: { published.keys[$0] }, keepFiles: { published.keep($0).map { .listed($0) } })
        return builder
    }

    /// A full build of 3,000 documents in 30 departments of 100, with its state.
    func firstBuild(
        _ documents: [SearchDocument], budget: Int, store: MemoryTermStore
    ) throws -> (state: SearchIndexState, published: Published) {
        let published = Published()
        let indexed = documents.map(IndexedDocument.init)
        let outcome = try builder(budget: budget, store: store, published: published).files(
            forIndexed: stride(from: 0, to: indexed.count, by: 100).map { Array(indexed[$0..<$0 + 100]) }
        ) { files in for file in files { published.files[file.file.path] = file.file } }
        published.keys = published.newKeys
        published.newKeys = [:]
        let state = SearchIndexState(
            stamp: "test",
            departments: (0..<30).map { .init(path: "2026/d\($0)/", key: "key\($0)", documents: 100) },
            shardCount: outcome.shardCount, termCount: outcome.termCount, fileChecksums: outcome.fileChecksums,
            indexDigest: outcome.indexDigest)
        return (state, published)
    }

    @Test(arguments: [8 << 20, 0]) func anUpdateGivesTheFilesOfAFreshIndex(postingBudget: Int) throws {
        var documents = (0..<3000).map { document($0) }
        let store = MemoryTermStore()
        let (state, published) = try firstBuild(documents, budget: postingBudget, store: store)
        let totalShards = state.shardCount
        #expect(store.files.count == SearchIndexState.fileCount(shardCount: totalShards))

        // Department 12: document 1234 loses its number (a term no other document has) and gains
        // new terms, in its title too; 1250 changes only in its text, 1299 not at all.
        let old = (1200..<1300).map { IndexedDocument(document($0)) }
        documents[1234] = document(1234, title: "任务(调整)", text: "第3类公共服务 新增内容 ICP备案")
        documents[1250] = document(1250, text: "第5类公共服务 编号1250 增补")
        let new = (1200..<1300).map { IndexedDocument(documents[$0]) }
        let writer = builder(budget: postingBudget, store: store, published: published)
        let outcome = try writer.update(
            state: state, changes: [.init(first: 1200, old: old, new: new)],
            cards: { new.indices.contains($0 - 1200) ? new[$0 - 1200].card : nil }
        ) { files in published.written += files.map(\.file) }
        let updated = try #require(outcome, "the update was made")

        let fresh = Dictionary(
            uniqueKeysWithValues: try SearchIndexBuilder().files(for: documents).map { ($0.path, $0.bytes) })
        let site = published.site
        #expect(site.keys.sorted() == fresh.keys.sorted())
        let wrong = site.filter { fresh[$0.key] != $0.value }.map(\.key)
        #expect(wrong.isEmpty, "differ from a fresh index: \(wrong.sorted().prefix(8))")
        let writtenShards = published.written.count { $0.path.hasPrefix("search/shards/") }
        #expect(
            writtenShards > 0 && writtenShards < totalShards / 4, "\(writtenShards) of \(totalShards) shards written")
        #expect(published.written.count { $0.path.hasPrefix("search/cards/") } == 2, "the chunks of 1234 and 1250")
        #expect(updated.termCount != state.termCount || updated.fileChecksums != state.fileChecksums)

        // The patched state gives the next update: back to the first documents.
        let next = SearchIndexState(
            stamp: "test", departments: state.departments, shardCount: updated.shardCount,
            termCount: updated.termCount, fileChecksums: updated.fileChecksums, indexDigest: updated.indexDigest)
        let republished = Published()
        republished.files = Dictionary(
            uniqueKeysWithValues: site.map { ($0.key, OutputFile(path: $0.key, bytes: $0.value)) })
        republished.keys = published.newKeys
        let reverted = try builder(budget: postingBudget, store: store, published: republished).update(
            state: next, changes: [.init(first: 1200, old: new, new: old)],
            cards: { old.indices.contains($0 - 1200) ? old[$0 - 1200].card : nil }
        ) { files in republished.written += files.map(\.file) }
        #expect(reverted?.termCount == state.termCount)
        let first = published.files.mapValues(\.bytes)
        let after = republished.site
        #expect(after.keys.sorted() == first.keys.sorted())
        let notReverted = first.filter { after[$0.key] != $0.value }.map(\.key)
        #expect(notReverted.isEmpty, "reverting the edit gives the first index back: \(notReverted.sorted().prefix(8))")
    }

    /// Whatever stops the update, it returns nil before writing a file.
    @Test func anUpdateThatCannotBeMadeWritesNothing() throws {
        let documents = (0..<3000).map { document($0) }
        let old = (1200..<1300).map { IndexedDocument(documents[$0]) }
        var new = old
        new[34] = IndexedDocument(document(1234, text: "全新的内容 不曾有过的词语"))
        let cards: (Int) -> [UInt8]? = { new.indices.contains($0 - 1200) ? new[$0 - 1200].card : nil }
        func attempt(
            _ state: SearchIndexState, _ store: MemoryTermStore, _ published: Published, new: [IndexedDocument]
        )
            throws -> Bool
        {
            let outcome = try builder(budget: 8 << 20, store: store, published: published).update(
                state: state, changes: [.init(first: 1200, old: old, new: new)], cards: cards
            ) { files in published.written += files.map(\.file) }
            #expect(outcome == nil || !published.written.isEmpty)
            return outcome != nil && !published.written.isEmpty
        }
        // A task added: the numbers of every later document would move.
        var store = MemoryTermStore()
        var (state, published) = try firstBuild(documents, budget: 8 << 20, store: store)
        #expect(try !attempt(state, store, published, new: new + [new[0]]))
        #expect(published.written.isEmpty)
        // A terms file damaged, or left by another build.
        (state, published) = try firstBuild(documents, budget: 8 << 20, store: store)
        for index in store.files.keys { store.files[index]!.checksum &+= 1 }
        #expect(try !attempt(state, store, published, new: new))
        #expect(published.written.isEmpty)
        // New terms that would take the index to twice as many shards.
        store = MemoryTermStore()
        (state, published) = try firstBuild(documents, budget: 8 << 20, store: store)
        var full = state
        full.termCount = state.shardCount * SearchIndexBuilder.termsPerShard
        #expect(try !attempt(full, store, published, new: new))
        #expect(published.written.isEmpty)
        // Another stamp (theme, settings, binary): the shards' keys would differ.
        var restamped = state
        restamped.stamp = "other"
        #expect(try !attempt(restamped, store, published, new: new))
        #expect(published.written.isEmpty)
        // …and the same state as it was makes the update.
        #expect(try attempt(state, store, published, new: new))
    }
}
