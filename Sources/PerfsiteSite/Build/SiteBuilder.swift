import Foundation
import PerfsiteCore

/// `perfsite build`: read → validate → assemble → render → publish. Any error stops the build
/// before Public/ is touched; warnings are reported and the site is built.
public struct SiteBuilder: Sendable {
    public var settings: SiteSettings
    /// Tables to read (files or folders); the settings' contentDir when empty.
    public var contentPaths: [String]
    /// The folder to publish into; the settings' publishDir when nil.
    public var outputPath: String?
    /// Where site themes live (`Themes/`).
    public var themesDirectory: String
    public var strict: Bool
    /// Check results kept between builds of the same process (`perfsite serve`); nil for one build.
    public var checkCache: CheckCache?
    /// Remove the previous site on a background thread after the swap (for `perfsite serve`).
    public var removeOldSiteLater = false
    /// Update a previous site in place, writing only what changed (`InPlaceFolder`), instead of
    /// swapping in a whole new one. For `perfsite serve` and `perfsite build --in-place`.
    public var inPlace = false
    /// Up to this many bytes of tables, the models the check made are kept for rendering; above
    /// it only their outlines are, and the models are set aside in a file beside the published
    /// folder (`ModelSpill`) to be read back when their department is rendered: memory that stays
    /// flat as the site grows.
    var modelMemoryBudget = 24 << 20
    /// Whether a large site's models are set aside; without, each department's tables are read
    /// and checked again in their turn (also what happens when the file cannot be made).
    var setsModelsAside = true
    /// Called as tables are checked and departments rendered (from several threads), for a
    /// progress line; nil reports nothing.
    public var progress: (@Sendable (BuildProgress) -> Void)?
    /// The folder of the build cache (`BuildCache`), which lets a rebuild skip what the tables that
    /// did not change would give again; nil builds without one.
    public var cacheDirectory: String?
    /// Whether the tables' models and the assembled site are freed when `build` returns.
    /// `perfsite build` exits right after: freeing a thousand departments' tables, outlines and
    /// pages one object at a time was 4% of a one-table rebuild, for memory the exit gives back
    /// whole. `perfsite serve`, which builds again and again, frees them.
    public var freesModels = true

    public init(
        settings: SiteSettings, contentPaths: [String] = [], outputPath: String? = nil,
        themesDirectory: String = "Themes", strict: Bool = false
    ) {
        self.settings = settings
        self.contentPaths = contentPaths
        self.outputPath = outputPath
        self.themesDirectory = themesDirectory
        self.strict = strict
    }

    public enum Outcome: Sendable {
        /// The new site is in place.
        case published(files: Int, written: Int, unchanged: Int, pages: Int)
        /// Validation found errors; nothing was published.
        case stoppedByErrors
        /// Something outside the tables failed (settings, theme, disk); nothing was published.
        case failed(String)
    }

    /// How long each stage took, for `--timings` and the benchmarks.
    public struct Timings: Sendable {
        public var check: Duration = .zero
        /// Everything published: pages, downloads, open data and the search index.
        public var pages: Duration = .zero
        public var publish: Duration = .zero

        public init() {}
    }

    public struct Result: Sendable {
        public var report: CheckReport
        public var timings = Timings()
        /// The tables' diagnostics and the site's own, with --strict applied.
        public var diagnostics: [Diagnostic]
        public var outcome: Outcome
        /// What the tables hold, counted before a large site's models were set aside.
        public var summary: CheckReport.Summary
        /// A failed in-place build may have replaced some files of Public/ (the next build
        /// publishes the whole site again); a failed staged build left Public/ as it was.
        public var partlyUpdated = false
        /// Tables whose check the build cache held: their files had not changed since it was stored.
        public var tablesFromCache = 0
        /// The search index was patched from the previous build's (`SearchIndexBuilder.update`),
        /// not built from every document.
        public var searchIndexPatched = false
        /// The site-wide pages were kept from the previous build: nothing they show had changed
        /// (`RenderKeys.sitePagesKey`).
        public var sitePagesKept = false
        /// How many departments' open-data rows were copied from the previous build's published
        /// files (`OpenDataSpans`).
        public var openDataRowsCopied = 0
        /// How many bytes of the open-data files were copied without being hashed again, their
        /// hash resumed from the previous build's checkpoints (`ResumableSHA256`).
        public var openDataBytesNotRehashed = 0
        /// How many entries of manifest.json were copied from the previous one
        /// (`PreviousManifestText`).
        public var manifestEntriesCopied = 0
        /// Files of the previous site that an in-place build kept and that were not there
        /// (`InPlaceFolder.keptMissingFileCount`): `build()` builds again.
        var keptMissingFiles = 0
        /// Files the previous build published that were missing from the output folder (deleted
        /// by hand since) and were written again.
        public var restoredFiles = 0

