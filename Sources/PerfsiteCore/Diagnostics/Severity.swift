/// Errors stop a build (nothing wrong is published); warnings are printed and the site is built,
/// unless `--strict` makes them errors.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}
