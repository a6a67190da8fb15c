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
}