        public init(
            report: CheckReport, summary: CheckReport.Summary? = nil, timings: Timings = Timings(),
            diagnostics: [Diagnostic], outcome: Outcome
        ) {
            self.report = report
            self.summary = summary ?? report.summary()
            self.timings = timings
            self.diagnostics = diagnostics
            self.outcome = outcome
        }

        public var errorCount: Int { diagnostics.count { $0.severity == .error } }
        public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    }

    /// Reads each table once and checks it: its SHA-256 (for the manifest and the render keys) and
    /// its model come from the same bytes, so a table saved during a build can never leave pages
    /// that disagree with the digest recorded for them. With a cache, unchanged tables are not
    /// checked again.
    ///
    /// Tables that add up to more than `modelMemoryBudget` bytes keep only their outlines here,
    /// their full models set aside in `spillFolder` for the second pass (`TableModels`).
    func checkTables(
        _ paths: [String], checker: TableChecker, vocabularyKey: String, cache: BuildCache? = nil,
        spillFolder: String? = nil
    ) -> CheckedTables {
        let limit = checker.reader.limits.maxFileBytes
        let counter = ProgressCounter(.checking, total: paths.count, report: progress)
        // Each table's stat, once and on all cores: the size decides what is kept, the
        // fingerprint what the cache gives (two stats a table, one thread for the first, had been
        // 3% of a one-table rebuild at 10,000 departments).
        let statuses = paths.parallelMap { path -> stat? in
            var info = stat()
            return stat(path, &info) == 0 ? info : nil
        }
        let totalBytes = statuses.reduce(0) { $0 + ($1.map { Int($0.st_size) } ?? 0) }
        let keepModels = totalBytes <= modelMemoryBudget
        // A large site's models are set aside on disk instead of being made again (ModelSpill).
        let spill = keepModels ? nil : spillFolder.flatMap { ModelSpill(folder: $0) }
        let results = Array(zip(paths, statuses)).parallelMap { path, status -> CheckedTable in
            defer { counter.advance() }
            guard let info = status, Int(info.st_size) <= limit else {
                return CheckedTable(result: checker.check(path: path))  // the reader names the problem
            }
            let fingerprint = BuildCache.Fingerprint(info)
            if let stored = cache?.table(at: path, fingerprint: fingerprint) {
                return CheckedTable(
                    result: stored.result(path: path), digest: stored.digest, indicators: stored.indicators,
                    stored: stored, fromCache: true)
            }
            guard let data = FileManager.default.contents(atPath: path), data.count <= limit else {
                return CheckedTable(result: checker.check(path: path))
            }
            let digest = Manifest.hex(data)
            var result: TableChecker.FileResult
            if let cached = checkCache?.result(path: path, digest: digest, vocabulary: vocabularyKey) {
                result = cached
            } else {
                result = checker.check(bytes: [UInt8](data), path: path)
                checkCache?.store(result, path: path, digest: digest, vocabulary: vocabularyKey)
            }
            let indicators = (result.department?.indicatorCount ?? 0) + (result.projectTable?.indicators.count ?? 0)
            let outline = result.outline
            // Only a table without findings is stored: the next build reports another's findings
            // by checking it again.
            let stored =
                cache != nil && result.diagnostics.isEmpty
                ? BuildCache.Table(
                    fingerprint: fingerprint, digest: digest, indicators: indicators, outline: outline,
                    setAsideIn: spill)
                : nil
            return CheckedTable(
                result: keepModels ? result : outline, digest: digest, indicators: indicators, stored: stored,
                checkedNow: keepModels, spilled: spill?.store(result))
        }
        checkCache?.keep(paths: Set(paths))
        var digests: [String: String] = [:]
        var stored: [String: BuildCache.Table] = [:]
        for (path, checked) in zip(paths, results) {
            digests[path] = checked.digest
            stored[path] = checked.stored
        }
        let report = CheckReport(files: results.map(\.result))
        var summary = report.summary()
        summary.indicators = results.reduce(0) { $0 + $1.indicators }
        // Full models, kept for rendering when the site is small; a table taken from the build
        // cache has only its outline, and is read again if its pages are rendered.
        let kept = Dictionary(
            results.filter(\.checkedNow).map { ($0.result.path, $0.result) }, uniquingKeysWith: { first, _ in first })
        return CheckedTables(
            report: report, summary: summary,
            models: TableModels(
                checker: checker, kept: kept, digests: digests, spill: spill,
                spilled: Dictionary(
                    results.compactMap { checked in checked.spilled.map { (checked.result.path, $0) } },
                    uniquingKeysWith: { first, _ in first })),
            digests: digests, stored: stored,
            fromCache: results.count(where: \.fromCache))
    }

