import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteSite

/// The build cache (`BuildCache`): a rebuild checks only the tables whose files changed and takes
/// unchanged departments' open data and search terms from it, and publishes exactly what a build
/// without it publishes — whatever state the cache is in.
@Suite struct BuildCacheTests {
    let incremental = IncrementalBuildTests()

    /// Sets every table's modification time an hour back. The cache keeps only files that had not
    /// changed for a few seconds when the build began; tests write their tables just before.
    func age(_ site: TemporarySite) throws {
        for path in try ContentFinder.tableFiles(in: [site.content.path]) {
            let hourAgo = timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)
            var times = [hourAgo, hourAgo]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }
    }

    func syntheticTables(_ site: TemporarySite) throws -> [String] {
        try ContentFinder.tableFiles(in: [site.content.appendingPathComponent("2026").path])
    }

    @Test(arguments: [false, true]) func aRebuildChecksOnlyTheChangedTables(inPlace: Bool) throws {
        let site = try incremental.corpusSite(departments: 30)
        defer { site.remove() }
        try age(site)
        let tables = try ContentFinder.tableFiles(in: [site.content.path])
        let first = site.build(cached: true)
        #expect(first.outcome.isPublished)
        #expect(first.tablesFromCache == 0)
        #expect(first.warningCount >= 1, "the 2025 sample has a warning")

        try incremental.editFirstTask(of: try #require(try syntheticTables(site).dropFirst(4).first))
        let second = site.build(inPlace: inPlace, cached: true)
        guard case .published(let files, let written, _, _) = second.outcome else {
            Issue.record("the rebuild failed: \(second.outcome)")
            return
        }
        // The edited table, and the sample: a table with findings is checked every time, so that
        // its warnings are reported.
        #expect(second.tablesFromCache == tables.count - 2)
        #expect(second.diagnostics == first.diagnostics)
        #expect(written < files / 10, "\(written) of \(files) files written")
        try incremental.expectSameFiles(site, as: try incremental.freshBuild(of: site))
        #expect(second.summary == site.build().summary)

        // Saved during the seconds before that build began, the edited table was not kept: it
        // is checked again until it has been left alone for a while.
        let third = site.build(inPlace: true, cached: true)
        #expect(third.tablesFromCache == tables.count - 2)
        guard case .published(_, let unchangedWritten, _, _) = third.outcome else {
            Issue.record("the third build failed: \(third.outcome)")
            return
        }
        #expect(unchangedWritten == 0)
    }

    /// A table rewritten with the same length and its old modification time still has a new
    /// change time (ctime), which no program can set back.
    @Test func aTableRewrittenWithItsOldSizeAndTimeIsCheckedAgain() throws {
        let site = try incremental.corpusSite(departments: 4)
        defer { site.remove() }
        try age(site)
        #expect(site.build(cached: true).outcome.isPublished)
        let table = try #require(try syntheticTables(site).first)
        var before = stat()
        #expect(stat(table, &before) == 0)
        let text = try String(contentsOfFile: table, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let taskLine = try #require(lines.firstIndex { $0.hasPrefix("1\t") })
        var cells = lines[taskLine].components(separatedBy: "\t")
        let name = cells[1]
        cells[1] = String(name.dropLast()) + (name.last == "甲" ? "乙" : "甲")
        try #require(cells[1].utf8.count == name.utf8.count, "a task name ending in a Han character")
        lines[taskLine] = cells.joined(separator: "\t")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: table))
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, table, &times, 0) == 0)
        var after = stat()
        #expect(stat(table, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec)

        let result = site.build(inPlace: true, cached: true)
        #expect(result.outcome.isPublished)
        #expect(result.tablesFromCache == (try ContentFinder.tableFiles(in: [site.content.path])).count - 2)
        #expect(try site.snapshot().contains { String(decoding: $0.value, as: UTF8.self).contains(cells[1]) })
        try incremental.expectSameFiles(site, as: try incremental.freshBuild(of: site))
    }

    /// A rebuild patches the search index from the state the previous build left when every
    /// department keeps its number of documents, builds it whole when not, and either way
    /// publishes what a build without a cache does.
    @Test(arguments: [false, true]) func theSearchIndexIsPatchedWhenItCanBe(inPlace: Bool) throws {
        let site = try incremental.corpusSite(departments: 30)
        defer { site.remove() }
        let first = site.build(cached: true)
        #expect(first.outcome.isPublished && !first.searchIndexPatched)
        let tables = try syntheticTables(site)
        func rebuild(patched: Bool, _ comment: Comment) throws {
            let result = site.build(inPlace: inPlace, cached: true)
            #expect(result.outcome.isPublished)
            #expect(result.searchIndexPatched == patched, comment)
            try incremental.expectSameFiles(site, as: try incremental.freshBuild(of: site))
        }
        // Tasks renamed: the same documents, with terms gained and lost.
        try incremental.editFirstTask(of: tables[4])
        try rebuild(patched: true, "one task renamed")
        try incremental.editFirstTask(of: tables[4], suffix: "二次")
        try incremental.editFirstTask(of: tables[9])
        try rebuild(patched: true, "two departments changed")
        // A department removed: every later document has another number.
        try FileManager.default.removeItem(atPath: tables[2])
        try rebuild(patched: false, "a department removed")
        try incremental.editFirstTask(of: tables[5])
        try rebuild(patched: true, "the whole index saved its state too")
        // The terms files damaged.
        let search = site.cache.appendingPathComponent("search")
        for name in try FileManager.default.contentsOfDirectory(atPath: search.path) where name.hasPrefix("terms-") {
            var bytes = [UInt8](try Data(contentsOf: search.appendingPathComponent(name)))
            bytes[bytes.count - 1] ^= 0x01
            try Data(bytes).write(to: search.appendingPathComponent(name))
        }
        try incremental.editFirstTask(of: tables[6])
        try rebuild(patched: false, "damaged terms files")
        // The published index not the one the state describes: a build without the cache came
        // between.
        try incremental.editFirstTask(of: tables[7])
        #expect(site.build(inPlace: inPlace).outcome.isPublished)
        try incremental.editFirstTask(of: tables[8])
        try rebuild(patched: false, "the site was published without the cache")
    }

    /// Every cache file damaged in one byte, or cut short: each reads as a miss, and the site is
    /// what a build without a cache publishes.
    @Test(arguments: [false, true]) func aDamagedCacheIsOnlyAMiss(truncated: Bool) throws {
        let site = try incremental.corpusSite(departments: 4)
        defer { site.remove() }
        try age(site)
        #expect(site.build(cached: true).outcome.isPublished)
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.cache.path)
            .map { site.cache.appendingPathComponent($0) }.filter { $0.pathExtension == "bin" }
        let search = files.filter { $0.deletingLastPathComponent().lastPathComponent == "search" }
        #expect(files.count - search.count == 7, "tables.bin, opendata.bin and one file per department")
        #expect(search.contains { $0.lastPathComponent == "state.bin" } && search.count >= 2, "the index state")
        for file in files {
            var bytes = [UInt8](try Data(contentsOf: file))
            if truncated {
                bytes.removeLast(bytes.count / 3)
            } else {
                bytes[bytes.count * 2 / 3] ^= 0x20
            }
            try Data(bytes).write(to: file)
        }
        try FileManager.default.removeItem(at: site.publicFolder)
        let result = site.build(cached: true)
        #expect(result.outcome.isPublished)
        #expect(result.tablesFromCache == 0)
        try incremental.expectSameFiles(site, as: try incremental.freshBuild(of: site))
        // …and the build stored them again: every table but the sample, which has a warning.
        let tables = try ContentFinder.tableFiles(in: [site.content.path]).count
        #expect(site.build(inPlace: true, cached: true).tablesFromCache == tables - 1)
    }

    /// A rebuild reads only the first 64 KB of a department's file when its rows fit there: rows
    /// that do not are read whole, and a damaged byte past the first 64 KB is still a miss.
    @Test func rowsLongerThanTheFirstReadComeBackWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = BuildCache(directory: folder, stamp: "test")
        let rows: [[UInt8]] = [
            Array(repeating: 0x61, count: 100_000), Array("b\r\n".utf8), Array(repeating: 0x63, count: 70_000),
        ]
        cache.store(DepartmentDerivatives(openDataRows: rows, documents: []), key: "big")
        cache.store(DepartmentDerivatives(openDataRows: [[1], [2], [3]], documents: []), key: "small")
        #expect(cache.openDataRows(key: "big") == rows)
        #expect(cache.derivatives(key: "big")?.openDataRows == rows)
        #expect(cache.openDataRows(key: "small") == [[1], [2], [3]])
        let file = folder.appendingPathComponent("departments/big.bin")
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[90_000] ^= 0x20
        try Data(bytes).write(to: file)
        #expect(cache.openDataRows(key: "big") == nil)
    }

    /// Stored derivatives are keyed by what the department was made from: after a theme or
    /// settings change nothing stored before is used, and the cache keeps only what the last build
    /// used.
    @Test func theCacheFollowsTheSite() throws {
        let site = try incremental.corpusSite(departments: 3)
        defer { site.remove() }
        try age(site)
        #expect(site.build(cached: true).outcome.isPublished)
        let departments = site.cache.appendingPathComponent("departments")
        let stored = try FileManager.default.contentsOfDirectory(atPath: departments.path)
        #expect(stored.count == 4)
        var settings = SiteSettings()
        settings.baseURL = "https://example.org/yusuan/"
        #expect(site.build(settings: settings, inPlace: true, cached: true).outcome.isPublished)
        let restored = try FileManager.default.contentsOfDirectory(atPath: departments.path)
        #expect(restored.count == 4 && Set(restored).isDisjoint(with: stored))
        try FileManager.default.removeItem(at: site.cache)
        #expect(site.build(settings: settings).outcome.isPublished)
        let withoutCache = try site.snapshot()
        #expect(site.build(settings: settings, cached: true).outcome.isPublished)
        try incremental.expectSameFiles(site, as: withoutCache)
    }

    /// A large site's cache entries go to the models' spill file until the cache is saved: the
    /// tables.bin saved from there is the one a small site's build saves from memory, byte for
    /// byte, and the next build takes its tables from it.
    @Test func entriesSetAsideSaveTheSameCache() throws {
        let site = try incremental.corpusSite(departments: 12)
        defer { site.remove() }
        try age(site)
        let tables = try ContentFinder.tableFiles(in: [site.content.path])
        let tablesFile = site.cache.appendingPathComponent("tables.bin")
        #expect(site.build(cached: true).outcome.isPublished)
        let fromMemory = try Data(contentsOf: tablesFile)
        try FileManager.default.removeItem(at: site.cache)
        // Every table over the budget: every model and cache entry set aside.
        #expect(site.build(modelMemoryBudget: 0, cached: true).outcome.isPublished)
        let fromSpill = try Data(contentsOf: tablesFile)
        #expect(fromSpill.count > tables.count * 500, "\(fromSpill.count) bytes for \(tables.count) tables")
        #expect(fromSpill == fromMemory)
        // The sample has a warning, so it is checked every time.
        #expect(site.build(inPlace: true, modelMemoryBudget: 0, cached: true).tablesFromCache == tables.count - 1)
    }

    /// The entries of tables the cache gives are read from the tables.bin the build opened, when
    /// the check asks and again when the cache is saved: another build saving its own tables.bin
    /// in between (renamed over it) changes neither what this build was given nor what it saves.
    @Test func givenEntriesComeFromTheFileTheBuildOpened() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outline = TableChecker().check(
            bytes: Array(TemporarySite.sampleText.utf8), path: "Content/2026/sample.tsv"
        ).outline
        let fingerprint = BuildCache.Fingerprint(stat())
        let saved = BuildCache.Table(fingerprint: fingerprint, digest: "a", indicators: 3, outline: outline)
        BuildCache(directory: folder, stamp: "s").save(tables: ["x.tsv": saved], started: Date())

        let opened = BuildCache(directory: folder, stamp: "s")
        let given = try #require(opened.table(at: "x.tsv", fingerprint: fingerprint))
        #expect(given.digest == "a" && given.department?.projects.count == 10)
        let other = BuildCache.Table(fingerprint: fingerprint, digest: "b", indicators: 1, outline: outline)
        BuildCache(directory: folder, stamp: "s").save(tables: ["x.tsv": other, "y.tsv": other], started: Date())
        #expect(BuildCache(directory: folder, stamp: "s").table(at: "x.tsv", fingerprint: fingerprint)?.digest == "b")

        #expect(given.encoded == saved.encoded)
        opened.save(tables: ["x.tsv": given], started: Date())
        let reopened = BuildCache(directory: folder, stamp: "s")
        #expect(reopened.table(at: "x.tsv", fingerprint: fingerprint)?.encoded == saved.encoded)
        #expect(reopened.table(at: "y.tsv", fingerprint: fingerprint) == nil)
        #expect(BuildCache(directory: folder, stamp: "other").table(at: "x.tsv", fingerprint: fingerprint) == nil)
    }

    /// The outline of every kind of table, written and read back, is the outline it was.
    @Test func outlinesSurviveTheArchive() throws {
        let fixture = TemporarySite.packageRoot.appendingPathComponent(
            "Tests/PerfsiteCoreTests/Fixtures/project-table.tsv")
        let checker = TableChecker()
        let results = [
            checker.check(bytes: Array(TemporarySite.sampleText.utf8), path: "Content/2026/sample.tsv"),
            checker.check(bytes: [UInt8](try Data(contentsOf: fixture)), path: "Content/2026/project.tsv"),
        ]
        for result in results.map(\.outline) {
            #expect(result.department != nil || result.projectTable != nil)
            var writer = ArchiveWriter()
            writer.write(result.department)
            writer.write(result.projectTable)
            var reader = ArchiveReader(writer.bytes)
            let department = try reader.optional(Department.self)
            let projectTable = try reader.optional(ProjectTable.self)
            #expect(reader.isAtEnd)
            #expect(description(of: department) == description(of: result.department))
            #expect(description(of: projectTable) == description(of: result.projectTable))
            // Every strict prefix of the archive is malformed, never a shorter outline.
            for length in stride(from: 0, to: writer.bytes.count, by: 7) {
                var cut = ArchiveReader(Array(writer.bytes.prefix(length)))
                #expect(throws: (any Error).self) {
                    _ = try cut.optional(Department.self)
                    _ = try cut.optional(ProjectTable.self)
                }
            }
        }
    }

    /// Every field, locations included.
    /// A full model set aside and read back is the model it was, indicators and parsed targets
    /// included, for the sample, a project table and a synthetic department; a cut-off record is
    /// no model.
    @Test func modelsSetAsideComeBackWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-spill-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = try #require(ModelSpill(folder: folder.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no name left behind")
        let fixture = TemporarySite.packageRoot.appendingPathComponent(
            "Tests/PerfsiteCoreTests/Fixtures/project-table.tsv")
        let site = try incremental.corpusSite(departments: 2)
        defer { site.remove() }
        let synthetic = try #require(try ContentFinder.tableFiles(in: [site.content.path]).first)
        let checker = TableChecker()
        let results = [
            checker.check(bytes: Array(TemporarySite.sampleText.utf8), path: "Content/2026/sample.tsv"),
            checker.check(bytes: [UInt8](try Data(contentsOf: fixture)), path: "Content/2026/project.tsv"),
            checker.check(path: synthetic),
        ]
        let locations = try results.map { try #require(spill.store($0)) }
        for (result, location) in zip(results, locations).reversed() {
            let loaded = try #require(spill.load(location, path: result.path))
            #expect((loaded.department?.indicatorCount ?? 0) + (loaded.projectTable?.indicators.count ?? 0) > 5)
            #expect(description(of: loaded.department) == description(of: result.department))
            #expect(description(of: loaded.projectTable) == description(of: result.projectTable))
        }
        var cut = locations[0]
        cut.length -= 1
        #expect(spill.load(cut, path: results[0].path) == nil)
    }

    /// Strings are numbered by their bytes: two spellings Swift calls equal (é composed and
    /// decomposed, a compatibility ideograph and its unified form) each come back as written.
    @Test func archivedStringsComeBackAsWritten() throws {
        let spellings = ["caf\u{E9}", "cafe\u{301}", "\u{F900}", "\u{8C48}", "caf\u{E9}", "项目名称"]
        #expect(spellings[0] == spellings[1] && spellings[2] == spellings[3], "canonically equal")
        var writer = ArchiveWriter()
        for text in spellings { writer.write(text) }
        var reader = ArchiveReader(writer.bytes)
        for text in spellings { #expect(Array(try reader.string().utf8) == Array(text.utf8)) }
        #expect(reader.isAtEnd)
    }

    /// Integers of one byte and of several come back as written, the boundaries between them
    /// included; one cut short is malformed.
    @Test func archivedIntegersComeBackAsWritten() throws {
        var generator = SystemRandomNumberGenerator()
        var values = [0, 1, -1, 63, -64, 64, -65, 127, 128, 8191, -8192, 8192, Int.max, Int.min, Int(Int32.max)]
        values += (0..<2000).map { _ in Int.random(in: -100...100, using: &generator) }
        values += (0..<2000).map { _ in Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0..<64) }
        var writer = ArchiveWriter()
        for value in values { writer.write(value) }
        var reader = ArchiveReader(writer.bytes)
        for value in values { #expect(try reader.int() == value) }
        #expect(reader.isAtEnd)
        var single = ArchiveWriter()
        single.write(64)
        #expect(single.bytes.count == 2)
        var cut = ArchiveReader(Array(single.bytes.prefix(1)))
        #expect(throws: ArchiveReader.Malformed.self) { try cut.int() }
    }

    /// A location's file and sheet are written where they differ from the location's before it:
    /// locations in several files and sheets, in any order, come back as they were, those that
    /// follow one of the same file and sheet sharing its origin; a first location that says "as
    /// before" is malformed.
    @Test func locationsComeBackWithTheirFilesAndSheets() throws {
        var generator = SystemRandomNumberGenerator()
        let origins: [(String, String?)] = [
            ("表.xlsx", "Sheet1"), ("表.xlsx", "Sheet2"), ("表.xlsx", nil), ("b.tsv", nil),
        ]
        let locations = (0..<500).map { _ in
            let (file, sheet) = origins.randomElement(using: &generator)!
            return PerfsiteCore.SourceLocation(
                file: file, row: Int.random(in: 0...100_000, using: &generator), column: Int.random(in: 0...40),
                sheet: sheet)
        }
        var writer = ArchiveWriter()
        for location in locations { writer.write(location) }
        var reader = ArchiveReader(writer.bytes)
        var read: [PerfsiteCore.SourceLocation] = []
        for _ in locations { read.append(try reader.read()) }
        #expect(reader.isAtEnd)
        #expect(read == locations)
        #expect(zip(read, locations).allSatisfy { $0.file == $1.file && $0.sheet == $1.sheet })
        for (earlier, later) in zip(read, read.dropFirst())
        where earlier.file == later.file && earlier.sheet == later.sheet {
            #expect(earlier.origin === later.origin)
        }
        var asBefore = ArchiveReader([0, 2, 2])
        #expect(throws: ArchiveReader.Malformed.self) { try PerfsiteCore.SourceLocation(from: &asBefore) }
    }

    /// A document's sorted term keys are written as differences in one go: the bytes of writing
    /// the count and each difference one by one, read back as the keys, for empty, short, long and
    /// unsorted lists (a difference may be negative) and keys up to 42 bits.
    @Test func termKeysAsDifferences() throws {
        var generator = SystemRandomNumberGenerator()
        var lists: [[UInt64]] = [[], [0], [1 << 41 | 0x4E00], [5, 3, 70_000, 2]]
        for length in [1, 2, 100, 3000] {
            lists.append((0..<length).map { _ in UInt64.random(in: 0..<(1 << 42), using: &generator) }.sorted())
        }
        for keys in lists {
            var together = ArchiveWriter()
            together.write(differencesOf: keys)
            var oneByOne = ArchiveWriter()
            oneByOne.write(keys.count)
            var previous = 0
            for key in keys {
                oneByOne.write(Int(key) - previous)
                previous = Int(key)
            }
            #expect(together.bytes == oneByOne.bytes)
            var terms = DocumentTerms.Terms()
            terms.han = keys
            var writer = ArchiveWriter()
            writer.write(terms)
            var reader = ArchiveReader(writer.bytes)
            let read: DocumentTerms.Terms = try reader.read()
            #expect(read.han == keys && reader.isAtEnd)
        }
    }

    func description(of value: Any?) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
