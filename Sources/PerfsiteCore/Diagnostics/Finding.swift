/// What a stage found, with the figures involved. Detection code raises a finding; the wording
/// lives in one place (`message`), so every diagnostic of a rule reads the same way and the
/// figures stay available to machines (`figures`).
public enum Finding: Sendable, Hashable {
    case unreadableFile(reason: String)
    case undecodableText(line: Int)
    case notATextTable(reason: String)
    case limitExceeded(what: String, limit: Int, actual: Int?)
    case unclosedQuote
    case unrecognizedLayout(title: String?, missing: [String])
    case missingField(label: String)
    case missingYear
    case missingColumn(header: String)
    case notACount(label: String, text: String)
    case expenditureTotalMismatch(basic: Amount, project: Amount, stated: Amount)
    case projectSumMismatch(projectExpenditure: Amount, projectsTotal: Amount)
    case budgetUnbalanced(expenditure: Amount, income: Amount)
    case amountNotANumber(label: String, text: String)
    case negativeAmount(label: String, amount: Amount)
    case amountTooPrecise(label: String, text: String, decimals: Int, unit: MoneyUnit)
    case incomeTotalMismatch(sum: Amount, stated: Amount)
    case projectFundsMismatch(fiscal: Amount, other: Amount, stated: Amount)
    case sequenceNotANumber(text: String)
    case sequenceOutOfOrder(expected: Int, found: Int)
    case projectFieldMissing(project: String, field: String)
    case projectFieldBlank(project: String, field: String)
    case tooFewIndicators(project: String, category: IndicatorCategory, required: Int, found: Int)
    case level2OutsideLevel1(project: String, level1: String, level2: String, belongsTo: String)
    case unknownIndicatorName(project: String, level: String, name: String, suggestion: String?)
    case valueCountMismatch(project: String, indicators: Int, values: Int)
    case inconsistentValueStyle(project: String, indicator: String, written: String, normalized: String)
    case invalidCoreFlag(project: String, text: String)
    case unknownComparator(project: String, text: String)
    case placeholder(project: String, field: String, text: String)
    case unsplittableIndicatorCell(project: String, problem: String)
    case aliasUsed(project: String, level: String, written: String, canonical: String)
    case fragmentSanitized(field: String, removed: String, count: Int)
    case fragmentUnparseable(field: String, problem: String)
    case duplicateDepartment(name: String, year: Int, otherFile: String)
    case departmentIDCollision(id: String, name: String, other: String)
    case invalidDepartmentCode(name: String, code: String)

    public var rule: Rule {
        switch self {
        case .unreadableFile: .unreadableFile
        case .undecodableText: .undecodableText
        case .notATextTable: .notATextTable
        case .limitExceeded: .limitExceeded
        case .unclosedQuote: .unclosedQuote
        case .unrecognizedLayout: .unrecognizedLayout
        case .missingField: .missingField
        case .missingYear: .missingYear
        case .missingColumn: .missingColumn
        case .notACount: .notACount
        case .expenditureTotalMismatch: .expenditureTotalMismatch
        case .projectSumMismatch: .projectSumMismatch
        case .budgetUnbalanced: .budgetUnbalanced
        case .amountNotANumber: .amountNotANumber
        case .negativeAmount: .negativeAmount
        case .amountTooPrecise: .amountTooPrecise
        case .incomeTotalMismatch: .incomeTotalMismatch
        case .projectFundsMismatch: .projectFundsMismatch
        case .sequenceNotANumber, .sequenceOutOfOrder: .sequenceProblem
        case .projectFieldMissing: .projectFieldMissing
        case .projectFieldBlank: .projectFieldBlank
        case .tooFewIndicators: .tooFewIndicators
        case .level2OutsideLevel1: .level2OutsideLevel1
        case .unknownIndicatorName: .unknownIndicatorName
        case .valueCountMismatch: .valueCountMismatch
        case .inconsistentValueStyle: .inconsistentValueStyle
        case .invalidCoreFlag: .invalidCoreFlag
        case .unknownComparator: .unknownComparator
        case .placeholder: .placeholder
        case .unsplittableIndicatorCell: .unsplittableIndicatorCell
        case .aliasUsed: .aliasUsed
        case .fragmentSanitized: .fragmentSanitized
        case .fragmentUnparseable: .fragmentUnparseable
        case .duplicateDepartment: .duplicateDepartment
        case .departmentIDCollision: .departmentIDCollision
        case .invalidDepartmentCode: .invalidDepartmentCode
        }
    }

