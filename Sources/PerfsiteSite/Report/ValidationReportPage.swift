/// What `templates/check-report.mustache` reads.
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
        /// The header row of the block the row is in (the task table's 序号 row), for column names.
        var header: Line?
        /// Rows shown around the problem row: the rest of the budget block for a sum that is off.
        var before: [Line]
        var after: [Line]
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

// The names the report template reads.
extension ValidationReportPage: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .csp: TemplateValue(csp)
        case .style: TemplateValue(style)
        case .generated: TemplateValue(generated)
        case .passed: TemplateValue(passed)
        case .verdict: TemplateValue(verdict)
        case .fileCount: TemplateValue(fileCount)
        case .departmentCount: TemplateValue(departmentCount)
        case .projectTableCount: TemplateValue(projectTableCount)
        case .taskCount: TemplateValue(taskCount)
        case .indicatorCount: TemplateValue(indicatorCount)
        case .errorCount: TemplateValue(errorCount)
        case .warningCount: TemplateValue(warningCount)
        case .strict: TemplateValue(strict)
        case .files: TemplateValue(files)
        case .filesWithProblems: TemplateValue(filesWithProblems)
        default: .missing
        }
    }
}

extension ValidationReportPage.Figure: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .name: TemplateValue(name)
        case .value: TemplateValue(value)
        default: .missing
        }
    }
}

extension ValidationReportPage.Column: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .letter: TemplateValue(letter)
        default: .missing
        }
    }
}

extension ValidationReportPage.Cell: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .text: TemplateValue(text)
        case .highlighted: TemplateValue(highlighted)
        default: .missing
        }
    }
}

extension ValidationReportPage.Line: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .number: TemplateValue(number)
        case .cells: TemplateValue(cells)
        default: .missing
        }
    }
}

extension ValidationReportPage.RowView: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .columns: TemplateValue(columns)
        case .header: TemplateValue(header)
        case .before: TemplateValue(before)
        case .after: TemplateValue(after)
        case .row: TemplateValue(row)
        default: .missing
        }
    }
}

extension ValidationReportPage.Item: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .anchor: TemplateValue(anchor)
        case .severityClass: TemplateValue(severityClass)
        case .severityText: TemplateValue(severityText)
        case .ruleID: TemplateValue(ruleID)
        case .ruleTitle: TemplateValue(ruleTitle)
        case .place: TemplateValue(place)
        case .reference: TemplateValue(reference)
        case .message: TemplateValue(message)
        case .figures: TemplateValue(figures)
        case .hasFigures: TemplateValue(hasFigures)
        case .checks: TemplateValue(checks)
        case .why: TemplateValue(why)
        case .fix: TemplateValue(fix)
        case .row: TemplateValue(row)
        default: .missing
        }
    }
}

extension ValidationReportPage.FileSection: TemplateObject {
    func templateValue(_ key: TemplateKey) -> TemplateValue {
        switch key {
        case .path: TemplateValue(path)
        case .anchor: TemplateValue(anchor)
        case .errorCount: TemplateValue(errorCount)
        case .warningCount: TemplateValue(warningCount)
        case .hasProblems: TemplateValue(hasProblems)
        case .status: TemplateValue(status)
        case .statusClass: TemplateValue(statusClass)
        case .items: TemplateValue(items)
        default: .missing
        }
    }
}
