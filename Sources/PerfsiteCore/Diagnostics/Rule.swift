/// One entry of the rule catalogue. The id is stable across releases so publishers can look it up
/// and tools can filter on it; the texts are in Chinese, the language of the people who fix tables.
public struct Rule: Sendable, Hashable, Identifiable, Encodable {
    public let id: String
    public let severity: Severity
    /// A short name (缺少必填项).
    public let title: String
    /// What the rule checks.
    public let checks: String
    /// Why it matters: the regulation or the harm it prevents.
    public let why: String
    /// A diagnostic as the rule prints it.
    public let example: String
    /// How to change the table so the rule holds, for the publisher (guide, HTML report, `perfsite rules`).
    public let fix: String
}