    /// The diagnostic's text, in Chinese, with the figures that disagree.
    public var message: String {
        switch self {
        case .unreadableFile(let reason): "无法读取文件:\(reason)"
        case .undecodableText(let line): "第 \(line) 行起的内容既不是 UTF-8 也不是 GB18030 编码,请另存为 UTF-8 文本"
        case .notATextTable(let reason): reason
        case .limitExceeded(let what, let limit, let actual):
            if let actual { "\(what) \(actual.grouped),超过上限 \(limit.grouped)" } else { "\(what)超过上限 \(limit.grouped)" }
        case .unclosedQuote: "单元格以英文双引号开头,但直到文件末尾都没有闭合"
        case .unrecognizedLayout(let title, let missing):
            "不是部门整体支出绩效目标表" + (title.map { "(标题为“\($0)”)" } ?? "") + ":找不到"
                + missing.map { "“\($0)”" }.joined(separator: "、")
        case .missingField(let label): "缺少必填项“\(label)”"
        case .missingYear: "标题行和文件夹名都没有写明预算年度(如“2026年”或 Content/2026/)"
        case .missingColumn(let header): "任务表头缺少“\(header)”列"
        case .notACount(let label, let text): "“\(label)”应为非负整数,实际为“\(text)”"
        case .expenditureTotalMismatch(let basic, let project, let stated):
            "基本支出 \(basic.formatted) + 项目支出 \(project.formatted) = \((basic + project).formatted) ≠ 支出合计 \(stated.formatted)"
        case .projectSumMismatch(let projectExpenditure, let projectsTotal):
            "项目支出 \(projectExpenditure.formatted) ≠ 各项目拟投入金额合计 \(projectsTotal.formatted)(相差 \(difference(projectExpenditure, projectsTotal)))"
        case .budgetUnbalanced(let expenditure, let income):
            "支出合计 \(expenditure.formatted) ≠ 收入来源合计 \(income.formatted)(相差 \(difference(expenditure, income)))"
        case .amountNotANumber(let label, let text): "“\(label)”的金额“\(text)”不是数字"
        case .negativeAmount(let label, let amount): "“\(label)”为负数:\(amount.formatted)"
        case .amountTooPrecise(let label, let text, let decimals, let unit):
            "“\(label)”\(text) 有 \(decimals) 位小数,以\(unit.rawValue)计最多 \(unit.fractionDigits) 位(精确到分)"
        case .incomeTotalMismatch(let sum, let stated): "各收入来源之和 \(sum.formatted) ≠ 收入合计 \(stated.formatted)"
        case .projectFundsMismatch(let fiscal, let other, let stated):
            "财政拨款 \(fiscal.formatted) + 其他资金 \(other.formatted) = \((fiscal + other).formatted) ≠ 年度资金总额 \(stated.formatted)"
        case .sequenceNotANumber(let text): "序号“\(text)”不是正整数"
        case .sequenceOutOfOrder(let expected, let found):
            "序号应为 \(expected),实际为 \(found)(序号应从 1 开始连续编号,可能缺少、重复或多出了任务行)"
        case .projectFieldMissing(let project, let field): "\(project)缺少“\(field)”"
        case .projectFieldBlank(let project, let field): "\(project)未填写“\(field)”"
        case .tooFewIndicators(let project, let category, let required, let found):
            "\(project)的\(category.rawValue)只有 \(found) 个,至少需要 \(required) 个"
        case .level2OutsideLevel1(let project, let level1, let level2, let belongsTo):
            "\(project):二级指标“\(level2)”属于“\(belongsTo)”,不属于“\(level1)”"
        case .unknownIndicatorName(let project, let level, let name, let suggestion):
            "\(project):\(level)“\(name)”不在指标体系中" + (suggestion.map { ",是否应为“\($0)”?" } ?? "")
        case .valueCountMismatch(let project, let indicators, let values):
            "\(project)有 \(indicators) 个绩效指标,但有 \(values) 个年度指标值"
        case .inconsistentValueStyle(let project, let indicator, let written, let normalized):
            "\(project)指标“\(indicator)”的值 \(written) 与本表其他比例的写法不一致,应写作 \(normalized)"
        case .invalidCoreFlag(let project, let text): "\(project):是否核心指标应填“是”或“否”,实际为“\(text)”"
        case .unknownComparator(let project, let text): "\(project):对比符号“\(text)”无法识别"
        case .placeholder(let project, let field, let text): "\(project)\(field)是未填写的占位符“\(text)”"
        case .unsplittableIndicatorCell(let project, let problem): "\(project)的绩效指标无法拆分:\(problem)"
        case .aliasUsed(let project, let level, let written, let canonical):
            "\(project):\(level)“\(written)”已按“\(canonical)”归类"
        case .fragmentSanitized(let field, let removed, let count):
            "\(field)中删除了 \(count) 个\(removed)"
        case .fragmentUnparseable(let field, let problem): "\(field)的 HTML 无法完整解析:\(problem)"
        case .duplicateDepartment(let name, let year, let otherFile):
            "\(year) 年已有“\(name)”的表格(\(otherFile)),同一部门不能出现两次"
        case .departmentIDCollision(let id, let name, let other):
            "部门“\(name)”的标识 \(id) 已被“\(other)”使用,请在 perfsite.toml [departments] 中另设"
        case .invalidDepartmentCode(let name, let code): "部门“\(name)”的标识“\(code)”只能包含小写字母、数字和连字符"
        }
    }

