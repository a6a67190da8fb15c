/// Recognizes a 项目支出绩效目标表 and reads it into a `ProjectTable`: the header block by labels
/// (项目名称, 主管部门, 实施单位, 年度资金总额 / 财政拨款 / 其他资金, 年度目标), then one indicator per
/// row under the 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 header. The first two
/// columns are merged cells in the original and arrive blank in exports: a blank one means "the
/// same as the row above".
public struct ProjectTableLayout: Sendable {
    public let vocabulary: IndicatorVocabulary
    let normalizer = FragmentNormalizer()

    public init(vocabulary: IndicatorVocabulary = .national) {
        self.vocabulary = vocabulary
    }

    public struct Outcome: Sendable {
        public var table: ProjectTable?
        public var diagnostics: [Diagnostic]
    }

    /// Each holds 称, which `recognizes` looks for before folding a cell.
    static let nameLabels: Set = ["项目名称"]
    static let departmentLabels: Set = ["主管部门", "主管部门名称", "预算部门"]
    static let implementerLabels: Set = ["实施单位", "项目实施单位", "执行单位"]
    static let totalLabels: Set = ["年度资金总额", "资金总额", "项目资金总额", "年度预算资金", "年度预算数"]
    static let fiscalLabels: Set = ["财政拨款", "其中财政拨款", "其中:财政拨款", "财政资金"]
    static let otherLabels: Set = ["其他资金", "其中其他资金", "其他来源资金"]
    static let goalLabels: Set = ["年度目标", "年度绩效目标", "项目年度目标", "年度总体目标"]
    static let headerLabels = nameLabels.union(departmentLabels).union(implementerLabels).union(totalLabels)
        .union(fiscalLabels).union(otherLabels).union(goalLabels)

    /// The indicator columns and the header names that mean them.
    enum Column: HeaderColumn {
        case level1, level2, level3, comparator, value, unit

        static let byHeader = makeByHeader()

        var headers: Set<String> {
            switch self {
            case .level1: ["一级指标"]
            case .level2: ["二级指标"]
            case .level3: ["三级指标", "指标名称"]
            case .comparator: ["指标性质", "对比符号", "比较符号"]
            case .value: ["指标值", "目标值", "年度指标值"]
            case .unit: ["度量单位", "计量单位", "单位"]
            }
        }
    }

    /// Columns of a self-evaluation table (绩效自评表): a later stage, reported as another kind of table.
    static let selfEvaluationHeaders: Set = ["实际完成值", "完成值", "全年实际值", "分值", "得分", "偏差原因"]

    /// Whether a table has this layout: a 项目名称 label and the per-row indicator header, without
    /// the columns of a self-evaluation.
    public static func recognizes(_ table: RawTable) -> Bool {
        guard let header = indicatorHeader(in: table) else { return false }
        let keys = table.rows[header.row].cells.map(CellLabel.keyWithoutUnit)
        // A 项目名称 cell holds 称 whatever folding its key needs (nothing else is canonically
        // equivalent to it): department tables, which have none, are scanned without folding
        // every short cell (2% of a full build's samples, perf).
        return !keys.contains(where: selfEvaluationHeaders.contains)
            && table.rows.contains {
                $0.cells.contains { $0.unicodeScalars.contains("称") && nameLabels.contains(CellLabel.labelKey($0)) }
            }
    }

    /// The header row and each known column's index.
    static func indicatorHeader(in table: RawTable) -> (row: Int, columns: [Column: Int])? {
        // 级: no other character is canonically equivalent to it or folds to it.
        CellLabel.header(in: table.rows, of: Column.self, marker: "级") {
            $0.contains("一级指标") && $0.contains("二级指标")
        }
    }

