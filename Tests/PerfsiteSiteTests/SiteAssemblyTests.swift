import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteSite

@Suite struct SiteAssemblyTests {
    @Test func departmentIDsAreStableASCII() {
        let id = SiteAssembler.derivedID(for: "洛阳高新技术产业开发区管理委员会")
        #expect(id == SiteAssembler.derivedID(for: "洛阳高新技术产业开发区管理委员会"))
        #expect(id.count == 11 && id.hasPrefix("d") && id.allSatisfy { $0.isASCII })
        #expect(id != SiteAssembler.derivedID(for: "洛阳高新区财政局"))
    }

    @Test func sameDepartmentTwiceInAYearIsS001() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample(as: "Content/2026/a.tsv")
        try site.addSample(as: "Content/2026/b.tsv")
        let result = site.build()
        let diagnostic = try #require(result.diagnostics.first { $0.rule.id == "S001" })
        #expect(
            diagnostic.location.file.hasSuffix("b.tsv") && diagnostic.location.row == 5
                && diagnostic.location.column == 2)
        #expect(diagnostic.message.contains("a.tsv"))
        guard case .stoppedByErrors = result.outcome else {
            Issue.record("S001 must stop the build")
            return
        }
    }

    @Test func sameDepartmentInTwoYearsKeepsItsID() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample(as: "Content/2026/a.tsv")
        try site.addSample(as: "Content/2025/a.tsv") { $0.replacingOccurrences(of: "2026年", with: "2025年") }
        let result = site.build()
        #expect(result.outcome.isPublished, "\(result.diagnostics.map(\.formatted))")
        #expect(try site.departmentFolder(year: 2025).dropFirst(5) == site.departmentFolder(year: 2026).dropFirst(5))
        let home = try site.page("index.html")
        #expect(home.range(of: "2026年")!.lowerBound < home.range(of: "2025年")!.lowerBound, "newest year first")
    }

    @Test func configuredCodesAreUsedAndChecked() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample(as: "Content/2026/a.tsv")
        try site.addSample(as: "Content/2026/b.tsv") {
            $0.replacingOccurrences(of: "部门名称\t洛阳高新技术产业开发区管理委员会", with: "部门名称\t洛阳高新区财政局")
        }
        var settings = SiteSettings()
        settings.departmentCodes = ["洛阳高新技术产业开发区管理委员会": "gxq", "洛阳高新区财政局": "gxq"]
        let collision = site.build(settings: settings)
        #expect(collision.diagnostics.contains { $0.rule.id == "S002" && $0.message.contains("gxq") })

        settings.departmentCodes = ["洛阳高新技术产业开发区管理委员会": "gxq", "洛阳高新区财政局": "Cai Zheng"]
        let invalid = site.build(settings: settings)
        #expect(invalid.diagnostics.contains { $0.rule.id == "S003" && $0.location.file == "perfsite.toml" })

        settings.departmentCodes = ["洛阳高新技术产业开发区管理委员会": "gxq", "洛阳高新区财政局": "czj"]
        let good = site.build(settings: settings)
        #expect(good.outcome.isPublished)
        #expect(
            FileManager.default.fileExists(
                atPath: site.publicFolder.appendingPathComponent("2026/gxq/10/index.html").path))
        #expect(
            FileManager.default.fileExists(atPath: site.publicFolder.appendingPathComponent("2026/czj/index.html").path)
        )
    }

    /// Departments over four years, some missing in some years, some known only from project
    /// tables, project tables with the same name, given in a shuffled order: every entry's years,
    /// its previous table and the order of everything follow from the tables alone.
    @Test func yearsPreviousTablesAndOrderFollowFromTheTables() throws {
        let checker = TableChecker()
        let department = try #require(
            checker.check(bytes: Array(TemporarySite.sampleText.utf8), path: "Content/2026/sample.tsv").department)
        let fixture = TemporarySite.packageRoot.appendingPathComponent(
            "Tests/PerfsiteCoreTests/Fixtures/project-table.tsv")
        let project = try #require(
            checker.check(bytes: [UInt8](try Data(contentsOf: fixture)), path: "Content/2026/project.tsv").projectTable)
        var generator = SystemRandomNumberGenerator()
        var departments: [Department] = []
        var projectTables: [ProjectTable] = []
        for number in 0..<60 {
            let name = "部门\(number % 23)号"  // 23 names, most in several years
            for year in 2023...2026 where (number + year) % 3 != 0 || number < 23 {
                var copy = department
                copy.name.value = name
                copy.year = year
                copy.sourcePath = "Content/\(year)/\(number).tsv"
                if !departments.contains(where: { $0.year == year && $0.name.value == name }) {
                    departments.append(copy)
                }
            }
            let owner = number % 5 == 0 ? "只有项目表的单位\(number % 2)" : name
            var table = project
            table.department.value = owner
            table.year = 2023 + number % 4
            table.name.value = "项目\(number % 4)"  // names shared within a department and year
            table.sourcePath = "Content/\(table.year)/p\(number).tsv"
            projectTables.append(table)
        }
        departments.shuffle(using: &generator)
        projectTables.shuffle(using: &generator)
        let (site, diagnostics) = SiteAssembler.assemble(
            departments, projectTables: projectTables, settings: SiteSettings())
        #expect(diagnostics.isEmpty)
        #expect(site.years.map(\.year) == [2026, 2025, 2024, 2023])

        let entries = site.years.flatMap(\.departments)
        #expect(entries.count(where: { $0.department != nil }) == departments.count)
        #expect(entries.flatMap(\.projectTables).count == projectTables.count)
        for year in site.years {
            let keys = year.departments.map { ($0.name, $0.department?.sourcePath ?? "") }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "departments by name, then file")
        }
        for entry in entries {
            #expect(entry.id == SiteAssembler.derivedID(for: entry.name))
            let sameID = entries.filter { $0.id == entry.id }
            #expect(entry.years == sameID.map(\.year).sorted(by: >))
            let earlier = sameID.filter { $0.department != nil && $0.year < entry.year }.max { $0.year < $1.year }
            #expect(entry.previous?.sourcePath == (entry.department == nil ? nil : earlier?.department?.sourcePath))
            let tables = entry.projectTables.map { ($0.table.name.value, $0.table.sourcePath) }
            #expect(zip(tables, tables.dropFirst()).allSatisfy { $0 < $1 }, "project tables by name, then file")
            #expect(Set(entry.projectTables.map(\.id)).count == entry.projectTables.count, "one folder each")
            #expect(
                entry.projectTables.allSatisfy {
                    $0.table.department.value == entry.name && $0.table.year == entry.year
                })
        }
    }

    /// Departments are in Swift's order of their names, which compares NFC forms: a compatibility
    /// ideograph (豈 U+F900, NFC 豈 U+8C48) sorts before 退 (U+9000) though its UTF-8 is greater,
    /// and a decomposed é (e + U+0301) sorts as é, after z.
    @Test func departmentsAreInTheOrderOfTheirNamesAsStrings() throws {
        let department = try #require(
            TableChecker().check(bytes: Array(TemporarySite.sampleText.utf8), path: "Content/2026/sample.tsv")
                .department)
        let names = [
            "\u{F900}局", "\u{9000}局", "e\u{0301}局", "z局", "\u{1100}\u{1161}局", "\u{AC01}局", "A局", "洛阳市财政局",
            "洛阳市教育局", "Å局", "A\u{030A}b局",
        ]
        let departments = names.enumerated().map { index, name in
            var copy = department
            copy.name.value = name
            copy.sourcePath = "Content/2026/\(index).tsv"
            return copy
        }
        let (site, diagnostics) = SiteAssembler.assemble(
            departments.reversed(), projectTables: [], settings: SiteSettings())
        #expect(diagnostics.isEmpty)
        let ordered = try #require(site.years.first).departments.map(\.name)
        #expect(ordered == names.sorted())
        #expect(ordered.firstIndex(of: "\u{F900}局")! < ordered.firstIndex(of: "\u{9000}局")!)
        #expect(Array("\u{F900}局".utf8).lexicographicallyPrecedes(Array("\u{9000}局".utf8)) == false)
    }

    /// The keys departments are sorted by order names as `<` does, on random names from blocks
    /// that NFC leaves, reorders, composes and decomposes.
    @Test func orderingKeysSortAsStrings() {
        let blocks: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xC0...0x17F, 0x300...0x36F, 0x1100...0x11FF, 0xAC00...0xAC40, 0x3000...0x303F,
            0x3040...0x309F, 0x4E00...0x4E40, 0x9FF0...0x9FFF, 0xF900...0xFA6D, 0xFF00...0xFF65, 0x1E00...0x1EFF,
        ]
        var generator = SystemRandomNumberGenerator()
        func name() -> String {
            var text = ""
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                let block = blocks.randomElement(using: &generator)!
                if let scalar = Unicode.Scalar(UInt32.random(in: block, using: &generator)) {
                    text.unicodeScalars.append(scalar)
                }
            }
            return text
        }
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            let (one, other) = (name(), name())
            let (first, second) = (SiteAssembler.OrderingKey(one), SiteAssembler.OrderingKey(other))
            if (first < second) != (one < other) || (first == second) != (one == other) {
                disagreements.append("\(one.unicodeScalars.map(\.value)) \(other.unicodeScalars.map(\.value))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