    /// One table's check, or what the build cache held for it.
    struct CheckedTable: Sendable {
        var result: TableChecker.FileResult
        var digest: String? = nil
        /// Counted on the full model, which `result` may no longer be.
        var indicators = 0
        /// The entry for the build cache; nil for a table with findings.
        var stored: BuildCache.Table? = nil
        /// The result holds the full model, checked in this build.
        var checkedNow = false
        /// Where the full model was set aside, for a large site.
        var spilled: ModelSpill.Location? = nil
        var fromCache = false
    }

    struct CheckedTables: Sendable {
        /// The results, with outlines instead of models for a large site.
        var report: CheckReport
        /// Counted from the full models.
        var summary: CheckReport.Summary
        var models: TableModels
        var digests: [String: String]
        /// What to store in the build cache, by path.
        var stored: [String: BuildCache.Table] = [:]
        /// How many tables the build cache gave.
        var fromCache = 0
    }

    /// Links the folders of departments whose render key matches the previous build's, and records
    /// every department's key. Returns the folders linked, and each department's key by folder;
    /// a folder with a missing previous file is rendered instead (its partly linked files are
    /// overwritten by identical bytes).
    func reuseUnchanged(
        _ site: Site, keys: RenderKeys, previous: Manifest.Previous, staging: any PublishTarget, manifest: Manifest
    ) -> (reused: Set<String>, keys: [String: String]) {
        // Year by year: `parallelMap` takes an array, and one of every department of the site
        // was 45 MB at 30,000 departments.
        let results = site.years.flatMap {
            $0.departments.parallelMap { entry -> (path: String, key: String?, reused: Bool) in
                guard let key = keys.key(for: entry) else { return (entry.path, nil, false) }
                let kept = Self.keepIfUnchanged(
                    entry.path, key: key, prefixes: [entry.path], previous: previous, staging: staging,
                    manifest: manifest)
                return (entry.path, key, kept != nil)
            }
        }
        return (
            Set(results.filter(\.reused).map(\.path)),
            Dictionary(
                results.compactMap { result in result.key.map { (result.path, $0) } }, uniquingKeysWith: { a, _ in a })
        )
    }

    /// Records the render key of a department folder, a search shard or the site-wide pages
    /// (`name`) and, when the previous build recorded the same key, keeps that build's files under
    /// `prefixes` as they are, with the digests it gave them. Nil when the key changed, or when
    /// there are no such files (none under one of the prefixes, with `everyPrefix`) or one is
    /// missing: the caller writes them all (a file kept already is then overwritten by the same
    /// bytes). The files kept are given as their positions in the previous manifest
    /// (`ManifestFiles.range`).
    static func keepIfUnchanged(
        _ name: String, key: String, prefixes: [String], everyPrefix: Bool = false, previous: Manifest.Previous,
        staging: any PublishTarget, manifest: Manifest
    ) -> [Range<Int>]? {
        manifest.record(renderKey: key, of: name)
        guard previous.renderKeys[name] == key else { return nil }
        return keep(
            prefixes: prefixes, everyPrefix: everyPrefix, previous: previous, staging: staging, manifest: manifest)
    }

    /// Keeps the previous build's files under `prefixes` as they are, with their digests; nil
    /// when there are none (or, with `everyPrefix`, none under one of the prefixes) or one is
    /// missing.
    static func keep(
        prefixes: [String], everyPrefix: Bool = false, previous: Manifest.Previous, staging: any PublishTarget,
        manifest: Manifest
    ) -> [Range<Int>]? {
        let found = prefixes.map { previous.files.range(under: $0) }
        if everyPrefix && found.contains(where: \.isEmpty) { return nil }
        let ranges = found.filter { !$0.isEmpty }
        guard !ranges.isEmpty else { return nil }
        for range in ranges { guard (try? staging.reuse(previous: range)) == true else { return nil } }
        manifest.record(previous: ranges)
        return ranges
    }

    /// Keeps the previous build's files under `folder` but those under `except`, if `json` of them
    /// are JSON files and none is missing; nil, keeping nothing, otherwise. In place only, where
    /// keeping all or none is one question (a staging folder links each file, and finds one
    /// missing only after linking the others).
    static func keep(
        folder: String, except: [String], json: Int, previous: Manifest.Previous, into inPlace: InPlaceFolder,
        manifest: Manifest
    ) -> [Range<Int>]? {
        let all = previous.files.range(under: folder)
        var ranges: [Range<Int>] = []
        var start = all.lowerBound
        for excluded in except.map({ previous.files.range(under: $0) }).filter({ !$0.isEmpty }).sorted(by: {
            $0.lowerBound < $1.lowerBound
        }) {
            guard excluded.lowerBound >= start, excluded.upperBound <= all.upperBound else { return nil }
            ranges.append(start..<excluded.lowerBound)
            start = excluded.upperBound
        }
        ranges.append(start..<all.upperBound)
        ranges.removeAll(where: \.isEmpty)
        var jsonFiles = 0
        for range in ranges {
            previous.files.forEachPath(in: range) { _, path in
                if SearchIndexOutput.isJSON(path) { jsonFiles += 1 }
            }
        }
        guard jsonFiles == json, !ranges.isEmpty, inPlace.reuse(previous: ranges) else { return nil }
        manifest.record(previous: ranges)
        return ranges
    }

