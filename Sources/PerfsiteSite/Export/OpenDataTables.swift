import PerfsiteCore

/// The rows perfsite publishes as open data, defined once for the CSV, the XLSX and the data
/// package's Table Schema, so the three cannot disagree on a column.
enum OpenDataTables {
    /// A column: its machine name (for the schema), its Chinese title (the CSV header), its type, and
    /// a description with the unit.
    struct Column: Sendable {
        enum Kind: String, Sendable {
            case string, integer, number
        }

        var name: String
        var title: String
        var kind: Kind
        var description: String
    }

    /// A cell: text, or a number written exactly (an amount's `plainText`, a count).
    enum Cell: Sendable, Equatable {
        case text(String)
        case number(String)
        case empty

        var text: String {
            switch self {
            case .text(let value), .number(let value): value
            case .empty: ""
            }
        }
    }

    static let departmentColumns: [Column] = [
        Column(name: "year", title: "年度", kind: .integer, description: "预算年度"),
        Column(name: "region", title: "地区", kind: .string, description: "标题行中的地区"),
        Column(name: "department", title: "部门名称", kind: .string, description: "部门名称"),
        Column(name: "supervisor", title: "主管部门", kind: .string, description: "主管部门"),
        Column(name: "staff", title: "财政供养人员", kind: .integer, description: "财政供养人员数(人)"),
        Column(name: "basic", title: "基本支出(万元)", kind: .number, description: "基本支出,单位:万元"),
        Column(name: "project", title: "项目支出(万元)", kind: .number, description: "项目支出,单位:万元"),
        Column(name: "total", title: "支出合计(万元)", kind: .number, description: "基本支出与项目支出之和,单位:万元"),
        Column(name: "appropriation", title: "财政拨款(万元)", kind: .number, description: "收入来源中的财政拨款,单位:万元"),
        Column(name: "other_income", title: "其他资金(万元)", kind: .number, description: "财政拨款以外的收入来源之和,单位:万元"),
        Column(name: "tasks", title: "年度工作任务数", kind: .integer, description: "年度工作任务(项目)个数"),
        Column(name: "source", title: "来源文件", kind: .string, description: "生成本行的绩效目标表文件"),
    ]

    static let taskColumns: [Column] = [
        Column(name: "year", title: "年度", kind: .integer, description: "预算年度"),
        Column(name: "department", title: "部门名称", kind: .string, description: "部门名称"),
        Column(name: "sequence", title: "序号", kind: .integer, description: "任务在表中的序号"),
        Column(name: "task", title: "年度工作任务", kind: .string, description: "年度工作任务(项目)名称"),
        Column(name: "content", title: "主要实施内容", kind: .string, description: "主要实施内容(纯文本)"),
        Column(name: "task_source", title: "任务来源", kind: .string, description: "任务来源"),
        Column(name: "amount", title: "拟投入金额(万元)", kind: .number, description: "拟投入金额,单位:万元"),
        Column(name: "indicators", title: "绩效指标数", kind: .integer, description: "该任务的绩效指标个数"),
    ]

    static let indicatorColumns: [Column] = [
        Column(name: "year", title: "年度", kind: .integer, description: "预算年度"),
        Column(name: "department", title: "部门名称", kind: .string, description: "部门名称"),
        Column(name: "basic", title: "基本支出(万元)", kind: .number, description: "部门基本支出,单位:万元"),
        Column(name: "project", title: "项目支出(万元)", kind: .number, description: "部门项目支出,单位:万元"),
        Column(name: "sequence", title: "序号", kind: .integer, description: "任务在表中的序号"),
        Column(name: "task", title: "年度工作任务", kind: .string, description: "年度工作任务(项目)名称"),
        Column(name: "amount", title: "拟投入金额(万元)", kind: .number, description: "任务拟投入金额,单位:万元"),
        Column(name: "level1", title: "一级指标", kind: .string, description: "一级指标"),
        Column(name: "level2", title: "二级指标", kind: .string, description: "二级指标"),
        Column(name: "level3", title: "三级指标", kind: .string, description: "三级指标"),
        Column(name: "comparator", title: "对比符号", kind: .string, description: "=、≥、≤、>、< 或 定性"),
        Column(name: "target", title: "指标值", kind: .string, description: "年度指标值,按表格原样"),
        Column(name: "core", title: "是否核心指标", kind: .string, description: "是 或 否"),
    ]

