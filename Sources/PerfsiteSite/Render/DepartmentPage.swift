/// A department's page: basic information, the budget laid out so its sums visibly add up, the
/// year's goals and the tasks.
struct DepartmentPage: Sendable {
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
}
