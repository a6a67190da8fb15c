import Foundation
import Testing

@testable import PerfsiteCore

/// The real sample table, read end to end as `perfsite check` reads it.
@Suite struct SampleTableTests {
    let result = TableChecker().check(path: TestSupport.sampleURL.path)

    @Test func onlyWarningIsProjectTwosFraction() throws {
        #expect(result.errors.isEmpty, "\(result.summary)")
        #expect(result.warnings.count == 1, "\(result.summary)")
        let warning = try #require(result.warnings.first)
        #expect(warning.rule.id == "I005")
        #expect(warning.location.row == 13 && warning.location.column == 9)
        #expect(warning.message.contains("0.98") && warning.message.contains("98%"))
    }

    @Test func departmentFigures() throws {
        let department = try #require(result.department)
        #expect(department.name.value == "洛阳高新技术产业开发区管理委员会")
        #expect(department.supervisor?.value == "洛阳高新技术产业开发区管理委员会")
        #expect(department.title.region == "洛阳高新区")
        #expect(department.title.level == "区级")
        #expect(department.year == 2026)
        #expect(department.title.kind == "部门整体支出绩效目标表")
        #expect(department.staffCount?.value == 147)
        #expect(department.subordinateUnitCount?.value == 0)
        let budget = department.budget
        #expect(budget.unit == .tenThousandYuan)
        #expect(budget.basic?.value.plainText == "1022.51")
        #expect(budget.project?.value.plainText == "922.13")
        #expect(budget.expenditureTotal.plainText == "1944.64")
        #expect(budget.expenditureTotal.formatted == "1,944.64")
        #expect(budget.incomes.map(\.label) == ["财政拨款", "其他资金"])
        #expect(budget.incomeTotal.plainText == "1944.64")
        #expect(budget.basic?.location == SourceLocation(file: TestSupport.sampleURL.path, row: 8, column: 3))
    }

    @Test func projectsAndIndicators() throws {
        let department = try #require(result.department)
        #expect(department.projects.count == 10)
        #expect(department.indicatorCount == 50)
        #expect(department.projects.map { $0.sequence?.value } == Array(1...10))
        let total = department.projects.compactMap(\.amount).reduce(Amount(fen: 0, unit: .tenThousandYuan)) {
            $0 + $1.value
        }
        #expect(total.plainText == "922.13")
        let first = department.projects[0]
        #expect(first.name.value == "综合服务中心大院后勤外包服务项目")
        #expect(first.amount?.value.plainText == "152.90")
        #expect(first.taskSource.value == "依职能")
        let quality = try #require(first.indicators.first { $0.level3 == "质量效果" })
        #expect(quality.level1 == "产出指标" && quality.level2 == "质量指标")
        #expect(quality.target.raw == "98%")
        #expect(quality.target.value == .percent(98))
        #expect(quality.comparator == .equal)
        #expect(quality.isCore == true)
        #expect(first.indicators.map(\.level3) == ["成本控制:在预算范围之内。", "支出标准合规率", "质量效果", "完成期限", "日常管理业务的可持续性"])
        #expect(first.indicators.map(\.target.raw) == ["100%", "100%", "98%", "1年", "12个月"])
        #expect(first.indicators[4].target.value == .duration(12, unit: "个月"))
        #expect(department.projects[2].indicators[4].target.value == .qualitative("可持续"))
        // The 三级 name with a comma stays whole.
        #expect(department.projects[9].indicators[4].level3 == "降低成本,提升效能")
    }

    @Test func goalsAreCanonicalHTMLAndText() throws {
        let goals = try #require(result.department).goals.value
        #expect(goals.html.hasPrefix("<p>1. 区管委大院"))
        #expect(goals.html.components(separatedBy: "<p>").count == 4)
        #expect(goals.text.components(separatedBy: "\n").count == 3)
        #expect(!goals.text.contains("<"))
        #expect(FragmentNormalizer().normalize(goals.html).fragment == goals)
    }

    @Test func noteIsKept() throws {
        let note = try #require(result.department?.note)
        #expect(note.hasPrefix("注:绩效指标包括"))
    }
}
