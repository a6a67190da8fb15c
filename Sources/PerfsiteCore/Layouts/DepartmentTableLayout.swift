/// Recognizes a 部门整体支出绩效目标表 and reads it into a `Department`.
///
/// Blocks are found by their labels, never by fixed positions: exports drop or add trailing tabs,
/// insert blank lines and move the income column, and the labels are what stays. Project columns
/// are mapped by header name. What cannot be read into the model (a word where a number belongs,
/// an indicator cell that does not split) is reported here; rules over the finished model are the
/// validator's.
public struct DepartmentTableLayout: Sendable {
    public let vocabulary: IndicatorVocabulary
    let normalizer = FragmentNormalizer()

    public init(vocabulary: IndicatorVocabulary = .national) {
        self.vocabulary = vocabulary
    }

    /// The most 年度工作任务 one table may hold (R004 beyond it).
    public static let maxTasks = 10_000

    public struct Outcome: Sendable {
        public var department: Department?
        public var diagnostics: [Diagnostic]
    }

    // Labels and their synonyms in real exports.
    static let nameLabels: Set = ["部门名称", "单位名称", "部门(单位)名称", "预算部门名称"]
    static let supervisorLabels: Set = ["主管部门", "主管部门名称"]
    static let staffLabels: Set = ["财政供养人员", "财政供养人数", "财政供养人员数"]
    static let unitCountLabels: Set = ["下属单位数", "下属单位个数", "所属单位数"]
    static let budgetLabels: Set = ["预算整体情况", "部门预算情况", "预算情况"]
    static let goalLabels: Set = ["年度整体绩效目标", "年度绩效目标", "整体绩效目标", "部门整体绩效目标", "年度总体目标"]
    /// Every label of the header block: a label's value is never another label, so a blank value
    /// (`部门名称 | | 主管部门 | …`) is read as missing rather than as the next label.
    static let headerLabels: Set<String> = nameLabels.union(supervisorLabels).union(staffLabels)
        .union(unitCountLabels).union(budgetLabels).union(goalLabels)

    /// Project columns: the field, the header names that mean it, and whether it must be present.
    enum ProjectColumn: HeaderColumn {
        case sequence, name, content, source, amount, indicators, core, comparator, values

        static let byHeader = makeByHeader()

        var headers: Set<String> {
            switch self {
            case .sequence: ["序号"]
            case .name: ["年度工作任务", "工作任务", "任务名称", "项目名称", "年度主要任务"]
            case .content: ["主要实施内容", "实施内容", "主要内容"]
            case .source: ["任务来源", "项目来源"]
            case .amount: ["拟投入金额", "预算金额", "金额", "投入金额", "预算数"]
            case .indicators: ["任务绩效指标", "绩效指标", "绩效指标名称"]
            case .core: ["是否核心指标", "核心指标"]
            case .comparator: ["对比符号", "指标性质", "比较符号"]
            case .values: ["年度指标值", "指标值", "目标值"]
            }
        }

        var title: String {
            switch self {
            case .sequence: "序号"
            case .name: "年度工作任务"
            case .content: "主要实施内容"
            case .source: "任务来源"
            case .amount: "拟投入金额"
            case .indicators: "任务绩效指标"
            case .core: "是否核心指标"
            case .comparator: "对比符号"
            case .values: "年度指标值"
            }
        }

        var isRequired: Bool {
            switch self {
            case .sequence, .name, .amount, .indicators, .values: true
            case .content, .source, .core, .comparator: false
            }
        }
    }

    public func read(_ table: RawTable) -> Outcome {
        var reading = Reading(table: table, layout: self)
        return reading.run()
    }
}

/// The state of reading one table: the table, the diagnostics so far, and the helpers that need both.
private struct Reading {
    typealias Column = DepartmentTableLayout.ProjectColumn
    let table: RawTable
    let layout: DepartmentTableLayout
    var diagnostics: [Diagnostic] = []

    init(table: RawTable, layout: DepartmentTableLayout) {
        self.table = table
        self.layout = layout
    }

