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
}
