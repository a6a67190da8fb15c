/// The rules over a finished `Department`: the arithmetic of the budget, the order of the tasks,
/// the indicator framework and the minimum set the table's own note demands. Each check raises
/// a `Finding`; wording and severity come from the catalogue.
public struct Validator: Sendable {
    public let vocabulary: IndicatorVocabulary

    /// The minimum indicators per task, from the sample's note
    /// (每个项目至少需设置3个产出指标、1个成本指标、1个效益指标).
    public static let minimumIndicators: [(IndicatorCategory, Int)] = [(.output, 3), (.cost, 1), (.benefit, 1)]

    public init(vocabulary: IndicatorVocabulary = .national) {
        self.vocabulary = vocabulary
    }

    public func validate(_ department: Department) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func report(_ finding: Finding, _ location: SourceLocation) {
            diagnostics.append(Diagnostic(finding, at: location))
        }
        checkBudget(department, report: report)
        checkProjects(department, report: report)
        return diagnostics
    }

    /// The rules over a 项目支出绩效目标表: its funds add up, its name is real, and its indicators
    /// follow the framework and the minimum set, exactly as a task's do.
    public func validate(_ table: ProjectTable) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func report(_ finding: Finding, _ location: SourceLocation) {
            diagnostics.append(Diagnostic(finding, at: location))
        }
        let funds = table.funds
        let zero = Amount(fen: 0, unit: funds.unit)
        for case (let label, let amount?) in [("年度资金总额", funds.total), ("财政拨款", funds.fiscal), ("其他资金", funds.other)]
        where amount.value.isNegative {
            report(.negativeAmount(label: label, amount: amount.value), amount.location)
        }
        if let total = funds.total, funds.fiscal != nil || funds.other != nil {
            let fiscal = funds.fiscal?.value ?? zero
            let other = funds.other?.value ?? zero
            if fiscal + other != total.value {
                report(.projectFundsMismatch(fiscal: fiscal, other: other, stated: total.value), total.location)
            }
        }
        let label = "项目「\(table.name.value)」"
        if TargetValue.isPlaceholder(table.name.value) {
            report(.placeholder(project: label, field: "的名称", text: table.name.value), table.name.location)
        }
        let usesPercent = table.indicators.contains { if case .percent = $0.target.value { true } else { false } }
        checkIndicators(table.indicators, label: label, tableUsesPercent: usesPercent, report: report)
        return diagnostics
    }

    private func checkBudget(_ department: Department, report: (Finding, SourceLocation) -> Void) {
        let budget = department.budget
        let labelled: [(String, Located<Amount>?)] =
            [
                ("基本支出", budget.basic), ("项目支出", budget.project), ("支出合计", budget.statedExpenditureTotal),
                ("收入合计", budget.statedIncomeTotal),
            ] + budget.incomes.map { ($0.label, $0.amount) }
            + department.projects.map { ("拟投入金额", $0.amount) }
        for case (let label, let amount?) in labelled where amount.value.isNegative {
            report(.negativeAmount(label: label, amount: amount.value), amount.location)
        }
        if let basic = budget.basic, let project = budget.project {
            if let stated = budget.statedExpenditureTotal, stated.value != budget.expenditureTotal {
                report(
                    .expenditureTotalMismatch(basic: basic.value, project: project.value, stated: stated.value),
                    stated.location)
            }
            if let firstIncome = budget.incomes.first, budget.expenditureTotal != budget.incomeTotal {
                report(
                    .budgetUnbalanced(expenditure: budget.expenditureTotal, income: budget.incomeTotal),
                    firstIncome.amount.location)
            }
        }
        if let stated = budget.statedIncomeTotal, !budget.incomes.isEmpty, stated.value != budget.incomeTotal {
            report(.incomeTotalMismatch(sum: budget.incomeTotal, stated: stated.value), stated.location)
        }
        // Only when every task has a readable amount: a missing one is already an error of its own.
        let amounts = department.projects.compactMap(\.amount)
        if let project = budget.project, !department.projects.isEmpty, amounts.count == department.projects.count {
            let total = amounts.reduce(Amount(fen: 0, unit: budget.unit)) { $0 + $1.value }
            if total != project.value {
                report(.projectSumMismatch(projectExpenditure: project.value, projectsTotal: total), project.location)
            }
        }
    }

    private func checkProjects(_ department: Department, report: (Finding, SourceLocation) -> Void) {
        var expected = 1
        for project in department.projects {
            if let sequence = project.sequence {
                if sequence.value != expected {
                    report(.sequenceOutOfOrder(expected: expected, found: sequence.value), sequence.location)
                }
                expected = sequence.value + 1
            } else {
                expected += 1
            }
        }
        // A share written as 0.98 is only inconsistent in a table that writes shares as percentages.
        let tableUsesPercent = department.projects.contains { project in
            project.indicators.contains { if case .percent = $0.target.value { true } else { false } }
        }
        for project in department.projects {
            let label = "任务 \(project.sequence.map { String($0.value) } ?? "?")「\(project.name.value)」"
            if project.name.value.isEmpty {
                report(.projectFieldMissing(project: label, field: "年度工作任务"), project.name.location)
            } else if TargetValue.isPlaceholder(project.name.value) {
                report(.placeholder(project: label, field: "的名称", text: project.name.value), project.name.location)
            }
            if project.content.value.text.isEmpty {
                report(.projectFieldBlank(project: label, field: "主要实施内容"), project.content.location)
            }
            if project.taskSource.value.isEmpty {
                report(.projectFieldBlank(project: label, field: "任务来源"), project.taskSource.location)
            }
            checkIndicators(project.indicators, label: label, tableUsesPercent: tableUsesPercent, report: report)
        }
    }

    private func checkIndicators(
        _ indicators: [Indicator], label: String, tableUsesPercent: Bool, report: (Finding, SourceLocation) -> Void
    ) {
        guard let first = indicators.first else { return }
        var counts: [IndicatorCategory: Int] = [:]
        for indicator in indicators {
            if let category = indicator.category { counts[category, default: 0] += 1 }
            if vocabulary.isLegacyName(indicator.level1), let category = indicator.category {
                report(
                    .aliasUsed(project: label, level: "一级指标", written: indicator.level1, canonical: category.rawValue),
                    indicator.location)
            }
            switch vocabulary.resolve(level1: indicator.level1, level2: indicator.level2) {
            case .known(let canonical, let category):
                if canonical != indicator.level2 && !(canonical == indicator.level2 + "指标") {
                    report(
                        .aliasUsed(project: label, level: "二级指标", written: indicator.level2, canonical: canonical),
                        indicator.location)
                } else if category.rawValue != indicator.level1 && canonical == IndicatorCategory.cost.rawValue {
                    // 成本指标 filed under 产出指标, as the scheme before 2021 did.
                    report(
                        .aliasUsed(
                            project: label, level: "二级指标", written: "\(indicator.level1)/\(indicator.level2)",
                            canonical: "一级指标“成本指标”"), indicator.location)
                }
            case .misplaced(let canonical, let owner):
                report(
                    .level2OutsideLevel1(project: label, level1: indicator.level1, level2: canonical, belongsTo: owner),
                    indicator.location)
            case .unknown(let suggestion):
                report(
                    .unknownIndicatorName(
                        project: label, level: "二级指标", name: indicator.level2, suggestion: suggestion),
                    indicator.location)
            }
            if TargetValue.isPlaceholder(indicator.level3) {
                report(.placeholder(project: label, field: "的三级指标", text: indicator.level3), indicator.location)
            }
            switch indicator.target.value {
            case .placeholder(let text):
                report(
                    .placeholder(project: label, field: "指标“\(indicator.level3)”的值", text: text),
                    indicator.valueLocation)
            case .fraction where tableUsesPercent:
                report(
                    .inconsistentValueStyle(
                        project: label, indicator: indicator.level3, written: indicator.target.raw,
                        normalized: indicator.target.value.asPercentText ?? indicator.target.raw),
                    indicator.valueLocation)
            default: break
            }
        }
        for (category, minimum) in Self.minimumIndicators where counts[category, default: 0] < minimum {
            report(
                .tooFewIndicators(
                    project: label, category: category, required: minimum, found: counts[category, default: 0]),
                first.location)
        }
    }
}