    mutating func report(_ finding: Finding, _ location: SourceLocation) {
        diagnostics.append(Diagnostic(finding, at: location))
    }

    func location(_ row: RawRow, _ column: Int) -> SourceLocation { table.location(row: row, column: column) }

    /// The first row (from `start`) holding a cell whose label is one of `labels`, and that cell's column.
    func find(_ labels: Set<String>, from start: Int = 0, before end: Int? = nil) -> (row: Int, column: Int)? {
        let stop = end ?? table.rows.count
        guard start < stop else { return nil }
        for rowIndex in start..<stop {
            for (column, cell) in table.rows[rowIndex].cells.enumerated() where !cell.isEmpty {
                if labels.contains(CellLabel.labelKey(cell)) { return (rowIndex, column) }
            }
        }
        return nil
    }

    /// The first filled cell right of `column` in the row: where a label's value sits, however many
    /// blank cells an export put between them.
    func value(rightOf column: Int, in row: RawRow) -> (text: String, column: Int)? {
        var next = column + 1
        while next < row.cells.count {
            let text = row.cells[next].trimmedCell
            if DepartmentTableLayout.headerLabels.contains(CellLabel.key(text)) { return nil }
            if !text.isEmpty { return (text, next) }
            next += 1
        }
        return nil
    }

    mutating func run() -> DepartmentTableLayout.Outcome {
        let rows = table.rows
        let header = projectHeader()
        let headerRow = header?.row ?? rows.count
        let nameCell = find(DepartmentTableLayout.nameLabels, before: headerRow)
        let title = rows.lazy.filter { !$0.isBlank }.first.flatMap { row in
            TableTitle.parse(row.cells.map(\.trimmedCell).filter { !$0.isEmpty }.joined())
        }
        // A table of another kind: neither the department block nor the task header is there.
        if nameCell == nil && header == nil {
            report(.unrecognizedLayout(title: title?.raw, missing: ["部门名称", "序号"]), .file(table.path))
            return .init(department: nil, diagnostics: diagnostics)
        }

        // Who.
        var name = Located("", at: .file(table.path))
        if let nameCell, let value = value(rightOf: nameCell.column, in: rows[nameCell.row]) {
            name = Located(value.text, at: location(rows[nameCell.row], value.column))
        } else {
            let at = nameCell.map { location(rows[$0.row], $0.column) } ?? .file(table.path)
            report(.missingField(label: "部门名称"), at)
        }
        let supervisor = labelledText(DepartmentTableLayout.supervisorLabels, before: headerRow)
        let staff = labelledCount(DepartmentTableLayout.staffLabels, label: "财政供养人员", before: headerRow)
        let units = labelledCount(DepartmentTableLayout.unitCountLabels, label: "下属单位数", before: headerRow)

        // Which year.
        let year = title?.year ?? table.folderYear
        if year == nil { report(.missingYear, table.titleLocation) }

        // What it spends and where the money comes from.
        let goalCell = find(DepartmentTableLayout.goalLabels, before: headerRow)
        let budget = readBudget(before: goalCell?.row ?? headerRow)

        // What it aims at.
        var goals = Located(Fragment.empty, at: .file(table.path))
        if let goalCell {
            let row = rows[goalCell.row]
            if let value = value(rightOf: goalCell.column, in: row) {
                let texts = row.cells[value.column...].map(\.trimmedCell).filter { !$0.isEmpty }
                goals = Located(
                    fragment(texts.joined(separator: "\n"), field: "年度整体绩效目标", at: location(row, value.column)),
                    at: location(row, value.column))
            } else {
                report(.missingField(label: "年度整体绩效目标"), location(row, goalCell.column))
            }
        } else {
            report(.missingField(label: "年度整体绩效目标"), .file(table.path))
        }

        // How: the tasks.
        var projects: [Project] = []
        var note: String?
        if let header {
            (projects, note) = readProjects(header: header, unit: budget.unit)
        } else {
            report(.missingColumn(header: "序号"), .file(table.path))
        }

        let department = Department(
            sourcePath: table.path,
            title: title ?? TableTitle(raw: "", region: "", level: "", year: year, kind: ""),
            year: year ?? 0, name: name, supervisor: supervisor, staffCount: staff, subordinateUnitCount: units,
            budget: budget, goals: goals, projects: projects, note: note)
        return .init(department: department, diagnostics: diagnostics)
    }

