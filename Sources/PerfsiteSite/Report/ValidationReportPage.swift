/// What `templates/check-report.mustache` reads. Rendered once per check, so it goes through
/// swift-mustache's reflection rather than the hand-written lookups of the site's page models.
struct ValidationReportPage: Sendable {
    struct Figure: Sendable {
        var name: String
        var value: String
    }

    struct Column: Sendable {
        var letter: String
    }

    struct Cell: Sendable {
        var text: String
        var highlighted: Bool
    }

    struct Line: Sendable {
        var number: String
        var cells: [Cell]
    }

    struct RowView: Sendable {
        var columns: [Column]
        var header: Line?
        var hasHeader: Bool
        var row: Line
    }

    struct Item: Sendable {
        var anchor: String
        var severityClass: String
        var severityText: String
        var ruleID: String
        var ruleTitle: String
        /// 第 13 行第 9 列(I13), as a spreadsheet user finds it.
        var place: String
        /// `Content/2026/a.tsv:13:9`, as the terminal prints it.
        var reference: String
        var message: String
        var figures: [Figure]
        var hasFigures: Bool
        var checks: String
        var why: String
        var fix: String
        var row: RowView?
    }

    struct FileSection: Sendable {
        var path: String
        var anchor: String
        var errorCount: Int
        var warningCount: Int
        var hasProblems: Bool
        var status: String
        var statusClass: String
        var items: [Item]
    }

    var csp: String
    var style: String
    var generated: String
    var passed: Bool
    var verdict: String
    var fileCount: Int
    var departmentCount: Int
    var projectTableCount: Int
    var taskCount: Int
    var indicatorCount: Int
    var errorCount: Int
    var warningCount: Int
    var strict: Bool
    var files: [FileSection]
    var filesWithProblems: [FileSection]
}
