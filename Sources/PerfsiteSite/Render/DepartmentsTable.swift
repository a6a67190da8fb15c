import PerfsiteCore

/// The sortable list of departments on the home and year pages.
struct DepartmentsTable: Sendable {
    struct Row: Sendable {
        var name: String
        var href: String
        var total: String
        var totalValue: String
        var project: String
        var projectValue: String
        var projectCount: Int
    }

    var caption: String
    var rows: [Row]

    init(caption: String, departments: [SiteDepartment], links: PageLinks) {
        self.caption = caption
        rows = departments.map { entry in
            // A department known only from project tables has no stated totals: a dash, sorted first.
            guard let budget = entry.department?.budget else {
                return Row(
                    name: entry.name, href: links.to(entry.path), total: "—", totalValue: "-1", project: "—",
                    projectValue: "-1", projectCount: 0)
            }
            let project = budget.project?.value ?? Amount(fen: 0, unit: budget.unit)
            return Row(
                name: entry.name, href: links.to(entry.path),
                total: budget.expenditureTotal.formatted, totalValue: budget.expenditureTotal.plainText,
                project: project.formatted, projectValue: project.plainText,
                projectCount: entry.projects.count)
        }
    }
}