    func labelledText(_ labels: Set<String>, before end: Int) -> Located<String>? {
        guard let cell = find(labels, before: end), let value = value(rightOf: cell.column, in: table.rows[cell.row])
        else { return nil }
        return Located(value.text, at: location(table.rows[cell.row], value.column))
    }

    mutating func labelledCount(_ labels: Set<String>, label: String, before end: Int) -> Located<Int>? {
        guard let text = labelledText(labels, before: end) else { return nil }
        let digits = text.value.halfWidth.trimmedCell
        guard let count = Int(digits.hasSuffix("人") || digits.hasSuffix("个") ? String(digits.dropLast()) : digits),
            count >= 0
        else {
            report(.notACount(label: label, text: text.value), text.location)
            return nil
        }
        return Located(count, at: text.location)
    }

    // MARK: Budget block

    mutating func readBudget(before end: Int) -> Budget {
        let rows = table.rows
        // The header row names the two sides (部门预算支出 | 收入来源) and the unit (预算金额(万元)).
        var headerIndex: Int?
        var incomeColumn = Int.max
        var unit = MoneyUnit.tenThousandYuan
        if let income = find(["收入来源", "资金来源"], before: end) {
            headerIndex = income.row
            incomeColumn = income.column
        } else if let label = find(DepartmentTableLayout.budgetLabels, before: end) {
            headerIndex = label.row
        }
        var budget = Budget(unit: unit)
        guard let headerIndex else {
            report(.missingField(label: "预算整体情况"), .file(table.path))
            return budget
        }
        if let named = rows[headerIndex].cells.lazy.compactMap({ MoneyUnit.named(in: $0) }).first {
            unit = named
            budget.unit = named
        }
        var basicSeen = false
        var projectSeen = false
        for rowIndex in (headerIndex + 1)..<max(headerIndex + 1, end) {
            let row = rows[rowIndex]
            var column = 0
            while column < row.cells.count {
                let label = CellLabel.key(row.cells[column])
                guard !label.isEmpty, Self.isBudgetLabel(label), let value = value(rightOf: column, in: row) else {
                    column += 1
                    continue
                }
                let isIncome = column >= incomeColumn
                let at = location(row, value.column)
                column = value.column + 1
                guard let amount = amount(value.text, label: label, unit: unit, at: at) else {
                    if label == "基本支出" { basicSeen = true }
                    if label == "项目支出" { projectSeen = true }
                    continue
                }
                let located = Located(amount, at: at)
                switch (isIncome, label) {
                case (false, "基本支出"):
                    budget.basic = located
                    basicSeen = true
                case (false, "项目支出"):
                    budget.project = located
                    projectSeen = true
                case (false, let text) where text.containsBytes("合计"): budget.statedExpenditureTotal = located
                case (true, let text) where text.containsBytes("合计"): budget.statedIncomeTotal = located
                case (true, let text): budget.incomes.append(Budget.IncomeLine(label: text, amount: located))
                default: break  // 其中:人员经费 and other breakdowns of the expenditure side
                }
            }
        }
        if !basicSeen { report(.missingField(label: "基本支出"), location(rows[headerIndex], 0)) }
        if !projectSeen { report(.missingField(label: "项目支出"), location(rows[headerIndex], 0)) }
        if budget.incomes.isEmpty && incomeColumn != Int.max {
            report(.missingField(label: "收入来源"), location(rows[headerIndex], incomeColumn))
        }
        return budget
    }

