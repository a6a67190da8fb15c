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
            let budget = entry.department.budget
            let project = budget.project?.value ?? Amount(fen: 0, unit: budget.unit)
            return Row(
                name: entry.department.name.value, href: links.to(entry.path),
                total: budget.expenditureTotal.formatted, totalValue: budget.expenditureTotal.plainText,
                project: project.formatted, projectValue: project.plainText,
                projectCount: entry.department.projects.count)
        }
    }
}
