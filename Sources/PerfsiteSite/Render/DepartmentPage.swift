/// A department's page: basic information, the budget laid out so its sums visibly add up, the
/// year's goals and the tasks — from its overall table — and its project tables. A department
/// known only from project tables gets the page with just those (`hasOverall` false).
struct DepartmentPage: Sendable {
    /// A 项目支出绩效目标表 listed on the page.
    struct ProjectTableRow: Sendable {
        var name: String
        var href: String
        var implementer: String
        var amount: String
        var amountValue: String
        var unit: String
        var indicatorCount: Int
    }

    struct Income: Sendable {
        var label: String
        var amount: String
    }

    struct Bar: Sendable {
        var basicWidth: String
        var projectWidth: String
        var basicShare: String
        var projectShare: String
    }

    struct ProjectRow: Sendable {
        var sequence: String
        var name: String
        var href: String
        var amount: String
        var amountValue: String
        var share: String
        var shareValue: String
        var indicatorCount: Int
        var taskSource: String
    }

    /// A year this department has a table for, linked from the page (the current one unlinked).
    struct YearLink: Sendable {
        var year: Int
        var href: String
        var isCurrent: Bool
    }

    var chrome: PageChrome
    var name: String
    var titleLine: String
    var supervisor: String?
    var staffCount: String?
    var unitCount: String?
    var basic: String
    var project: String
    var total: String
    var incomes: [Income]
    var incomeTotal: String
    var incomeEquation: String?
    var bar: Bar?
    var goalsHTML: String
    var projects: [ProjectRow]
    var projectCount: Int
    var projectsTotal: String
    var indicatorCount: Int
    var sourceFile: String
    var csvFile: String
    var xlsxFile: String
    var jsonFile: String
    /// The name a download is saved under: `<部门>-<year>-绩效目标`.
    var downloadName: String
    /// Every year of this department, newest first; empty when there is only this one.
    var years: [YearLink]
    var hasYears: Bool { !years.isEmpty }
    /// Against the nearest earlier year, when the site has it.
    var comparison: YearComparison?
    var projectTables: [ProjectTableRow]
    var hasProjectTables: Bool { !projectTables.isEmpty }
    var projectTableCount: Int { projectTables.count }
    /// Whether the department published its 部门整体支出绩效目标表 this year.
    var hasOverall = true

    /// The page of a department that published project tables only.
    static func projectTablesOnly(
        chrome: PageChrome, name: String, year: Int, years: [YearLink], projectTables: [ProjectTableRow]
    ) -> DepartmentPage {
        var page = DepartmentPage(
            chrome: chrome, name: name, titleLine: "\(year)年 · 项目支出绩效目标表", supervisor: nil, staffCount: nil,
            unitCount: nil, basic: "", project: "", total: "", incomes: [], incomeTotal: "", incomeEquation: nil,
            bar: nil, goalsHTML: "", projects: [], projectCount: 0, projectsTotal: "", indicatorCount: 0,
            sourceFile: "", csvFile: "", xlsxFile: "", jsonFile: "", downloadName: "", years: years, comparison: nil,
            projectTables: projectTables)
        page.hasOverall = false
        return page
    }
}