    /// A label of the budget block: words, not a number and not the block's own title.
    static func isBudgetLabel(_ label: String) -> Bool {
        !DepartmentTableLayout.budgetLabels.contains(label) && label.contains(where: { !$0.isASCII })
            && !label.hasPrefix("预算金额")
    }

    mutating func amount(_ text: String, label: String, unit: MoneyUnit, at location: SourceLocation) -> Amount? {
        switch Amount.parse(text, unit: unit) {
        case .amount(let amount): return amount
        case .empty: return nil
        case .notANumber, .outOfRange: report(.amountNotANumber(label: label, text: text), location)
        case .tooPrecise(let decimals):
            report(.amountTooPrecise(label: label, text: text, decimals: decimals, unit: unit), location)
        }
        return nil
    }

    // MARK: Fragments

    mutating func fragment(_ source: String, field: String, at location: SourceLocation) -> Fragment {
        let (fragment, found) = layout.normalizer.normalize(source, field: field, at: location)
        diagnostics += found
        return fragment
    }

    // MARK: Projects

    /// The task header: the row with 序号 and a task-name column, and each known column's index.
    func projectHeader() -> (row: Int, columns: [Column: Int])? {
        // 序: no other character is canonically equivalent to it or folds to it.
        CellLabel.header(in: table.rows, of: Column.self, marker: "序") {
            $0.contains("序号") && $0.contains(where: Column.name.headers.contains)
        }
    }

    mutating func readProjects(header: (row: Int, columns: [Column: Int]), unit headerUnit: MoneyUnit)
        -> ([Project], String?)
    {
        let rows = table.rows
        let headerRow = rows[header.row]
        for column in Column.allCases where column.isRequired && header.columns[column] == nil {
            report(
                .missingColumn(header: column.title),
                SourceLocation(origin: table.origin, row: headerRow.line, column: 0))
        }
        guard Column.allCases.allSatisfy({ !$0.isRequired || header.columns[$0] != nil }) else { return ([], nil) }
        let unit = header.columns[.amount].flatMap { MoneyUnit.named(in: headerRow[$0]) } ?? headerUnit
        var projects: [Project] = []
        var note: String?
        for row in rows[(header.row + 1)...] where !row.isBlank {
            let first = row.cells.first(where: { !$0.trimmedCell.isEmpty })!.trimmedCell
            if first.hasPrefix("注") || first.hasPrefix("说明") {
                note = row.cells.map(\.trimmedCell).filter { !$0.isEmpty }.joined(separator: " ")
                break
            }
            guard projects.count < DepartmentTableLayout.maxTasks else {
                // Real tables hold tens of tasks; each task is two pages, so the site stays buildable.
                report(
                    .limitExceeded(what: "年度工作任务数", limit: DepartmentTableLayout.maxTasks, actual: nil),
                    location(row, 0))
                break
            }
            projects.append(readProject(row, columns: header.columns, unit: unit))
        }
        return (projects, note)
    }

    mutating func readProject(_ row: RawRow, columns: [Column: Int], unit: MoneyUnit) -> Project {
        func cell(_ column: Column) -> (text: String, at: SourceLocation) {
            let index = columns[column] ?? 0
            return (columns[column] == nil ? "" : row[index].trimmedCell, location(row, index))
        }
        let nameCell = cell(.name)
        let label = "任务 \(cell(.sequence).text)「\(nameCell.text)」"

        var sequence: Located<Int>?
        let sequenceCell = cell(.sequence)
        if let number = Int(sequenceCell.text.halfWidth), number > 0 {
            sequence = Located(number, at: sequenceCell.at)
        } else {
            report(.sequenceNotANumber(text: sequenceCell.text), sequenceCell.at)
        }

        let amountCell = cell(.amount)
        var amount: Located<Amount>?
        if amountCell.text.isEmpty {
            report(.projectFieldMissing(project: label, field: "拟投入金额"), amountCell.at)
        } else if let value = self.amount(amountCell.text, label: "拟投入金额", unit: unit, at: amountCell.at) {
            amount = Located(value, at: amountCell.at)
        }

        let contentCell = cell(.content)
        let content =
            FragmentNormalizer.looksLikeMarkup(contentCell.text)
            ? fragment(contentCell.text, field: "\(label)的主要实施内容", at: contentCell.at)
            : FragmentNormalizer.plainText(contentCell.text)

        let sourceCell = cell(.source)
        return Project(
            sequence: sequence, name: Located(nameCell.text, at: nameCell.at),
            content: Located(content, at: contentCell.at), taskSource: Located(sourceCell.text, at: sourceCell.at),
            amount: amount, indicators: readIndicators(row, label: label, columns: columns), row: row.line)
    }

