import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteSite

/// A rebuild after one table changed renders that department and the listings, links every other
/// department's files from the previous site, and gives the bytes a fresh full build gives.
@Suite struct IncrementalBuildTests {
    /// `count` synthetic departments (Benchmarks/synth.py) and the sample, in a new site.
    func corpusSite(departments count: Int) throws -> TemporarySite {
        let site = try TemporarySite()
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", TemporarySite.packageRoot.appendingPathComponent("Benchmarks/synth.py").path,
            "--departments", String(count), "--out", site.content.appendingPathComponent("2026").path,
        ]
        python.standardOutput = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 Benchmarks/synth.py failed")
        try site.addSample(as: "Content/2025/sample.tsv") { $0.replacingOccurrences(of: "2026年", with: "2025年") }
        return site
    }

    /// Path → (inode, mtime in ns) of every published file.
    func stamps(_ site: TemporarySite) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        let base = site.publicFolder.path
        for case let relative as String in FileManager.default.enumerator(atPath: base)! {
            var info = stat()
            guard stat(base + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            result[relative] = [Int(info.st_ino), info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec]
        }
        return result
    }

    func copyContent(from source: TemporarySite, to target: TemporarySite) throws {
        try FileManager.default.removeItem(at: target.content)
        try FileManager.default.copyItem(at: source.content, to: target.content)
    }

    /// Renames the first task of a table, as a publisher editing it would.
    /// Appends `suffix` to the first task's name (cell 1), or to another of its cells (2: its
    /// 主要实施内容).
    func editFirstTask(of table: String, suffix: String = "(调整)", cell: Int = 1) throws {
        let text = try String(contentsOfFile: table, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let taskLine = try #require(lines.firstIndex { $0.hasPrefix("1\t") })
        var cells = lines[taskLine].components(separatedBy: "\t")
        cells[cell] += suffix
        lines[taskLine] = cells.joined(separator: "\t")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: table))
    }

    /// The files of a fresh full build of the site's tables into an empty folder.
    func freshBuild(of site: TemporarySite) throws -> [String: [UInt8]] {
        let fresh = try TemporarySite()
        defer { fresh.remove() }
        try copyContent(from: site, to: fresh)
        #expect(fresh.build().outcome.isPublished)
        return try fresh.snapshot()
    }

    func expectSameFiles(_ site: TemporarySite, as full: [String: [UInt8]]) throws {
        let incremental = try site.snapshot()
        #expect(incremental.keys.sorted() == full.keys.sorted())
        for (path, bytes) in full where incremental[path] != bytes {
            Issue.record("\(path) differs between the incremental and the full build")
        }
    }

    @Test(arguments: [false, true]) func oneChangedTableRendersOneDepartment(inPlace: Bool) throws {
        let site = try corpusSite(departments: 40)
        defer { site.remove() }
        guard case .published(let files, let written, _, _) = site.build().outcome else {
            Issue.record("the first build failed")
            return
        }
        #expect(written == files)
        let before = stamps(site)

        let tables = try ContentFinder.tableFiles(in: [site.content.appendingPathComponent("2026").path])
        try editFirstTask(of: try #require(tables.dropFirst(7).first))

        let result = site.build(inPlace: inPlace)
        guard case .published(_, let rewritten, let unchanged, _) = result.outcome else {
            Issue.record("the rebuild failed: \(result.outcome)")
            return
        }
        #expect(rewritten > 0 && rewritten < files / 10, "\(rewritten) of \(files) files written")
        #expect(unchanged + rewritten == files)
        let after = stamps(site)
        let changedDepartment = try #require(
            try site.snapshot().first {
                $0.key.hasSuffix("/index.html") && $0.key.split(separator: "/").count == 3
                    && String(decoding: $0.value, as: UTF8.self).contains("(调整)")
            }?.key)
        let changedFolder = String(changedDepartment.dropLast("index.html".count))
        var untouched = 0
        for (path, stamp) in before where !path.hasPrefix(changedFolder) {
            // Listings that name the task changed too; every other department's files are untouched.
            guard path.split(separator: "/").count >= 3, path.hasPrefix("2026/") || path.hasPrefix("2025/") else {
                continue
            }
            #expect(after[path] == stamp, "\(path) was rewritten")
            untouched += 1
        }
        #expect(untouched > files / 2)
        // Most of manifest.json's entries were copied from the previous one; the comparison with
        // a full build below checks their bytes.
        #expect(result.manifestEntriesCopied > files / 2, "\(result.manifestEntriesCopied) of \(files) copied")
        // Exactly the files counted as written have a new inode or mtime.
        #expect(after.filter { before[$0.key] != $0.value }.count == rewritten)
        #expect(!FileManager.default.fileExists(atPath: site.publicFolder.path + "/" + InPlaceFolder.markerName))
        try expectSameFiles(site, as: try freshBuild(of: site))
    }

    /// A kept file's entry is copied from the previous manifest.json only where its line is what
    /// perfsite writes: a digest in upper case (read by lines all the same) is written again in
    /// lower case.
    @Test func onlyLinesAsWrittenAreCopied() throws {
        let site = try corpusSite(departments: 3)
        defer { site.remove() }
        #expect(site.build().outcome.isPublished)
        let url = site.publicFolder.appendingPathComponent("manifest.json")
        let original = try String(contentsOf: url, encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        // In the middle of the first department's run of entries.
        let firstDepartment = try #require(lines.firstIndex { $0.hasPrefix("    \"2026/d") })
        for number in stride(from: firstDepartment + 10, to: firstDepartment + 20, by: 2) {
            let line = lines[number]
            let digestStart = try #require(line.range(of: "\": \"")).upperBound
            lines[number] = String(line[..<digestStart]) + line[digestStart...].uppercased()
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        let previous = Manifest.Previous(contentsOf: url)
        #expect(previous.readByLines && previous.text != nil)

        let result = site.build()
        #expect(result.outcome.isPublished)
        // Five lines left out, and the short runs between them.
        #expect(result.manifestEntriesCopied > 32 && result.manifestEntriesCopied < previous.files.count - 5)
        #expect(try String(contentsOf: url, encoding: .utf8) == original)
    }

    /// A site too large to keep every model is rendered from the models set aside in a file, or
    /// (`setsModelsAside` off, as when the file cannot be made) from outlines, each department's
    /// tables read and checked again in its turn: the same bytes, the same counts, a full build or not.
    @Test(arguments: [false, true], [true, false])
    func outlinesGiveTheSameSite(inPlace: Bool, setsModelsAside: Bool) throws {
        let site = try corpusSite(departments: 30)
        defer { site.remove() }
        let fixture = TemporarySite.packageRoot.appendingPathComponent(
            "Tests/PerfsiteCoreTests/Fixtures/project-table.tsv")
        try site.write(try String(contentsOf: fixture, encoding: .utf8), to: "Content/2026/项目-机关大院.tsv")
        try site.addSample()
        let kept = site.build()
        #expect(kept.outcome.isPublished)
        let full = try site.snapshot()
        if inPlace {
            let tables = try ContentFinder.tableFiles(in: [site.content.appendingPathComponent("2026").path])
            try editFirstTask(of: try #require(tables.dropFirst(3).first))
        } else {
            try FileManager.default.removeItem(at: site.publicFolder)
        }
        let outlined = site.build(inPlace: inPlace, modelMemoryBudget: 0, setsModelsAside: setsModelsAside)
        #expect(outlined.outcome.isPublished)
        #expect(outlined.summary.indicators > 1000)
        #expect(outlined.report.departments.allSatisfy { $0.indicatorCount == 0 }, "outlines only")
        let leftBehind = try FileManager.default.contentsOfDirectory(
            atPath: site.publicFolder.deletingLastPathComponent().path)
        #expect(!leftBehind.contains { $0.hasPrefix(".perfsite-models-") }, "the spill file leaves no name behind")
        if inPlace {
            try expectSameFiles(site, as: try freshBuild(of: site))
            // Counted from the full models, as a build that keeps them counts the edited tables.
            #expect(outlined.summary == site.build().summary)
        } else {
            try expectSameFiles(site, as: full)
            #expect(outlined.summary == kept.summary)
        }
    }

    /// Above the budget, rendering takes each model from the file the check set it aside in, not
    /// from the table: with every table deleted after the check, each department is still made
    /// whole. (`outlinesGiveTheSameSite` cannot tell the two apart: reading a table again gives
    /// the same pages.)
    @Test func aLargeSitesModelsComeFromWhereTheyWereSetAside() throws {
        let site = try corpusSite(departments: 4)
        defer { site.remove() }
        var builder = SiteBuilder(settings: SiteSettings(), contentPaths: [site.content.path])
        builder.modelMemoryBudget = 0
        let paths = try ContentFinder.tableFiles(in: [site.content.path])
        let checked = builder.checkTables(
            paths, checker: TableChecker(), vocabularyKey: "", spillFolder: site.root.path)
        #expect(checked.models.spilled.count == paths.count)
        #expect(checked.report.departments.allSatisfy { $0.indicatorCount == 0 }, "outlines only")
        let (assembled, _) = SiteAssembler.assemble(
            checked.report.departments, projectTables: checked.report.projectTables, settings: SiteSettings())
        for path in paths { try FileManager.default.removeItem(atPath: path) }
        #expect(assembled.departments.count == paths.count)
        for entry in assembled.departments {
            #expect(try checked.models.materialize(entry).department?.indicatorCount ?? 0 > 0)
        }
    }

    @Test func inPlaceRemovesWhatTheSiteNoLongerHas() throws {
        let site = try corpusSite(departments: 6)
        defer { site.remove() }
        #expect(site.build().outcome.isPublished)
        let tables = try ContentFinder.tableFiles(in: [site.content.appendingPathComponent("2026").path])
        // The 2025 sample is the only table of its year: removing it removes the year's folder.
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("2025"))
        try FileManager.default.removeItem(atPath: try #require(tables.first))
        #expect(site.build(inPlace: true).outcome.isPublished)
        #expect(!FileManager.default.fileExists(atPath: site.publicFolder.appendingPathComponent("2025").path))
        try expectSameFiles(site, as: try freshBuild(of: site))
    }

    /// A build killed half-way through writing in place leaves its marker and pages that the
    /// manifest does not describe. The next build must not trust any of them — not even a
    /// department whose tables are back to what the manifest recorded.
    @Test func afterAnInterruptedInPlaceBuildEverythingIsRenderedAgain() throws {
        let site = try corpusSite(departments: 6)
        defer { site.remove() }
        #expect(site.build().outcome.isPublished)
        let page = try #require(
            try site.snapshot().keys.first { $0.hasPrefix("2026/") && $0.hasSuffix("/1/index.html") })
        let pageURL = site.publicFolder.appendingPathComponent(page)
        try Data("half written".utf8).write(to: pageURL)
        try Data().write(to: site.publicFolder.appendingPathComponent(InPlaceFolder.markerName))

        let result = site.build(inPlace: true)
        #expect(result.outcome.isPublished)
        #expect(!FileManager.default.fileExists(atPath: site.publicFolder.path + "/" + InPlaceFolder.markerName))
        #expect(try String(contentsOf: pageURL, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        try expectSameFiles(site, as: try freshBuild(of: site))
    }

    /// A patched search index keeps the card chunks no change touched all at once in place, one
    /// by one otherwise: a chunk deleted from Public/ is written again either way, and the site
    /// is a full build's.
    @Test(arguments: [false, true]) func aPatchedIndexWritesADeletedCardChunkAgain(inPlace: Bool) throws {
        let site = try corpusSite(departments: 40)
        defer { site.remove() }
        #expect(site.build(cached: true).outcome.isPublished)
        let cards = try site.snapshot().keys.filter { $0.hasPrefix("search/cards/") }.sorted()
        #expect(cards.count > 4)
        let deleted = cards[cards.count / 2]
        try FileManager.default.removeItem(at: site.publicFolder.appendingPathComponent(deleted))
        let table = try #require(
            try FileManager.default.contentsOfDirectory(atPath: site.content.appendingPathComponent("2026").path)
                .sorted().last)
        try editFirstTask(of: site.content.appendingPathComponent("2026/" + table).path, suffix: "(卡片)")
        let result = site.build(inPlace: inPlace, cached: true)
        #expect(result.outcome.isPublished)
        #expect(result.searchIndexPatched)
        #expect(result.restoredFiles == (inPlace ? 1 : 0))
        #expect(FileManager.default.fileExists(atPath: site.publicFolder.appendingPathComponent(deleted).path))
        try expectSameFiles(site, as: try freshBuild(of: site))
    }

    /// The search shards and department folders a rebuild keeps (their key in manifest.json
    /// unchanged) are kept only if their files are all still there: a shard, a page of its lists
    /// or a department's print view deleted from Public/ is written again, in place or not.
    @Test(arguments: [false, true]) func aKeptShardWithAMissingFileIsWrittenAgain(inPlace: Bool) throws {
        let site = try corpusSite(departments: 40)
        defer { site.remove() }
        #expect(site.build().outcome.isPublished)
        let manifest = try String(
            contentsOf: site.publicFolder.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"search/shards/0.json\": \""), "each shard's key is recorded")
        let listPage = try #require(try site.snapshot().keys.first { $0.hasPrefix("search/lists/") })
        let shard = "search/shards/" + listPage.dropFirst("search/lists/".count).prefix { $0 != "-" } + ".json"
        let printView = try #require(try site.snapshot().keys.sorted().last { $0.hasSuffix("/print/index.html") })
        // The list page's shard may be shard 0: three or four files.
        let deleted = Set([listPage, "search/shards/0.json", shard, printView])
        for path in deleted {
            try FileManager.default.removeItem(at: site.publicFolder.appendingPathComponent(path))
        }
        let result = site.build(inPlace: inPlace)
        guard case .published(_, let written, _, _) = result.outcome else {
            Issue.record("the rebuild failed: \(result.outcome)")
            return
        }
        #expect(written >= deleted.count && written < 20, "\(written) files written")
        // In place, the files are found missing while the site is rendered, and it is built again;
        // a staging folder finds them as it links the previous files.
        #expect(result.restoredFiles == (inPlace ? deleted.count : 0))
        #expect(FileManager.default.fileExists(atPath: site.publicFolder.appendingPathComponent(printView).path))
        try expectSameFiles(site, as: try freshBuild(of: site))
        let again = site.build(inPlace: inPlace)
        #expect(again.restoredFiles == 0)
        guard case .published(_, 0, _, _) = again.outcome else {
            Issue.record("a rebuild after the repair wrote files: \(again.outcome)")
            return
        }
    }

    /// An unchanged department's open-data rows are copied from the files the previous build
    /// published, and only while those are the files it published: rows edited in Public/data/
    /// are never carried into the next build, which then reads every department's rows again.
    @Test(arguments: [false, true]) func openDataRowsAreCopiedOnlyFromTheFilesPublished(inPlace: Bool) throws {
        let site = try corpusSite(departments: 12)
        defer { site.remove() }
        let first = site.build(cached: true)
        #expect(first.outcome.isPublished)
        #expect(first.openDataRowsCopied == 0)
        let folders = Set(
            try site.snapshot().keys.compactMap { path -> String? in
                let parts = path.split(separator: "/")
                return parts.count > 2 && parts[0].allSatisfy(\.isNumber) ? parts[0] + "/" + parts[1] : nil
            })
        let tables = try ContentFinder.tableFiles(in: [site.content.path]).filter { $0.contains("/2026/") }.sorted()
        try editFirstTask(of: tables[0])
        let second = site.build(inPlace: inPlace, cached: true)
        #expect(second.outcome.isPublished)
        #expect(second.openDataRowsCopied == folders.count - 1, "every department but the edited one")
        try expectSameFiles(site, as: try freshBuild(of: site))

        // A digit of every row changed in the published indicators, the file's size kept.
        let published = site.publicFolder.appendingPathComponent("data/indicators.csv")
        var bytes = [UInt8](try Data(contentsOf: published))
        var lineStart = try #require(bytes.firstIndex(of: 0x0A)) + 1
        while let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) {
            if let digit = bytes[lineStart..<lineEnd].lastIndex(where: { (0x30...0x39).contains($0) }) {
                bytes[digit] = bytes[digit] == 0x39 ? 0x30 : bytes[digit] + 1
            }
            lineStart = lineEnd + 1
        }
        let handle = try FileHandle(forWritingTo: published)
        try handle.write(contentsOf: bytes)
        try handle.close()
        try editFirstTask(of: tables[1])
        let third = site.build(inPlace: inPlace, cached: true)
        #expect(third.outcome.isPublished)
        #expect(third.openDataRowsCopied == 0)
        try expectSameFiles(site, as: try freshBuild(of: site))
    }

    /// A rebuild copies the open-data files' bytes before the first changed row without hashing
    /// them again, resuming the hash from the previous build's checkpoint: the files and their
    /// digests in manifest.json are a full build's, also when the checkpoints come from a resumed
    /// hash, and nothing is skipped when the first department changed.
    @Test(arguments: [false, true]) func openDataHashesResumeBeforeTheChangedRows(inPlace: Bool) throws {
        let site = try corpusSite(departments: 60)
        defer { site.remove() }
        let first = site.build(cached: true)
        #expect(first.outcome.isPublished)
        #expect(first.openDataBytesNotRehashed == 0)
        let indicators = try Data(contentsOf: site.publicFolder.appendingPathComponent("data/indicators.csv"))
        #expect(indicators.count > 3 * ResumableSHA256.Checkpoint.interval)
        // The tables in the order of their rows (departments.csv ends each row with its table).
        let departments = try String(
            contentsOf: site.publicFolder.appendingPathComponent("data/departments.csv"), encoding: .utf8)
        let tables = departments.split(whereSeparator: \.isNewline).compactMap { row in
            row.split(separator: ",").last.flatMap { $0.hasPrefix("Content/2026/") ? String($0) : nil }
        }
        #expect(tables.count == 60)
        let (firstTable, lastTable) = try (#require(tables.first), #require(tables.last))

        for (run, table) in [lastTable, lastTable, firstTable].enumerated() {
            try editFirstTask(of: site.root.appendingPathComponent(table).path, suffix: "(调整\(run))")
            let rebuilt = site.build(inPlace: inPlace, cached: true)
            #expect(rebuilt.outcome.isPublished)
            if table == lastTable {
                // All but the last department's rows of indicators.csv, to a checkpoint.
                #expect(rebuilt.openDataBytesNotRehashed >= indicators.count - 2 * ResumableSHA256.Checkpoint.interval)
            } else {
                #expect(rebuilt.openDataBytesNotRehashed == 0)
            }
            try expectSameFiles(site, as: try freshBuild(of: site))
        }
    }

    /// Rows made again that are the previous build's bytes where they go are copied like the rows
    /// of an unchanged department: a task's 主要实施内容 is in tasks.csv, not in indicators.csv or
    /// departments.csv, so after editing it in the first department of the site order those two
    /// files are copied whole with their hashes resumed, where everything after the department
    /// used to be hashed again. The files are a full build's.
    @Test(arguments: [false, true]) func rowsMadeAgainAsTheyWereAreCopied(inPlace: Bool) throws {
        let site = try corpusSite(departments: 60)
        defer { site.remove() }
        #expect(site.build(cached: true).outcome.isPublished)
        func size(_ path: String) throws -> Int {
            try Data(contentsOf: site.publicFolder.appendingPathComponent(path)).count
        }
        let unchangedFiles = try size("data/indicators.csv") + size("data/departments.csv")
        let departments = try String(
            contentsOf: site.publicFolder.appendingPathComponent("data/departments.csv"), encoding: .utf8)
        let firstTable = try #require(
            departments.split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",").last.map(
                String.init))
        try editFirstTask(of: site.root.appendingPathComponent(firstTable).path, suffix: "(内容调整)", cell: 2)
        let rebuilt = site.build(inPlace: inPlace, cached: true)
        #expect(rebuilt.outcome.isPublished)
        // Each of the two to its last checkpoint.
        #expect(rebuilt.openDataBytesNotRehashed >= unchangedFiles - 2 * ResumableSHA256.Checkpoint.interval)
        try expectSameFiles(site, as: try freshBuild(of: site))
    }

    /// An edit to a table, as a publisher would make it, for the tests of what a rebuild keeps.
    enum TableEdit: String, CaseIterable, Sendable {
        case taskName, total, projectTotal, departmentName, taskRemoved

        /// Whether the home page, the year pages or the sitemap show what the edit changes.
        var changesListings: Bool { self != .taskName }

        func apply(to table: String) throws {
            var lines = try String(contentsOfFile: table, encoding: .utf8).components(separatedBy: "\n")
            /// Adds `amount` (in the table's unit) to the number in `column` of the first line that
            /// starts with `label`.
            func add(_ amount: Double, toLineStarting label: String, column: Int) throws {
                let index = try #require(lines.firstIndex { $0.hasPrefix(label) })
                var cells = lines[index].components(separatedBy: "\t")
                let value = try #require(Double(cells[column].replacingOccurrences(of: ",", with: "")))
                cells[column] = String(format: "%.2f", value + amount)
                lines[index] = cells.joined(separator: "\t")
            }
            /// Appends `suffix` to the text after `label` on the first line that starts with it.
            func rename(lineStarting label: String, adding suffix: String) throws {
                let index = try #require(lines.firstIndex { $0.hasPrefix(label) })
                var cells = lines[index].components(separatedBy: "\t")
                cells[1] += suffix
                lines[index] = cells.joined(separator: "\t")
            }
            switch self {
            case .taskName:
                try rename(lineStarting: "1\t", adding: "(调整)")
            case .total:
                // More basic expenditure, paid for by more appropriations: the totals still agree.
                try add(1, toLineStarting: "\t基本支出\t", column: 2)
                try add(1, toLineStarting: "\t基本支出\t", column: 4)
            case .projectTotal:
                // A task costs more, and so does 项目支出, out of 基本支出: every sum still agrees.
                try add(1, toLineStarting: "1\t", column: 4)
                try add(1, toLineStarting: "\t项目支出\t", column: 2)
                try add(-1, toLineStarting: "\t基本支出\t", column: 2)
            case .departmentName:
                try rename(lineStarting: "部门名称\t", adding: "(新)")
            case .taskRemoved:
                // The last task goes, its money from 项目支出 to 基本支出.
                let last = try #require(lines.lastIndex { $0.first?.isNumber == true && $0.contains("\t") })
                let cells = lines[last].components(separatedBy: "\t")
                let amount = try #require(Double(cells[4].replacingOccurrences(of: ",", with: "")))
                try add(-amount, toLineStarting: "\t项目支出\t", column: 2)
                try add(amount, toLineStarting: "\t基本支出\t", column: 2)
                lines.remove(at: last)
            }
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: table))
        }
    }

    /// The home page, the year pages and the sitemap are kept when no table changed what they
    /// show, and made again (the same bytes as a full build's) when one did.
    @Test(arguments: TableEdit.allCases, [false, true])
    func theListingsAreKeptOnlyWhileWhatTheyShowIsUnchanged(edit: TableEdit, inPlace: Bool) throws {
        let site = try corpusSite(departments: 12)
        defer { site.remove() }
        let first = site.build()
        #expect(first.outcome.isPublished && !first.sitePagesKept)
        let tables = try ContentFinder.tableFiles(in: [site.content.appendingPathComponent("2026").path])
        try edit.apply(to: try #require(tables.dropFirst(3).first))
        let before = stamps(site)

        let result = site.build(inPlace: inPlace)
        #expect(result.errorCount == 0, "\(result.diagnostics.map(\.formatted))")
        #expect(result.outcome.isPublished)
        #expect(result.sitePagesKept == !edit.changesListings)
        if inPlace && !edit.changesListings {
            let after = stamps(site)
            for path in ["index.html", "2026/index.html", "2025/index.html", "sitemap.xml", "robots.txt"] {
                #expect(after[path] != nil && after[path] == before[path], "\(path) was written again")
            }
        }
        try expectSameFiles(site, as: try freshBuild(of: site))
        // And the next build, with nothing changed, keeps them.
        #expect(site.build(inPlace: inPlace).sitePagesKept)
    }

    /// Settings the listings show (the site's title) make them again.
    @Test func aNewTitleRendersTheListings() throws {
        let site = try corpusSite(departments: 3)
        defer { site.remove() }
        #expect(site.build().outcome.isPublished)
        var settings = SiteSettings()
        settings.title = "另一个标题"
        let result = site.build(settings: settings)
        #expect(result.outcome.isPublished && !result.sitePagesKept)
        #expect(try site.page("index.html").contains("另一个标题"))
        #expect(try site.page("2026/index.html").contains("另一个标题"))
    }

    @Test func aThemeChangeRendersEverything() throws {
        let site = try corpusSite(departments: 5)
        defer { site.remove() }
        #expect(site.build().outcome.isPublished)
        try site.write(
            Theme.defaultFiles["templates/project.mustache"]!.replacingOccurrences(of: "绩效指标(", with: "指标("),
            to: "Themes/default/templates/project.mustache")
        let result = site.build()
        guard case .published(_, let written, _, _) = result.outcome else {
            Issue.record("the rebuild failed")
            return
        }
        // Every task page of the 6 departments changed, and only through rendering.
        let snapshot = try site.snapshot()
        let taskPages = snapshot.filter {
            $0.key.split(separator: "/").count == 4 && $0.key.hasSuffix("/index.html")
                && !$0.key.contains("/print/")
        }
        #expect(!taskPages.isEmpty && written >= taskPages.count)
        #expect(taskPages.allSatisfy { String(decoding: $0.value, as: UTF8.self).contains("指标(") })
    }
}