    public func read(_ table: RawTable) -> Outcome {
        var diagnostics: [Diagnostic] = []
        func report(_ finding: Finding, _ location: SourceLocation) {
            diagnostics.append(Diagnostic(finding, at: location))
        }
        let rows = table.rows
        guard let header = Self.indicatorHeader(in: table) else {
            report(.unrecognizedLayout(title: nil, missing: ["一级指标"]), .file(table.path))
            return Outcome(table: nil, diagnostics: diagnostics)
        }
        let title = rows.lazy.filter { !$0.isBlank }.first.flatMap { row in
            TableTitle.parse(row.cells.map(\.trimmedCell).filter { !$0.isEmpty }.joined())
        }

        /// The label's cell and the first filled cell right of it, above the indicator header.
        func labelled(_ labels: Set<String>) -> (label: SourceLocation, value: Located<String>?)? {
            for row in rows[..<header.row] {
                for (column, cell) in row.cells.enumerated() where labels.contains(CellLabel.key(cell)) {
                    var next = column + 1
                    while next < row.cells.count {
                        let text = row.cells[next].trimmedCell
                        if Self.headerLabels.contains(CellLabel.key(text)) { break }
                        if !text.isEmpty {
                            return (
                                table.location(row: row, column: column),
                                Located(text, at: table.location(row: row, column: next))
                            )
                        }
                        next += 1
                    }
                    return (table.location(row: row, column: column), nil)
                }
            }
            return nil
        }
        func required(_ labels: Set<String>, _ name: String) -> Located<String> {
            let found = labelled(labels)
            if let value = found?.value { return value }
            report(.missingField(label: name), found?.label ?? .file(table.path))
            return Located("", at: found?.label ?? .file(table.path))
        }

        let name = required(Self.nameLabels, "项目名称")
        let department = required(Self.departmentLabels, "主管部门")
        let implementer = labelled(Self.implementerLabels)?.value

        let year = title?.year ?? table.folderYear
        if year == nil { report(.missingYear, table.titleLocation) }

        // 项目资金: the unit from a label such as 项目资金(万元), else 万元.
        let unit =
            rows[..<header.row].lazy.flatMap(\.cells).compactMap { cell -> MoneyUnit? in
                CellLabel.key(cell).hasPrefix("项目资金") || CellLabel.key(cell).hasPrefix("资金")
                    ? MoneyUnit.named(in: cell) : nil
            }.first ?? .tenThousandYuan
        var funds = ProjectFunds(unit: unit)
        func amount(_ labels: Set<String>, _ label: String) -> Located<Amount>? {
            guard let text = labelled(labels)?.value else { return nil }
            switch Amount.parse(text.value, unit: unit) {
            case .amount(let amount): return Located(amount, at: text.location)
            case .empty: return nil
            case .notANumber, .outOfRange: report(.amountNotANumber(label: label, text: text.value), text.location)
            case .tooPrecise(let decimals):
                report(.amountTooPrecise(label: label, text: text.value, decimals: decimals, unit: unit), text.location)
            }
            return nil
        }
        funds.total = amount(Self.totalLabels, "年度资金总额")
        funds.fiscal = amount(Self.fiscalLabels, "财政拨款")
        funds.other = amount(Self.otherLabels, "其他资金")
        if funds.total == nil && funds.fiscal == nil {
            report(.missingField(label: "年度资金总额"), labelled(Self.totalLabels)?.label ?? .file(table.path))
        }

        var goals = Located(Fragment.empty, at: .file(table.path))
        if let goalCell = labelled(Self.goalLabels), let text = goalCell.value {
            let (fragment, found) = normalizer.normalize(text.value, field: "年度目标", at: text.location)
            diagnostics += found
            goals = Located(fragment, at: text.location)
        } else {
            report(.missingField(label: "年度目标"), labelled(Self.goalLabels)?.label ?? .file(table.path))
        }

        // The indicators, one per row; blank 一级 / 二级 cells continue the row above.
        let headerRow = rows[header.row]
        for column in [Column.level3, .value] where header.columns[column] == nil {
            report(
                .missingColumn(header: column == .level3 ? "三级指标" : "指标值"),
                table.location(row: headerRow, column: 0))
        }
        let label = "项目「\(name.value)」"
        var indicators: [Indicator] = []
        if let level3Column = header.columns[.level3], let valueColumn = header.columns[.value] {
            var level1 = ""
            var level2 = ""
            for row in rows[(header.row + 1)...] {
                if row.isBlank { continue }
                let first = row[0].trimmedCell
                if first.hasPrefix("注") || first.hasPrefix("备注") { break }
                func cell(_ column: Column) -> String { header.columns[column].map { row[$0].trimmedCell } ?? "" }
                if !cell(.level1).isEmpty { level1 = cell(.level1) }
                if !cell(.level2).isEmpty { level2 = cell(.level2) }
                let level3 = row[level3Column].trimmedCell
                var raw = row[valueColumn].trimmedCell
                if level3.isEmpty && raw.isEmpty { continue }
                let unitText = cell(.unit)
                if !unitText.isEmpty && !raw.isEmpty && !raw.hasSuffix(unitText) { raw += unitText }
                var comparator: TargetComparator?
                let comparatorText = cell(.comparator)
                if !comparatorText.isEmpty {
                    comparator = TargetComparator(text: comparatorText)
                    if comparator == nil, let column = header.columns[.comparator] {
                        report(
                            .unknownComparator(project: label, text: comparatorText),
                            table.location(row: row, column: column))
                    }
                }
                let target = IndicatorTarget(raw: raw)
                var category: IndicatorCategory?
                var canonical: String?
                switch vocabulary.resolve(level1: level1, level2: level2) {
                case .known(let name, let kind): (canonical, category) = (name, kind)
                case .misplaced(let name, _): canonical = name
                case .unknown: break
                }
                indicators.append(
                    Indicator(
                        level1: level1, level2: level2, level3: level3, category: category, canonicalLevel2: canonical,
                        comparator: target.embeddedComparator ?? comparator, target: target, isCore: nil,
                        location: table.location(row: row, column: level3Column),
                        valueLocation: table.location(row: row, column: valueColumn)))
            }
        }
        if indicators.isEmpty {
            report(.projectFieldMissing(project: label, field: "绩效指标"), table.location(row: headerRow, column: 0))
        }

        let projectTable = ProjectTable(
            sourcePath: table.path,
            title: title ?? TableTitle(raw: "", region: "", level: "", year: year, kind: ""),
            year: year ?? 0, name: name, department: department, implementer: implementer, funds: funds, goals: goals,
            indicators: indicators)
        return Outcome(table: projectTable, diagnostics: diagnostics)
    }
}
