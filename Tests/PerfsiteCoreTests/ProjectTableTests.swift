import Foundation
import Testing

@testable import PerfsiteCore

/// The 项目支出绩效目标表 layout on the fixture: the header block, funds, merged 一级/二级 cells
/// arriving blank, values joined with their 度量单位, and what is reported when parts are wrong.
@Suite struct ProjectTableTests {
    typealias S = TestSupport
    let path = "Content/2026/项目.tsv"

    func read(_ text: String) throws -> (ProjectTable, [Diagnostic]) {
        let result = TableChecker().check(bytes: Array(text.utf8), path: path)
        #expect(result.department == nil)
        return (try #require(result.projectTable, "\(result.diagnostics.map(\.formatted))"), result.diagnostics)
    }

    @Test func readsTheFixture() throws {
        let (table, diagnostics) = try read(S.projectTableText)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(table.year == 2026 && table.title.region == "洛阳高新区" && table.title.level == "区级")
        #expect(table.name.value == "机关大院和政务服务保障经费")
        #expect(table.name.location.description == "\(path):3:2")
        #expect(table.department.value == "洛阳高新技术产业开发区管理委员会")
        #expect(table.implementer?.value == "洛阳高新区综合服务中心")
        #expect(table.funds.total?.value.plainText == "60.00" && table.funds.fiscal?.value.fen == 60_000_000)
        #expect(table.funds.other?.value.fen == 0 && table.funds.unit == .tenThousandYuan)
        #expect(table.goals.value.text.hasPrefix("完成区管委大院"))
        #expect(table.indicators.count == 7)
        // Row 11 leaves 一级 and 二级 blank: the row above's.
        let second = table.indicators[1]
        #expect((second.level1, second.level2, second.level3) == ("产出指标", "数量指标", "消防设施检查次数"))
        #expect(second.target.raw == "12次" && second.comparator == .greaterOrEqual)
        #expect(second.location.description == "\(path):11:3" && second.valueLocation.description == "\(path):11:5")
        let rate = table.indicators[2]
        #expect(rate.level2 == "质量指标" && rate.target.raw == "100%" && rate.comparator == .equal)
        #expect(table.indicators[5].comparator == .qualitative && table.indicators[5].target.raw == "明显改善")
        #expect(
            table.indicators.map(\.category) == [.output, .output, .output, .output, .cost, .benefit, .satisfaction])
    }

    @Test func theDepartmentLayoutIsNotConfused() {
        let result = S.check(S.sampleText)
        #expect(result.department != nil && result.projectTable == nil)
        #expect(!ProjectTableLayout.recognizes(try! TableFileReader().read(bytes: S.sampleBytes, path: S.samplePath)))
    }

    @Test func problemsAreReportedAtTheirCells() throws {
        var text = S.projectTableText
        text = text.replacingOccurrences(of: "项目名称\t机关大院和政务服务保障经费", with: "项目名称\t")
        text = text.replacingOccurrences(of: "\t\t消防设施检查次数\t≥", with: "\t\t消防设施检查次数\t约")
        text = text.replacingOccurrences(of: "成本指标\t经济成本指标\t项目总成本\t≤\t60\t万元\n", with: "")
        let (_, diagnostics) = try read(text)
        let found = diagnostics.map { "\($0.rule.id)@\($0.location.row):\($0.location.column)" }
        #expect(found.contains("L002@3:1"), "\(diagnostics.map(\.formatted))")  // 项目名称 blank
        #expect(found.contains("I007@11:4"), "\(diagnostics.map(\.formatted))")  // 约 is no comparator
        #expect(diagnostics.contains { $0.rule.id == "I001" && $0.message.contains("成本指标") })
    }

    @Test func checkedAsWorkbookToo() throws {
        // The same table from a worksheet, with the merged 一级 cell blank below its first row.
        let rows = S.projectTableText.split(separator: "\n", omittingEmptySubsequences: false)
        var sheet = "<worksheet><sheetData>"
        for (index, row) in rows.enumerated() {
            sheet += "<row r=\"\(index + 1)\">"
            for (column, cell) in row.split(separator: "\t", omittingEmptySubsequences: false).enumerated()
            where !cell.isEmpty {
                let escaped = cell.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                    of: "<", with: "&lt;")
                sheet +=
                    "<c r=\"\(SourceLocation.columnLetters(column + 1))\(index + 1)\" t=\"inlineStr\"><is><t>\(escaped)</t></is></c>"
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        let bytes = try WorkbookAndPageTests.workbook(sheet: sheet)
        let result = TableChecker().check(bytes: bytes, path: "Content/2026/项目.xlsx")
        let table = try #require(result.projectTable)
        #expect(result.diagnostics.isEmpty)
        #expect(table.indicators[1].location.description == "Content/2026/项目.xlsx:表1!C11")
        #expect(table.indicators.map(\.level1) == (try read(S.projectTableText)).0.indicators.map(\.level1))
    }
}
