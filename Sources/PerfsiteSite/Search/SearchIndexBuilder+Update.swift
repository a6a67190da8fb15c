extension SearchIndexBuilder {
    /// A department whose documents changed and kept their count: numbered from `first` as before.
    struct Change: Sendable {
        var first: Int
        var old: [IndexedDocument]
        var new: [IndexedDocument]
    }

    /// A document that gained (`added`) or lost a term, in its title or anywhere.
    private struct Edit {
        var document: Int32
        var inTitle: Bool
        var added: Bool
    }

    /// The index after `changes`, patched from the previous build's `state` instead of built from
    /// every document of the site: the terms a changed document gained or lost get their lists
    /// patched in the few terms files holding them, the shards holding those terms and the card
    /// chunks of the changed documents are written, and every other shard and chunk keeps the
    /// previous build's files (`shardReuse`). The files are those a full build gives (the tests
    /// compare them), because a full build's lists are a function of each document's terms and
    /// number, and the numbers stay: every changed department has as many documents as before.
    ///
    /// Nil, having written nothing, when the patch cannot give that: no term store or shard
    /// reuse, another stamp, a terms file missing or damaged, or a shard count that changes with
    /// the number of terms. The caller then builds the whole index. `cards` gives the card of any
    /// document, nil if it cannot.
    func update(
        state: SearchIndexState, changes: [Change], cards: (_ document: Int) -> [UInt8]?,
        emit: ([DigestedFile]) throws -> Void
    ) throws -> Outcome? {
        guard let store = termStore, let reuse = shardReuse, reuse.stamp == state.stamp else { return nil }
        let fileCount = state.fileChecksums.count
        let shardCount = state.shardCount
        let documentCount = state.documentCount
        var edits: [String: [Edit]] = [:]
        var changedChunks = Set<Int>()
        for change in changes {
            guard change.old.count == change.new.count, change.first >= 0,
                change.first + change.new.count <= documentCount
            else { return nil }
            for (offset, (old, new)) in zip(change.old, change.new).enumerated() {
                let document = Int32(change.first + offset)
                Self.difference(old.terms.body, new.terms.body) { name, added in
                    edits[name, default: []].append(Edit(document: document, inTitle: false, added: added))
                }
                Self.difference(old.terms.title, new.terms.title) { name, added in
                    edits[name, default: []].append(Edit(document: document, inTitle: true, added: added))
                }
                if old.card != new.card { changedChunks.insert((change.first + offset) / Self.cardsPerChunk) }
            }
        }

        // The terms files holding the edited terms, patched in memory.
        var files: [Int: SearchTermFile] = [:]
        func load(_ index: Int) -> Bool {
            if files[index] != nil { return true }
            files[index] = store.termFile(index: index, checksum: state.fileChecksums[index])
            return files[index] != nil
        }
        var termCount = state.termCount
        var touchedShards = Set<Int>()
        var changedFiles = Set<Int>()
        for (name, termEdits) in edits {
            let hash = Self.fnv1a(name)
            let index = SearchIndexState.fileIndex(ofHash: hash, fileCount: fileCount)
            guard load(index) else { return nil }
            let lists = files[index]!.terms[name] ?? SearchTermFile.Lists()
            guard let body = Self.patched(lists.body, termEdits.filter { !$0.inTitle }),
                let title = Self.patched(lists.title, termEdits.filter(\.inTitle)),
                !body.isEmpty || title.isEmpty
            else { return nil }  // the state does not hold what the old documents say
            if lists.body.isEmpty != body.isEmpty { termCount += body.isEmpty ? -1 : 1 }
            files[index]!.terms[name] = body.isEmpty ? nil : SearchTermFile.Lists(body: body, title: title)
            touchedShards.insert(Int(hash % UInt32(shardCount)))
            changedFiles.insert(index)
        }
        guard Self.shardCount(forTerms: termCount) == shardCount else { return nil }

        // The card chunks to write, made before anything is kept or written.
        var chunks: [OutputFile] = []
        func addChunk(_ chunk: Int) -> Bool {
            var chunkCards: [[UInt8]] = []
            for document in chunk * Self.cardsPerChunk..<min((chunk + 1) * Self.cardsPerChunk, documentCount) {
                guard let card = cards(document) else { return false }
                chunkCards.append(card)
            }
            chunks.append(Self.cardChunk(chunk, cards: chunkCards))
            return true
        }
        for chunk in changedChunks.sorted() { guard addChunk(chunk) else { return nil } }

        // Everything no change touched keeps the previous build's files, unless one is missing
        // from the site. Kept files may still be written over if this returns nil.
        // On all cores: thousands of files, each asked for on disk.
        var output = SearchIndexOutput()
        var shardsToWrite = touchedShards
        let untouchedShards = (0..<shardCount).filter { !touchedShards.contains($0) }
        let keptShards = untouchedShards.parallelMap { shard in
            let name = "search/shards/\(shard).json"
            return reuse.previousKey(name).flatMap { reuse.keep(name, $0, Self.shardPrefixes(shard)) }
        }
        for (shard, kept) in zip(untouchedShards, keptShards) {
            if let kept { output.kept(kept) } else { shardsToWrite.insert(shard) }
        }
        let chunkCount = (documentCount + Self.cardsPerChunk - 1) / Self.cardsPerChunk
        let untouchedChunks = (0..<chunkCount).filter { !changedChunks.contains($0) }
        // The untouched chunks at once where the publisher allows: 3,600 calls to keep one chunk
        // each were 39 million instructions of a one-table rebuild at 1,000 departments
        // (callgrind; its wall time did not measurably change).
        if let keepFolder = reuse.keepFolder,
            let kept = keepFolder(
                "search/cards/", changedChunks.sorted().map { "search/cards/\($0).json" }, untouchedChunks.count)
        {
            output.kept(kept)
        } else {
            let keptChunks = untouchedChunks.parallelMap { reuse.keepFiles(["search/cards/\($0).json"]) }
            for (chunk, kept) in zip(untouchedChunks, keptChunks) {
                if let kept {
                    output.kept(kept)
                } else {
                    guard addChunk(chunk) else { return nil }
                }
            }
        }
        for shard in shardsToWrite { guard load(shard % fileCount) else { return nil } }

        // Nothing can fail now but writing.
        let loaded = files
        let shardOutputs = shardsToWrite.sorted().parallelMap { shard -> (files: [OutputFile], kept: KeptFiles?) in
            let name = "search/shards/\(shard).json"
            let terms = loaded[shard % fileCount]!.terms.filter {
                Int(Self.fnv1a($0.key) % UInt32(shardCount)) == shard
            }
            .sorted { $0.key < $1.key }
            let names = terms.map(\.key)
            let members = terms.enumerated().map {
                (term: $0.offset, body: $0.element.value.body, title: $0.element.value.title)
            }
            let key = Self.shardKey(
                shard: shard, shardCount: shardCount, members: members, names: names, stamp: reuse.stamp)
            if let kept = reuse.keep(name, key, Self.shardPrefixes(shard)) {
                return ([], kept)
            }
            return (Self.shardFiles(shard, sortedMembers: members, names: names), nil)
        }
        for shard in shardOutputs {
            if let kept = shard.kept { output.kept(kept) }
            try output.add(shard.files, emit: emit)
        }
        try output.add(chunks, emit: emit)
        let indexDigest = try output.finish(shardCount: shardCount, documentCount: documentCount, emit: emit)
        var checksums = state.fileChecksums
        for index in changedFiles.sorted() { checksums[index] = store.storeTermFile(files[index]!, index: index) }
        return Outcome(
            shardCount: shardCount, termCount: termCount, fileChecksums: checksums, indexDigest: indexDigest,
            documentCount: documentCount)
    }

    /// The path prefixes of a shard's files: its JSON and the pages of its long lists.
    static func shardPrefixes(_ shard: Int) -> [String] {
        ["search/shards/\(shard).json", "search/lists/\(shard)-"]
    }

    /// The list with the edits' documents removed or added; nil if one to remove is not in it or
    /// one to add is.
    private static func patched(_ list: PostingList, _ edits: [Edit]) -> PostingList? {
        guard !edits.isEmpty else { return list }
        let removed = Set(edits.filter { !$0.added }.map(\.document))
        var documents = list.documents
        documents.removeAll { removed.contains($0) }
        guard documents.count == list.count - removed.count else { return nil }
        documents += edits.filter(\.added).map(\.document)
        documents.sort()
        for index in documents.indices.dropFirst() where documents[index] == documents[index - 1] { return nil }
        return PostingList(documents: documents)
    }

    /// The terms in one of two sets only, by name, with whether the new one has it.
    private static func difference(
        _ old: DocumentTerms.Terms, _ new: DocumentTerms.Terms, _ visit: (String, Bool) -> Void
    ) {
        merge(old.han, new.han) { key, added in visit(TermTable.name(ofHan: key), added) }
        merge(old.words, new.words, visit)
    }

    /// Walks two sorted arrays without repeats, visiting what one of them has and the other not.
    private static func merge<Element: Comparable>(
        _ old: [Element], _ new: [Element], _ visit: (Element, Bool) -> Void
    ) {
        var (oldIndex, newIndex) = (0, 0)
        while oldIndex < old.count || newIndex < new.count {
            if newIndex == new.count || (oldIndex < old.count && old[oldIndex] < new[newIndex]) {
                visit(old[oldIndex], false)
                oldIndex += 1
            } else if oldIndex == old.count || new[newIndex] < old[oldIndex] {
                visit(new[newIndex], true)
                newIndex += 1
            } else {
                oldIndex += 1
                newIndex += 1
            }
        }
    }
}
