import PerfsiteCore

/// One search result candidate: a department or a task, with the texts a query may match. The
/// index holds its terms; the card (what the result list shows) holds these texts, so the browser
/// can check the match and cut a snippet without fetching the page.
struct SearchDocument: Sendable {
    enum Kind: String, Sendable {
        case department = "d"
        case project = "p"
    }

    struct Field: Sendable {
        /// Shown before the snippet: 年度整体绩效目标, 主要实施内容, 绩效指标 …
        var label: String
        var text: String
    }

    var kind: Kind
    var title: String
    /// Site-relative folder of the page (`2026/d1/3/`).
    var path: String
    var year: Int
    var department: String
    var fields: [Field]

    static func documents(for entry: SiteDepartment) -> [SearchDocument] {
        var documents = entry.projectTables.map { placed in
            let table = placed.table
            let indicators = table.indicators.map { indicator in
                let comparator =
                    indicator.comparator.map { $0 == .equal || $0 == .qualitative ? "" : $0.rawValue } ?? ""
                return "\(indicator.level3) \(comparator)\(indicator.target.raw)"
            }
            return SearchDocument(
                kind: .project, title: table.name.value, path: entry.path + placed.folder, year: entry.year,
                department: entry.name,
                fields: [
                    Field(label: "年度资金总额", text: "\(table.funds.amount.compactText) \(table.funds.unit.rawValue)"),
                    Field(label: "年度目标", text: table.goals.value.text),
                    Field(label: "绩效指标", text: indicators.joined(separator: ";")),
                    Field(label: "实施单位", text: table.implementer?.value ?? ""),
                ].filter { !$0.text.isEmpty })
        }
        guard let department = entry.department else {
            documents.insert(
                SearchDocument(
                    kind: .department, title: entry.name, path: entry.path, year: entry.year,
                    department: entry.name, fields: []), at: 0)
            return documents
        }
        let name = department.name.value
        documents.insert(
            SearchDocument(
                kind: .department, title: name, path: entry.path, year: department.year, department: name,
                fields: [
                    Field(label: "年度整体绩效目标", text: department.goals.value.text),
                    Field(label: "主管部门", text: department.supervisor?.value ?? ""),
                    Field(label: "预算", text: "支出合计 \(department.budget.expenditureTotal.compactText) 万元"),
                ].filter { !$0.text.isEmpty }), at: 0)
        for (index, project) in department.projects.enumerated() {
            // 三级 name and target: what a citizen looks for. The 一级 and 二级 names are the same for
            // nearly every task and would only make every card larger.
            let indicators = project.indicators.map { indicator in
                let comparator = indicator.comparator.map { $0 == .equal ? "" : $0.rawValue } ?? ""
                return "\(indicator.level3) \(comparator)\(indicator.target.raw)"
            }
            let amount = project.amount.map { "\($0.value.compactText) 万元" } ?? ""
            documents.append(
                SearchDocument(
                    kind: .project, title: project.name.value,
                    path: entry.path + entry.taskFolder(index), year: department.year,
                    department: name,
                    fields: [
                        Field(label: "拟投入金额", text: amount),
                        Field(label: "主要实施内容", text: project.content.value.text),
                        Field(label: "绩效指标", text: indicators.joined(separator: ";")),
                        Field(label: "任务来源", text: project.taskSource.value),
                    ].filter { !$0.text.isEmpty }))
        }
        return documents
    }
}
