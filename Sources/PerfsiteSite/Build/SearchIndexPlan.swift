import PerfsiteCore

/// The previous build's search index state (`SearchIndexState`) matched against this build's
/// departments: whether the index can be patched rather than built again, and from what.
struct SearchIndexPlan: Sendable {
    struct Changed: Sendable {
        /// The number of its first document.
        var first: Int
        var old: [IndexedDocument]
    }

    let state: SearchIndexState
    /// The departments whose render key changed, by path, with the documents they had.
    let changed: [String: Changed]
    /// Each department's first document number, in site order (the state's order).
    let firstDocuments: [Int]

    /// Nil when the index is to be built whole: no state, a state of another stamp or of an index
    /// other than the published one, departments added, removed or moved, a department without
    /// a render key, over a quarter of the departments changed (then the whole index, built while
    /// they render, is as quick), or the old documents of one not in the cache.
    init?(site: Site, keys: [String: String], cache: BuildCache, stamp: String, publishedIndex: FileDigest?) {
        guard let state = cache.searchState(), state.stamp == stamp, let publishedIndex,
            state.indexDigest == publishedIndex
        else { return nil }
        var position = 0
        var first = 0
        var firstDocuments: [Int] = []
        firstDocuments.reserveCapacity(state.departments.count)
        var changed: [(path: String, first: Int, key: String)] = []
        for year in site.years {
            for entry in year.departments {
                guard position < state.departments.count, state.departments[position].path == entry.path,
                    let key = keys[entry.path]
                else { return nil }
                let previous = state.departments[position]
                if previous.key != key { changed.append((entry.path, first, previous.key)) }
                firstDocuments.append(first)
                first += previous.documents
                position += 1
            }
        }
        guard position == state.departments.count, changed.count <= max(1, position / 4) else { return nil }
        let old = changed.parallelMap { cache.documents(key: $0.key) }
        var byPath: [String: Changed] = [:]
        for (department, documents) in zip(changed, old) {
            guard let documents else { return nil }
            byPath[department.path] = Changed(first: department.first, old: documents)
        }
        self.state = state
        self.changed = byPath
        self.firstDocuments = firstDocuments
    }

    /// The position in site order of the department holding a document.
    func position(ofDocument document: Int) -> Int {
        var (low, high) = (0, firstDocuments.count)  // the last first ≤ document is in low..<high
        while high - low > 1 {
            let middle = (low + high) / 2
            if firstDocuments[middle] <= document { low = middle } else { high = middle }
        }
        return low
    }
}