    static func departmentRow(_ entry: SiteDepartment) -> [Cell] {
        guard let department = entry.department else { return [] }
        let budget = department.budget
        let appropriation = budget.incomes.filter { $0.label == "财政拨款" }
            .reduce(Amount(fen: 0, unit: budget.unit)) { $0 + $1.amount.value }
        return [
            .number(String(department.year)), .text(department.title.region), .text(department.name.value),
            .text(department.supervisor?.value ?? ""),
            department.staffCount.map { .number(String($0.value)) } ?? .empty,
            amount(budget.basic?.value), amount(budget.project?.value), amount(budget.expenditureTotal),
            amount(appropriation), amount(budget.incomeTotal - appropriation),
            .number(String(department.projects.count)), .text(department.sourcePath),
        ]
    }

    static func taskRows(_ entry: SiteDepartment) -> [[Cell]] {
        guard let department = entry.department else { return [] }
        return department.projects.enumerated().map { index, project in
            [
                .number(String(department.year)), .text(department.name.value),
                .number(String(department.taskNumber(index))), .text(project.name.value),
                .text(project.content.value.text), .text(project.taskSource.value), amount(project.amount?.value),
                .number(String(project.indicators.count)),
            ]
        }
    }

    /// The cells every row of a department, or of a task, repeats are made once, not per indicator:
    /// formatting the amounts and numbers again for each row was most of making these rows.
    static func indicatorRows(_ entry: SiteDepartment) -> [[Cell]] {
        guard let department = entry.department else { return [] }
        let budget = department.budget
        let year = Cell.number(String(department.year))
        let name = Cell.text(department.name.value)
        let basic = amount(budget.basic?.value)
        let projectTotal = amount(budget.project?.value)
        var rows: [[Cell]] = []
        rows.reserveCapacity(department.projects.reduce(0) { $0 + $1.indicators.count })
        for (index, project) in department.projects.enumerated() {
            let sequence = Cell.number(String(department.taskNumber(index)))
            let task = Cell.text(project.name.value)
            let taskAmount = amount(project.amount?.value)
            for indicator in project.indicators {
                rows.append([
                    year, name, basic, projectTotal, sequence, task, taskAmount, .text(indicator.level1),
                    .text(indicator.level2), .text(indicator.level3), .text(indicator.comparator?.rawValue ?? ""),
                    .text(indicator.target.raw), .text(indicator.isCore.map { $0 ? "是" : "否" } ?? ""),
                ])
            }
        }
        return rows
    }

    /// A 项目支出绩效目标表's download: one row per indicator, with the project's header.
    static let projectTableColumns: [Column] = [
        Column(name: "year", title: "年度", kind: .integer, description: "预算年度"),
        Column(name: "department", title: "主管部门", kind: .string, description: "主管部门"),
        Column(name: "project", title: "项目名称", kind: .string, description: "项目名称"),
        Column(name: "implementer", title: "实施单位", kind: .string, description: "实施单位"),
        Column(name: "funds_total", title: "年度资金总额", kind: .number, description: "年度资金总额,单位见 unit 列"),
        Column(name: "unit", title: "金额单位", kind: .string, description: "年度资金总额的单位"),
        Column(name: "level1", title: "一级指标", kind: .string, description: "一级指标"),
        Column(name: "level2", title: "二级指标", kind: .string, description: "二级指标"),
        Column(name: "level3", title: "三级指标", kind: .string, description: "三级指标"),
        Column(name: "comparator", title: "指标性质", kind: .string, description: "=、≥、≤、>、< 或 定性"),
        Column(name: "target", title: "指标值", kind: .string, description: "指标值与度量单位,按表格原样"),
    ]

    static func projectTableRows(_ table: ProjectTable) -> [[Cell]] {
        table.indicators.map { indicator in
            [
                .number(String(table.year)), .text(table.department.value), .text(table.name.value),
                .text(table.implementer?.value ?? ""), amount(table.funds.total?.value ?? table.funds.amount),
                .text(table.funds.unit.rawValue), .text(indicator.level1), .text(indicator.level2),
                .text(indicator.level3), .text(indicator.comparator?.rawValue ?? ""), .text(indicator.target.raw),
            ]
        }
    }

    static func amount(_ value: Amount?) -> Cell {
        value.map { .number($0.plainText) } ?? .empty
    }

    /// Rows as CSV lines, without the byte-order mark and the header: a download's body, or a
    /// department's piece of a site-wide table.
    static func csvRows(_ rows: [[Cell]]) -> [UInt8] {
        var text = CSVText(byteOrderMark: false)
        for row in rows { text.row(row) }
        return text.bytes
    }

    /// The byte-order mark and the header row, before `csvRows`.
    static func csvHeader(_ columns: [Column]) -> [UInt8] {
        var text = CSVText()
        text.row(columns.map { .text($0.title) })
        return text.bytes
    }
}