    mutating func readIndicators(_ row: RawRow, label: String, columns: [Column: Int]) -> [Indicator] {
        let indicatorColumn = columns[.indicators]!
        let valueColumn = columns[.values]!
        let namesAt = location(row, indicatorColumn)
        let valuesAt = location(row, valueColumn)
        let namesText = row[indicatorColumn].trimmedCell
        if namesText.isEmpty {
            report(.projectFieldMissing(project: label, field: "任务绩效指标"), namesAt)
            return []
        }
        let triples: [IndicatorCellSplitter.Triple]
        switch IndicatorCellSplitter(vocabulary: layout.vocabulary).split(namesText) {
        case .triples(let found): triples = found
        case .failure(let problem):
            report(.unsplittableIndicatorCell(project: label, problem: problem), namesAt)
            return []
        }
        let values = row[valueColumn].whitespaceSeparatedWords
        if values.isEmpty {
            report(.projectFieldMissing(project: label, field: "年度指标值"), valuesAt)
        } else if values.count != triples.count {
            report(.valueCountMismatch(project: label, indicators: triples.count, values: values.count), valuesAt)
        }
        let comparators = perIndicator(columns[.comparator], in: row, count: triples.count) {
            TargetComparator(text: $0)
        }
        if let (text, at) = comparators.invalid { report(.unknownComparator(project: label, text: text), at) }
        let coreFlags = perIndicator(columns[.core], in: row, count: triples.count) { text -> Bool? in
            switch text.halfWidth.trimmedCell {
            case "是": true
            case "否": false
            default: nil
            }
        }
        if let (text, at) = coreFlags.invalid { report(.invalidCoreFlag(project: label, text: text), at) }
        let vocabulary = layout.vocabulary
        return triples.enumerated().map { index, triple in
            let target = IndicatorTarget(raw: index < values.count ? values[index] : "")
            let resolution = vocabulary.resolve(level1: triple.level1, level2: triple.level2)
            var category: IndicatorCategory?
            var canonical: String?
            switch resolution {
            case .known(let name, let kind):
                category = kind
                canonical = name
            case .misplaced(let name, _): canonical = name
            case .unknown: break
            }
            return Indicator(
                level1: triple.level1, level2: triple.level2, level3: triple.level3, category: category,
                canonicalLevel2: canonical, comparator: target.embeddedComparator ?? comparators.values[index],
                target: target, isCore: coreFlags.values[index], location: namesAt, valueLocation: valuesAt)
        }
    }

    /// A per-row column (对比符号, 是否核心指标) spread over the indicators: one word for all of them,
    /// or one word each. The first unreadable word is returned for the caller to report.
    func perIndicator<Value>(_ column: Int?, in row: RawRow, count: Int, parse: (String) -> Value?)
        -> (values: [Value?], invalid: (String, SourceLocation)?)
    {
        let none = [Value?](repeating: nil, count: count)
        guard let column else { return (none, nil) }
        let text = row[column].trimmedCell
        guard !text.isEmpty else { return (none, nil) }
        let words = text.whitespaceSeparatedWords
        if words.count == count && count > 1 {
            let parsed = words.map(parse)
            let bad = words.indices.first(where: { parsed[$0] == nil })
            return (parsed, bad.map { (words[$0], location(row, column)) })
        }
        guard let single = parse(text) else { return (none, (text, location(row, column))) }
        return ([Value?](repeating: single, count: count), nil)
    }
}
