import Crypto
import Foundation
import PerfsiteCore

/// `perfsite check --format html`: the diagnostics as one self-contained page (校验报告) for the
/// people who fix tables in Excel and do not read terminals. Each problem shows the row it is in
/// as a small table with the cell marked, the rule in words, how to fix it, and the figures that
/// disagree.
///
/// The page is one file that can be mailed or opened from a shared folder, so its style is inline
/// and its Content-Security-Policy allows exactly that style block (by hash) and nothing else.
public struct ValidationReport: Sendable {
    public var theme: Theme
    public var reader: TableFileReader

    public init(theme: Theme, reader: TableFileReader = TableFileReader()) {
        self.theme = theme
        self.reader = reader
    }

    /// The report page for a finished check. `diagnostics` are those the run reports (after
    /// `--strict`), `generated` the time printed in the header.
    public func render(report: CheckReport, diagnostics: [Diagnostic], strict: Bool, generated: Date) -> String {
        let summary = report.summary(strict: strict)
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics { byFile[diagnostic.location.file, default: []].append(diagnostic) }
        var sections: [ValidationReportPage.FileSection] = []
        for (index, file) in report.files.enumerated() {
            let found = (byFile[file.path] ?? []).sorted { ($0.location, $0.rule.id) < ($1.location, $1.rule.id) }
            let rows = found.contains { $0.location.row > 0 } ? tableRows(of: file.path) : nil
            let items = found.enumerated().map { offset, diagnostic in
                item(diagnostic, rows: rows, anchor: "f\(index + 1)-\(offset + 1)")
            }
            let errors = found.filter { $0.severity == .error }.count
            sections.append(
                ValidationReportPage.FileSection(
                    path: file.path, anchor: "f\(index + 1)", errorCount: errors,
                    warningCount: found.count - errors, hasProblems: !found.isEmpty,
                    status: Self.status(errors: errors, warnings: found.count - errors),
                    statusClass: found.isEmpty ? "ok" : (errors > 0 ? "error" : "warning"),
                    items: items))
        }
        // Files with problems first, in the order they were checked; then the ones that passed.
        sections = sections.filter(\.hasProblems) + sections.filter { !$0.hasProblems }
        let style = theme.files["templates/check-report.css"] ?? ""
        let digest = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "zh_CN")
        formatter.dateFormat = "yyyy年M月d日 HH:mm"
        let page = ValidationReportPage(
            csp: "default-src 'none'; style-src 'sha256-\(digest)'; base-uri 'none'; form-action 'none'",
            style: style, generated: formatter.string(from: generated),
            passed: summary.errors == 0,
            verdict: summary.errors == 0
                ? (summary.warnings == 0 ? "全部通过:可以发布。" : "没有错误,可以发布;有 \(summary.warnings) 个警告建议修改。")
                : "有 \(summary.errors) 个错误,修改之前不能发布。",
            fileCount: summary.files, departmentCount: summary.departments,
            projectTableCount: summary.projectTables, taskCount: summary.projects,
            indicatorCount: summary.indicators, errorCount: summary.errors, warningCount: summary.warnings,
            strict: strict, files: sections, filesWithProblems: sections.filter(\.hasProblems))
        return theme.render("check-report", page)
    }

    /// 通过, 3 个错误, 2 个警告, 3 个错误、2 个警告.
    static func status(errors: Int, warnings: Int) -> String {
        let parts = [errors > 0 ? "\(errors) 个错误" : nil, warnings > 0 ? "\(warnings) 个警告" : nil].compactMap { $0 }
        return parts.isEmpty ? "通过" : parts.joined(separator: "、")
    }

    private func tableRows(of path: String) -> [Int: RawRow]? {
        if let table = try? reader.read(contentsOf: URL(fileURLWithPath: path), path: path) {
            var rows: [Int: RawRow] = [:]
            for row in table.rows where rows[row.line] == nil { rows[row.line] = row }
            return rows
        }
        return Self.rawLines(of: path)
    }

    /// A text table the reader refused (an unclosed quote, a cell over the limit) still has lines:
    /// shown split at the delimiter as written, without quote handling, which is what failed.
    static func rawLines(of path: String) -> [Int: RawRow]? {
        let delimiter: Character
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv", "txt": delimiter = "\t"
        case "csv": delimiter = ","
        default: return nil
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 64 << 20,
            let decoded = try? TextDecoder.decode([UInt8](data))
        else { return nil }
        var rows: [Int: RawRow] = [:]
        for (index, line) in decoded.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let cells = line.split(separator: delimiter, omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r\u{FEFF}"))
            }
            rows[index + 1] = RawRow(line: index + 1, cells: cells)
        }
        return rows
    }

    private func item(_ diagnostic: Diagnostic, rows: [Int: RawRow]?, anchor: String)
        -> ValidationReportPage.Item
    {
        let location = diagnostic.location
        var place = "整个文件"
        if location.row > 0 {
            place = "第 \(location.row) 行"
            if location.column > 0 {
                place += "第 \(location.column) 列(\(SourceLocation.columnLetters(location.column))\(location.row))"
            }
            if let sheet = location.sheet { place = "\(sheet) " + place }
        }
        let rule = diagnostic.rule
        return ValidationReportPage.Item(
            anchor: anchor, severityClass: diagnostic.severity == .error ? "error" : "warning",
            severityText: diagnostic.severity == .error ? "错误" : "警告",
            ruleID: rule.id, ruleTitle: rule.title,
            place: place, reference: location.description, message: diagnostic.message,
            figures: Self.figures(of: diagnostic.finding), hasFigures: !diagnostic.finding.figures.isEmpty,
            checks: rule.checks, why: rule.why, fix: rule.fix,
            row: rows.flatMap { Self.rowView(location: location, rows: $0, rule: rule) })
    }

    /// The figures of a finding under the names a publisher uses, in a fixed order.
    static func figures(of finding: Finding) -> [ValidationReportPage.Figure] {
        let values = finding.figures
        return figureNames.compactMap { key, name in
            values[key].map { ValidationReportPage.Figure(name: name, value: ThousandsSeparator.apply(to: $0)) }
        }
    }

    private static let figureNames: KeyValuePairs<String, String> = [
        "basic": "基本支出", "project": "项目支出", "projectExpenditure": "项目支出",
        "projectsTotal": "各任务拟投入金额合计", "expenditure": "支出合计", "income": "收入来源合计",
        "fiscal": "财政拨款", "other": "其他资金", "sum": "各项之和", "stated": "表中写明的合计",
        "amount": "金额", "category": "指标类别", "required": "至少需要", "found": "表中实际",
        "indicators": "绩效指标个数", "values": "年度指标值个数", "written": "表中写法", "normalized": "建议写法",
        "expected": "应为", "limit": "上限", "actual": "实际大小", "removed": "删除的内容", "count": "删除个数",
    ]

    /// The offending row as a small grid, with the header row of its block above it when there is
    /// one (the 序号 row of the task table), so the columns have names.
    static func rowView(location: SourceLocation, rows: [Int: RawRow], rule: Rule) -> ValidationReportPage.RowView? {
        guard let row = rows[location.row] else { return nil }
        let header = rows.filter { $0.key < location.row && BlockLabels.isColumnHeader($0.value) }
            .max { $0.key < $1.key }?.value
        // A sum that does not add up involves the whole budget block: show it, so the publisher
        // sees every figure of both sides, not only the cell the rule reports.
        var before: [RawRow] = []
        var after: [RawRow] = []
        if Self.budgetRules.contains(rule.id),
            let start = rows.filter({ $0.key <= location.row && BlockLabels.opensBudget($0.value) })
                .max(by: { $0.key < $1.key })?.key
        {
            before = (start..<location.row).compactMap { rows[$0] }
            var line = location.row + 1
            while let next = rows[line], line < start + 12, !next.isBlank, !BlockLabels.opensGoals(next) {
                after.append(next)
                line += 1
            }
        }
        let context = [header].compactMap { $0 } + before + [row] + after
        let width = max(context.map(\.cells.count).max() ?? 0, location.column)
        let shown = min(width, 12)
        let firstColumn = location.column > shown ? location.column - shown + 1 : 1
        let columns = Array(firstColumn..<(firstColumn + shown))
        func cell(_ text: String, _ column: Int, highlighted: Bool) -> ValidationReportPage.Cell {
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            let limit = highlighted ? 240 : 40
            return ValidationReportPage.Cell(
                text: flat.count > limit ? String(flat.prefix(limit)) + "…" : flat, highlighted: highlighted)
        }
        func line(_ row: RawRow) -> ValidationReportPage.Line {
            ValidationReportPage.Line(
                number: String(row.line), cells: columns.map { cell(row[$0 - 1], $0, highlighted: false) })
        }
        return ValidationReportPage.RowView(
            columns: columns.map { ValidationReportPage.Column(letter: SourceLocation.columnLetters($0)) },
            header: before.isEmpty ? header.map(line) : nil, before: before.map(line), after: after.map(line),
            row: ValidationReportPage.Line(
                number: String(row.line),
                cells: columns.map { cell(row[$0 - 1], $0, highlighted: $0 == location.column) }))
    }

    /// Rules over the sums of the budget block (B001 支出合计, B003 收支平衡, B007 收入合计).
    static let budgetRules: Set<String> = ["B001", "B003", "B007"]
}
