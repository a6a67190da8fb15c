/// A finding at a place in a table, with the severity it has in this run.
public struct Diagnostic: Sendable, Hashable {
    public var finding: Finding
    public var location: SourceLocation
    public var severity: Severity

    public init(_ finding: Finding, at location: SourceLocation) {
        self.finding = finding
        self.location = location
        self.severity = finding.rule.severity
    }

    public var rule: Rule { finding.rule }
    public var message: String { finding.message }

    /// `Content/2026/a.tsv:13:9: warning[I005]: …`, the form compilers and editors understand.
    public var formatted: String {
        "\(location.description): \(severity.rawValue)[\(rule.id)]: \(message)"
    }

    /// The same diagnostic with warnings raised to errors, for `--strict`.
    public func strict() -> Diagnostic {
        var copy = self
        copy.severity = .error
        return copy
    }
}

extension Diagnostic: Encodable {
    private enum CodingKeys: String, CodingKey {
        case rule, severity, file, sheet, row, column, message, figures
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule.id, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(location.file, forKey: .file)
        try container.encodeIfPresent(location.sheet, forKey: .sheet)
        try container.encode(location.row, forKey: .row)
        try container.encode(location.column, forKey: .column)
        try container.encode(message, forKey: .message)
        try container.encode(finding.figures, forKey: .figures)
    }
}