    /// The second pass, a batch of departments at a time in site order: each department's full
    /// models are fetched (`TableModels`), its pages rendered on all cores (unless reused from
    /// the previous build), and its open-data rows and search documents added to the site-wide
    /// files — which thus never need every model of the site at once. A department whose
    /// derivatives the build cache holds under its render key (`keys`, by folder) needs neither
    /// models nor tokenizing when its pages are reused. Returns the render keys whose derivatives
    /// the cache now holds, and whether the search index was patched.
    ///
    /// With a cache, the search index is patched when the previous build's index state allows
    /// (`SearchIndexPlan`): then only the changed departments' documents are read, and the index
    /// is updated once they are rendered. Otherwise it is built whole on a thread of its own,
    /// from the documents each batch hands over while the next batch renders.
    func renderDepartments(
        _ site: Site, reused: Set<String>, models: TableModels, renderer: SiteRenderer, keys: [String: String],
        cache: BuildCache?, shardReuse: SearchIndexBuilder.ShardReuse? = nil,
        emit: @escaping @Sendable (OutputFile) throws -> Void,
        emitDigested: @escaping @Sendable (OutputFile, FileDigest) throws -> Void,
        openData: OpenDataStreams, departmentDone: @escaping @Sendable () -> Void
    ) throws -> (cachedKeys: Set<String>, indexPatched: Bool) {
        var index = SearchIndexBuilder()
        index.shardReuse = shardReuse
        index.termStore = shardReuse == nil ? nil : cache
        // Thousands of small index files: creating them costs more than computing them, so on all
        // cores.
        let emitIndexFiles: @Sendable ([SearchIndexBuilder.DigestedFile]) throws -> Void = { files in
            let failures = files.parallelMap { file -> String? in
                do {
                    try emitDigested(file.file, file.digest)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw RenderError(message: failure) }
        }
        let plan = cache.flatMap { cache in
            shardReuse.flatMap { reuse in
                SearchIndexPlan(
                    site: site, keys: keys, cache: cache, stamp: reuse.stamp,
                    publishedIndex: reuse.previousDigest("search/index.json"))
            }
        }
        let documents = BatchQueue<IndexedDocument>()
        let indexing = plan == nil ? Self.startIndexing(index, documents: documents, emit: emitIndexFiles) : nil
        // The open-data rows are appended (hashed and written) on a thread of their own, in site
        // order, while the next batch is read: on the main thread, 17 MB of rows at 1,000
        // departments kept a core idle during a rebuild.
        let rows = BatchQueue<(rows: OpenDataStreams.Rows, key: String?)>(capacity: 4)
        let appendingRows = SiteWideWork {
            defer { rows.close() }  // a failed stream stops the renderer waiting on it
            for batch in rows {
                for department in batch { try openData.append(department.rows, key: department.key) }
            }
            try openData.finish()
        }
        var cachedKeys = Set<String>()
        var failure: (any Error)?
        // What the index state will list: each department with its key and document count.
        var indexed: [SearchIndexState.Department]? = []
        // For the update: the changed departments' new documents.
        var changes: [SearchIndexBuilder.Change] = []
        var newDocuments: [String: [IndexedDocument]] = [:]
        var updatable = plan != nil
        // Departments rendered since memory was last released, and in all.
        var renderedSinceRelease = 0
        var rendered = 0
        for (number, batch) in Self.batches(of: site).enumerated() {
            let outputs = batch.parallelMap { entry in
                Swift.Result { () throws -> (rows: OpenDataStreams.Rows, documents: [IndexedDocument]?, key: String?) in
                    let key = cache == nil ? nil : keys[entry.path]
                    let isReused = reused.contains(entry.path)
                    // The update needs no documents of a department that did not change, and its
                    // rows are where the previous build published them, or in its cache file.
                    if let plan, isReused, let key, plan.changed[entry.path] == nil {
                        if let ranges = openData.previousRows(key: key) { return (.previous(ranges), nil, key) }
                        if let rows = cache?.openDataRows(key: key) { return (.bytes(rows), nil, key) }
                    }
                    let stored = key.flatMap { cache?.derivatives(key: $0) }
                    if isReused, let stored { return (.bytes(stored.openDataRows), stored.documents, key) }
                    let full = try models.materialize(entry)
                    var indicatorRows: [UInt8]?
                    if !isReused {
                        let output = renderer.departmentOutput(full)
                        for file in output.files { try emit(file) }
                        indicatorRows = output.indicatorRows
                        departmentDone()
                    }
                    if let stored { return (.bytes(stored.openDataRows), stored.documents, key) }
                    let derivatives = DepartmentDerivatives(
                        openDataRows: renderer.openDataRows(full, indicatorRows: indicatorRows),
                        documents: SearchDocument.documents(for: full))
                    if let key { cache?.store(derivatives, key: key) }
                    return (.bytes(derivatives.openDataRows), derivatives.documents, key)
                }
            }
            var batchDocuments: [IndexedDocument] = []
            var batchRows: [(rows: OpenDataStreams.Rows, key: String?)] = []
            do {
                for (entry, output) in zip(batch, outputs) {
                    let (departmentRows, documents, key) = try output.get()
                    if let key { cachedKeys.insert(key) }
                    batchRows.append((departmentRows, key))
                    if let plan {
                        if let changed = plan.changed[entry.path], let documents {
                            if documents.count != changed.old.count { updatable = false }
                            changes.append(
                                SearchIndexBuilder.Change(first: changed.first, old: changed.old, new: documents))
                            newDocuments[entry.path] = documents
                        }
                    } else if let documents {
                        batchDocuments += documents
                        if let key {
                            indexed?.append(.init(path: entry.path, key: key, documents: documents.count))
                        } else {
                            indexed = nil
                        }
                    }
                }
            } catch {
                failure = error
                break
            }
            rows.push(batchRows)
            if plan == nil { documents.push(batchDocuments) }
            // Rendering on several threads leaves freed pages in each thread's heap arena.
            let renderedNow = batch.count { !reused.contains($0.path) }
            renderedSinceRelease += renderedNow
            rendered += renderedNow
            if number % 16 == 15, renderedSinceRelease >= FreedMemory.worthwhileWork {
                FreedMemory.release()
                renderedSinceRelease = 0
            }
        }
        documents.close()
        rows.close()
        FreedMemory.release(afterWork: renderedSinceRelease)
        // With a plan, the index is patched while the rows are still being appended: it needs none
        // of them, and done after them it was the last thing a one-table rebuild waited for.
        var outcome: SearchIndexBuilder.Outcome?
        var patched = false
        let patching = Swift.Result { () throws -> Void in
            guard let plan, failure == nil else { return }
            if updatable,
                let update = try Self.patchIndex(
                    index, plan: plan, changes: changes, newDocuments: newDocuments, keys: keys, cache: cache,
                    emit: emitIndexFiles)
            {
                (outcome, indexed) = update
                patched = true
            }
            if outcome == nil {
                // The update could not be made: the whole index, from every department's documents.
                (outcome, indexed) = try wholeIndex(
                    index, site: site, keys: keys, models: models, cache: cache, newDocuments: newDocuments,
                    emit: emitIndexFiles)
            }
        }
        // The index and the rows finish (or fail) before anything is thrown: a thread still
        // writing into the staging folder would bring it back after `discard`.
        let built = indexing.map { indexing in Swift.Result { try indexing.wait() } }
        let appended = Swift.Result { try appendingRows.wait() }
        if let failure { throw failure }
        try appended.get()
        try patching.get()
        if let built { outcome = try built.get() }
        if let cache, let shardReuse, let outcome {
            cache.saveSearchState(
                indexed.map { departments in
                    SearchIndexState(
                        stamp: shardReuse.stamp, departments: departments, shardCount: outcome.shardCount,
                        termCount: outcome.termCount, fileChecksums: outcome.fileChecksums,
                        indexDigest: outcome.indexDigest)
                })
        }
        // The whole index (built when there was no plan, or when the update could not be made)
        // frees its postings here.
        if !patched || rendered >= FreedMemory.worthwhileWork { FreedMemory.release() }
        return (cachedKeys, patched)
    }

    /// The departments in batches, in site order, taken from each year's array: one array of
    /// every department of the site was 45 MB at 30,000 departments, held for the whole pass.
    static func batches(of site: Site) -> some Sequence<[SiteDepartment]> {
        site.years.lazy.flatMap { year in
            stride(from: 0, to: year.departments.count, by: SiteRenderer.batchDepartments).lazy.map { start in
                Array(year.departments[start..<min(start + SiteRenderer.batchDepartments, year.departments.count)])
            }
        }
    }

    /// Checks the tables and publishes the site. An in-place build asks whether the previous
    /// site's files are all still there while it renders, keeping each one it does not write; in
    /// the rare case that one it kept was deleted from Public/ since, the site is built again,
    /// with the missing files known, right after.
    ///
    /// Asking for 39,000 files at 1,000 departments takes about 40 ms of CPU. Waited for before
    /// anything was kept, it was the longest thing a one-table rebuild waited for: 30-40% of its
    /// time, while the tables, the site and the theme were ready on the other core.
    public func build() -> Result {
        let first = build(waitingForFileCheck: false)
        guard first.keptMissingFiles > 0, case .published(_, let writtenFirst, _, _) = first.outcome else {
            return first
        }
        var second = build(waitingForFileCheck: true)
        second.restoredFiles = first.keptMissingFiles
        if case .published(let files, let written, _, let pages) = second.outcome {
            let total = min(files, written + writtenFirst)
            second.outcome = .published(files: files, written: total, unchanged: files - total, pages: pages)
        }
        second.timings.check += first.timings.check
        second.timings.pages += first.timings.pages
        second.timings.publish += first.timings.publish
        return second
    }

    private func build(waitingForFileCheck: Bool) -> Result {
        // The previous manifest and the build cache are read on threads of their own from the
        // start, while the tables are found and checked: a rebuild checks few tables, and reading
        // 40,000 entries of manifest.json (8% of a one-table rebuild) and tables.bin (15 ms at
        // 1,000 departments) one after the other kept a core idle.
        let destination = URL(fileURLWithPath: outputPath ?? settings.publishDir)
        let inPlace = inPlace
        let readingPrevious = SiteWideWork { () -> (Manifest.Previous, checking: SiteWideWork<EntrySet>?) in
            // After an interrupted in-place build the files on disk may not be those the manifest
            // names: nothing of the previous site is trusted, every department is rendered again.
            let previous =
                InPlaceFolder.wasInterrupted(destination)
                ? Manifest.Previous()
                : Manifest.Previous(contentsOf: destination.appendingPathComponent("manifest.json"))
            // Which of its files an in-place build would keep are still there, asked from now on.
            // (A staging folder finds out when it links them.)
            let files = previous.files
            let checking =
                inPlace && !files.isEmpty
                ? SiteWideWork { InPlaceFolder.missingFiles(of: files, in: destination) } : nil
            return (previous, checking)
        }
        let vocabularyKey = settings.vocabularyAliases.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }
            .joined(separator: "\n")
        let openingCache = cacheDirectory.map { directory in
            SiteWideWork {
                BuildCache(
                    directory: URL(fileURLWithPath: directory),
                    stamp: RenderKeys.executableStamp + "\n" + vocabularyKey)
            }
        }
        // The theme's templates are compiled while the tables are checked: 4-8 ms of a one-table
        // rebuild's main thread at 1,000 departments, waited for after the check.
        let themesDirectory = themesDirectory
        let loadingTheme = SiteWideWork { [settings] in
            try Theme.load(name: settings.theme, themesDirectory: themesDirectory)
        }
        let empty = CheckReport(files: [])
        let vocabulary: IndicatorVocabulary
        let files: [String]
        do {
            vocabulary = try settings.vocabulary()
            files = try ContentFinder.tableFiles(in: contentPaths.isEmpty ? [settings.contentDir] : contentPaths)
        } catch let error as SettingsError {
            return Result(report: empty, diagnostics: [], outcome: .failed(error.description))
        } catch let error as ContentFinder.Missing {
            return Result(report: empty, diagnostics: [], outcome: .failed("\(error.path): error: 路径不存在"))
        } catch {
            return Result(report: empty, diagnostics: [], outcome: .failed("\(error)"))
        }

        let clock = ContinuousClock()
        var timings = Timings()
        var started = clock.now
        let startedAt = Date()
        // Opening the cache cannot fail: an unreadable one is empty.
        let cache = openingCache.flatMap { try? $0.wait() }
        let checked = checkTables(
            files, checker: TableChecker(vocabulary: vocabulary), vocabularyKey: vocabularyKey, cache: cache,
            spillFolder: setsModelsAside ? destination.deletingLastPathComponent().path : nil)
        let report = checked.report
        FreedMemory.release(afterWork: files.count - checked.fromCache)
        let sources = checked.digests
        let (site, siteDiagnostics) = SiteAssembler.assemble(
            report.departments, projectTables: report.projectTables, settings: settings)
        timings.check = clock.now - started
        var diagnostics = report.diagnostics + siteDiagnostics
        if strict { diagnostics = diagnostics.map { $0.strict() } }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(report: report, summary: checked.summary, diagnostics: diagnostics, outcome: .stoppedByErrors)
        }

