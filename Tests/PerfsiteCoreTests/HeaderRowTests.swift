import Foundation
import Testing

@testable import PerfsiteCore

/// Header rows as tables write them: other names for a column, spaces inside a name, full-width
/// colons, a unit after the name, and text above the header that holds the same characters. Both
/// layouts must read them as they read the plain header.
@Suite struct HeaderRowTests {
    typealias S = TestSupport

    /// The sample with its task header (line 11) rewritten, read against the sample as it is.
    @Test(arguments: [
        "序 号\t年度工作任务\t主要实施内容\t任务来源\t拟投入金额\t任务绩效指标\t是否核心指标\t对比符号\t年度指标值",
        "序号：\t任务名称\t实施内容\t项目来源\t预算金额(万元)\t绩效指标\t核心指标\t比较符号\t指标值",
        "　序　号　\t工作任务:\t主要内容\t任务来源\t投入金额（万元）\t绩效指标名称\t是否核心指标\t指标性质\t目标值",
    ])
    func departmentTaskHeaders(_ header: String) throws {
        let expected = try #require(S.check(S.sampleText).department)
        #expect(expected.projects.count == 10 && expected.indicatorCount == 50)
        let result = S.check(S.sample(editingLine: 11) { _ in header })
        let department = try #require(result.department, "\(result.diagnostics.map(\.formatted))")
        #expect(result.errors.isEmpty, "\(result.diagnostics.map(\.formatted))")
        #expect(department.projects.map(\.name.value) == expected.projects.map(\.name.value))
        #expect(department.projects.map(\.amount?.value) == expected.projects.map(\.amount?.value))
        #expect(department.indicatorCount == expected.indicatorCount)
        #expect(
            department.projects.flatMap(\.indicators).map(\.target.raw)
                == expected.projects.flatMap(\.indicators).map(\.target.raw))
    }

    /// A 序 in the text above the header (the goals, here) is not a header: the header is still the
    /// row that names 序号 and a task column.
    @Test func aSequenceCharacterAboveTheHeaderIsNotTheHeader() throws {
        let expected = try #require(S.check(S.sampleText).department)
        #expect(expected.projects.count == 10 && expected.indicatorCount == 50)
        let text = S.sample(editingLine: 10) { line in line.replacingOccurrences(of: "<p>1.", with: "<p>序号 1.") }
        #expect(text != S.sampleText)
        let department = try #require(S.check(text).department)
        #expect(department.projects.count == expected.projects.count)
        #expect(department.indicatorCount == expected.indicatorCount)
    }

    /// The project-table layout's indicator header, written with spaces, colons and other names.
    @Test(arguments: [
        "一 级 指 标\t二级指标：\t指标名称\t对比符号\t目标值\t计量单位",
        "一级指标:\t二　级　指　标\t三级指标\t比较符号\t年度指标值\t单位",
    ])
    func projectIndicatorHeaders(_ header: String) throws {
        let plain = TableChecker().check(bytes: Array(S.projectTableText.utf8), path: "Content/2026/项目.tsv")
        let expected = try #require(plain.projectTable)
        #expect(expected.indicators.count == 7)
        var lines = S.projectTableText.components(separatedBy: "\n")
        let headerLine = try #require(lines.firstIndex { $0.hasPrefix("一级指标\t") })
        lines[headerLine] = header
        let result = TableChecker().check(bytes: Array(lines.joined(separator: "\n").utf8), path: "Content/2026/项目.tsv")
        let table = try #require(result.projectTable, "\(result.diagnostics.map(\.formatted))")
        #expect(table.indicators.map(\.level3) == expected.indicators.map(\.level3))
        #expect(table.indicators.map(\.target.raw) == expected.indicators.map(\.target.raw))
        #expect(table.indicators.map(\.comparator) == expected.indicators.map(\.comparator))
    }
}
