import PerfsiteCore

/// The search index's part of a build: built whole on a thread of its own while the departments
/// render, or patched from the previous build's state (`SearchIndexPlan`) once they have.
extension SiteBuilder {
    /// The index patched for the changed departments (`SearchIndexBuilder.update`), with what
    /// the index state then lists; nil if the update could not be made (nothing was written).
    /// The cards of unchanged documents that share a chunk with changed ones come from the cache.
    static func patchIndex(
        _ index: SearchIndexBuilder, plan: SearchIndexPlan, changes: [SearchIndexBuilder.Change],
        newDocuments: [String: [IndexedDocument]], keys: [String: String], cache: BuildCache?,
        emit: @escaping @Sendable ([SearchIndexBuilder.DigestedFile]) throws -> Void
    ) throws -> (SearchIndexBuilder.Outcome, [SearchIndexState.Department])? {
        var read: [Int: [IndexedDocument]] = [:]
        let departments = plan.state.departments
        let outcome = try index.update(
            state: plan.state, changes: changes,
            cards: { document in
                let position = plan.position(ofDocument: document)
                let department = departments[position]
                let documents =
                    newDocuments[department.path] ?? read[position] ?? cache?.documents(key: department.key)
                read[position] = documents
                return documents.flatMap { documents in
                    let offset = document - plan.firstDocuments[position]
                    return documents.indices.contains(offset) ? documents[offset].card : nil
                }
            }, emit: emit)
        return outcome.map { outcome in
            // The same departments and document counts, under this build's keys.
            let indexed = departments.map { department in
                var department = department
                department.key = keys[department.path] ?? department.key
                return department
            }
            return (outcome, indexed)
        }
    }

    /// The index built whole on a thread of its own, from the batches handed to `documents`.
    static func startIndexing(
        _ index: SearchIndexBuilder, documents: BatchQueue<IndexedDocument>,
        emit: @escaping @Sendable ([SearchIndexBuilder.DigestedFile]) throws -> Void
    ) -> SiteWideWork<SearchIndexBuilder.Outcome> {
        SiteWideWork {
            defer { documents.close() }  // a failed index stops the renderer waiting on it
            return try index.files(forIndexed: documents, emit: emit)
        }
    }

    /// The whole index when an update could not be made after the departments were rendered:
    /// every department's documents, from the cache or its tables, a batch at a time while the
    /// index thread numbers the previous batch. Returns what the index state lists.
    func wholeIndex(
        _ index: SearchIndexBuilder, site: Site, keys: [String: String], models: TableModels, cache: BuildCache?,
        newDocuments: [String: [IndexedDocument]],
        emit: @escaping @Sendable ([SearchIndexBuilder.DigestedFile]) throws -> Void
    ) throws -> (SearchIndexBuilder.Outcome, [SearchIndexState.Department]?) {
        let documents = BatchQueue<IndexedDocument>()
        let indexing = Self.startIndexing(index, documents: documents, emit: emit)
        var indexed: [SearchIndexState.Department]? = []
        var failure: (any Error)?
        for batch in Self.batches(of: site) {
            let outputs = batch.parallelMap { entry in
                Swift.Result { () throws -> [IndexedDocument] in
                    if let documents = newDocuments[entry.path] { return documents }
                    if let key = keys[entry.path], let documents = cache?.documents(key: key) { return documents }
                    return SearchDocument.documents(for: try models.materialize(entry)).map(IndexedDocument.init)
                }
            }
            var batchDocuments: [IndexedDocument] = []
            do {
                for (entry, output) in zip(batch, outputs) {
                    let documentsOfEntry = try output.get()
                    batchDocuments += documentsOfEntry
                    if let key = keys[entry.path] {
                        indexed?.append(.init(path: entry.path, key: key, documents: documentsOfEntry.count))
                    } else {
                        indexed = nil
                    }
                }
            } catch {
                failure = error
                break
            }
            documents.push(batchDocuments)
        }
        documents.close()
        let built = Swift.Result { try indexing.wait() }
        if let failure { throw failure }
        return (try built.get(), indexed)
    }
}