    /// The figures of the finding, as text, for `--format json`.
    public var figures: [String: String] {
        switch self {
        case .expenditureTotalMismatch(let basic, let project, let stated):
            ["basic": basic.plainText, "project": project.plainText, "stated": stated.plainText]
        case .projectSumMismatch(let projectExpenditure, let projectsTotal):
            ["projectExpenditure": projectExpenditure.plainText, "projectsTotal": projectsTotal.plainText]
        case .budgetUnbalanced(let expenditure, let income):
            ["expenditure": expenditure.plainText, "income": income.plainText]
        case .incomeTotalMismatch(let sum, let stated): ["sum": sum.plainText, "stated": stated.plainText]
        case .projectFundsMismatch(let fiscal, let other, let stated):
            ["fiscal": fiscal.plainText, "other": other.plainText, "stated": stated.plainText]
        case .negativeAmount(_, let amount): ["amount": amount.plainText]
        case .tooFewIndicators(_, let category, let required, let found):
            ["category": category.rawValue, "required": String(required), "found": String(found)]
        case .valueCountMismatch(_, let indicators, let values):
            ["indicators": String(indicators), "values": String(values)]
        case .inconsistentValueStyle(_, _, let written, let normalized): ["written": written, "normalized": normalized]
        case .sequenceOutOfOrder(let expected, let found): ["expected": String(expected), "found": String(found)]
        case .limitExceeded(_, let limit, let actual):
            ["limit": String(limit)].merging(actual.map { ["actual": String($0)] } ?? [:]) { $1 }
        case .fragmentSanitized(_, let removed, let count): ["removed": removed, "count": String(count)]
        default: [:]
        }
    }
}

private func difference(_ lhs: Amount, _ rhs: Amount) -> String {
    let gap = lhs - rhs
    return Amount(fen: gap.fen == .min ? .max : abs(gap.fen), unit: lhs.unit).formatted
}

extension Int {
    /// 1048576 → `1,048,576`.
    var grouped: String { ThousandsSeparator.apply(to: String(self)) }
}