        let theme: Theme
        do {
            theme = try loadingTheme.wait()
        } catch {
            return Result(
                report: report, summary: checked.summary, diagnostics: diagnostics,
                outcome: .failed((error as? ThemeError)?.description ?? "\(error)"))
        }
        var searchIndexPatched = false
        var sitePagesKept = false
        var openDataRowsCopied = 0
        var openDataBytesNotRehashed = 0
        var manifestEntriesCopied = 0
        var keptMissingFiles = 0
        do {
            // Reading cannot fail: an unreadable manifest is an empty one.
            let (previous, checking) = (try? readingPrevious.wait()) ?? (Manifest.Previous(), nil)
            let staging: any PublishTarget =
                if let checking {
                    waitingForFileCheck
                        ? try InPlaceFolder(
                            destination: destination, previousFiles: previous.files,
                            missing: InPlaceFolder.waitForMissingFiles(checking, count: previous.files.count))
                        : try InPlaceFolder(
                            destination: destination, previousFiles: previous.files,
                            missing: EntrySet(capacity: previous.files.count), checking: checking)
                } else {
                    try StagingFolder(destination: destination, previousFiles: previous.files)
                }
            do {
                let renderer = SiteRenderer(theme: theme, settings: settings)
                let manifest = Manifest(previous: previous.files, previousText: previous.text)
                let precompress = settings.precompress
                // A file whose digest is known already (the search index's) is not hashed again.
                let emitDigested: @Sendable (OutputFile, FileDigest) throws -> Void = { file, digest in
                    manifest.record(path: file.path, digest: digest)
                    try staging.write(file, digest: digest)
                    if precompress, Precompression.wants(file), let gzipped = try Precompression.gzipped(file) {
                        try staging.write(gzipped, digest: manifest.record(gzipped))
                    }
                }
                let emit: @Sendable (OutputFile) throws -> Void = { file in
                    try emitDigested(file, FileDigest(of: file.bytes))
                }
                started = clock.now
                let renderKeys = RenderKeys(theme: theme, settings: settings, sources: sources)
                // The site-wide pages (home, years, sitemap) are one thread's work: done while the
                // departments are linked and rendered on the others. Before them, they kept one
                // core of two idle for 25-35 ms of a 0.4 s one-table rebuild at 1,000 departments.
                // Kept as they are when what they show did not change (`RenderKeys.sitePagesKey`).
                // Their key is recorded under the home page's path.
                let sitePages = SiteWideWork { () throws -> Bool in
                    let kept = Self.keepIfUnchanged(
                        "index.html", key: renderKeys.sitePagesKey(site), prefixes: renderer.sitePagePrefixes(site),
                        everyPrefix: true, previous: previous, staging: staging, manifest: manifest)
                    if kept != nil { return true }
                    try renderer.renderSitePages(site, emit: emit)
                    return false
                }
                // A failure below waits for them before the staging folder is discarded: a thread
                // still writing into it would bring it back.
                defer { _ = try? sitePages.wait() }
                let (reused, keys) = reuseUnchanged(
                    site, keys: renderKeys, previous: previous, staging: staging, manifest: manifest)
                var keepFolder: (@Sendable (String, [String], Int) -> SearchIndexBuilder.KeptFiles?)?
                if let inPlace = staging as? InPlaceFolder {
                    keepFolder = { folder, except, json in
                        let kept = Self.keep(
                            folder: folder, except: except, json: json, previous: previous, into: inPlace,
                            manifest: manifest)
                        return kept.map { .previous(previous.files, $0) }
                    }
                }
                let shardReuse = SearchIndexBuilder.ShardReuse(
                    stamp: renderKeys.buildStamp,
                    keep: { name, key, prefixes in
                        Self.keepIfUnchanged(
                            name, key: key, prefixes: prefixes, previous: previous, staging: staging,
                            manifest: manifest
                        ).map { .previous(previous.files, $0) }
                    }, previousKey: { previous.renderKeys[$0] },
                    keepFiles: { prefixes in
                        Self.keep(prefixes: prefixes, previous: previous, staging: staging, manifest: manifest).map {
                            .previous(previous.files, $0)
                        }
                    }, keepFolder: keepFolder, previousDigest: { previous.files[$0] })
                let counter = ProgressCounter(
                    .rendering, total: site.departments.count, done: reused.count, report: progress)
                let streams = try SiteRenderer.openData.map { table in
                    try staging.beginStream("data/" + table.resource.path)
                }
                // Opened before anything replaces them: an unchanged department's rows are copied
                // from the files the previous build published.
                let previousRows = cache?.openDataSpans().flatMap { spans in
                    PreviousOpenData(
                        spans: spans, paths: streams.map(\.path), in: destination, listed: previous.files)
                }
                let openData = try OpenDataStreams(
                    streams: streams, headers: SiteRenderer.openDataHeaders, previous: previousRows)
                let (cachedKeys, indexPatched) = try renderDepartments(
                    site, reused: reused, models: checked.models, renderer: renderer, keys: keys, cache: cache,
                    shardReuse: shardReuse, emit: emit, emitDigested: emitDigested, openData: openData,
                    departmentDone: counter.advance)
                searchIndexPatched = indexPatched
                openDataRowsCopied = openData.copiedDepartments
                openDataBytesNotRehashed = openData.bytesNotRehashed
                sitePagesKept = try sitePages.wait()
                for stream in streams {
                    guard let digest = try staging.finishStream(stream) else {
                        throw PublishError(path: stream.path, message: "写入失败:校验值缺失")
                    }
                    manifest.record(path: stream.path, digest: digest)
                    let written = staging.writtenPath(of: stream.path)
                    if precompress, Precompression.wants(path: stream.path, size: stream.size),
                        let gzipped = try Precompression.gzipped(
                            fileAt: written, publishedPath: stream.path, size: stream.size)
                    {
                        try staging.write(gzipped, digest: manifest.record(gzipped))
                    }
                }
                previousRows?.closeInBackground()
                progress?(BuildProgress(stage: .finishing, done: 0, total: 0))
                timings.pages = clock.now - started
                started = clock.now
                guard sources.count == files.count else {
                    throw PublishError(path: files.first { sources[$0] == nil } ?? "", message: "无法读取源文件以计算校验值")
                }
                let publishedSources = Dictionary(
                    sources.map { (renderer.publishedPath(ofSource: $0.key), $0.value) },
                    uniquingKeysWith: { first, _ in first })
                // The build cache is written while the manifest is, on a thread of its own:
                // neither needs the other (perf, one-table rebuild at 1,000 departments: the
                // manifest 6-8% of its CPU on one thread, tables.bin 4% on the same thread after it).
                let stored = checked.stored
                let savingCache = cache.map { cache in
                    SiteWideWork {
                        cache.save(tables: stored, started: startedAt)
                        cache.keepDerivatives(of: cachedKeys)
                    }
                }
                // Asked before the manifest is written: the check may not still be reading Public/
                // when the commit removes what the site no longer has.
                keptMissingFiles = (staging as? InPlaceFolder)?.keptMissingFileCount() ?? 0
                let committed = Swift.Result {
                    manifestEntriesCopied = try manifest.write(
                        to: staging, sources: publishedSources, generator: "perfsite")
                    previous.text?.closeInBackground()  // replaced by the new manifest
                    try staging.commit(removeOldLater: removeOldSiteLater)
                }
                try savingCache?.wait()
                try committed.get()
                // Where the published files hold each department's rows, with the files as now
                // published; a file that cannot be read leaves no record.
                if let cache {
                    let published = streams.map { stream -> BuildCache.Fingerprint? in
                        var info = stat()
                        let path = destination.appendingPathComponent(stream.path).path
                        return stat(path, &info) == 0 ? BuildCache.Fingerprint(info) : nil
                    }
                    cache.saveOpenDataSpans(
                        published.contains(nil)
                            ? nil
                            : OpenDataSpans(
                                files: published.compactMap { $0 }, departments: openData.spans,
                                checkpoints: streams.map(\.checkpoints)))
                }
                timings.publish = clock.now - started
                // The previous manifest's 40,000 entries and the new one's, freed here, were 1 ms
                // of a one-table rebuild's main thread at 1,000 departments.
                if !freesModels {
                    KeptUntilExit.keep(previous)
                    KeptUntilExit.keep(manifest)
                }
            } catch {
                staging.discard()
                var result = Result(
                    report: report, summary: checked.summary, diagnostics: diagnostics, outcome: .failed("\(error)"))
                result.partlyUpdated = staging is InPlaceFolder
                return result
            }
            let counts = staging.counts
            // Home, 404, search, the year pages, a page per department (and a print view with an
            // overall table), a page and a print view per task, a page per project table.
            let pages =
                3 + site.years.count
                + site.departments.reduce(0) {
                    $0 + 1 + ($1.department == nil ? 0 : 1) + 2 * $1.projects.count + $1.projectTables.count
                }
            var result = Result(
                report: report, summary: checked.summary, timings: timings, diagnostics: diagnostics,
                outcome: .published(
                    files: counts.written + counts.unchanged, written: counts.written, unchanged: counts.unchanged,
                    pages: pages))
            result.tablesFromCache = checked.fromCache
            result.searchIndexPatched = searchIndexPatched
            result.sitePagesKept = sitePagesKept
            result.openDataRowsCopied = openDataRowsCopied
            result.openDataBytesNotRehashed = openDataBytesNotRehashed
            result.manifestEntriesCopied = manifestEntriesCopied
            result.keptMissingFiles = keptMissingFiles
            if !freesModels {
                KeptUntilExit.keep(checked)
                KeptUntilExit.keep(site)
            }
            return result
        } catch {
            return Result(
                report: report, summary: checked.summary, diagnostics: diagnostics, outcome: .failed(error.description))
        }
    }
}
