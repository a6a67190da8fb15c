/// A 年度工作任务: one row of the project block of a 部门整体支出绩效目标表.
public struct Project: Sendable {
    public var sequence: Located<Int>?
    public var name: Located<String>
    public var content: Located<Fragment>
    public var taskSource: Located<String>
    public var amount: Located<Amount>?
    public var indicators: [Indicator]
    /// The line on which the project's row starts.
    public var row: Int

    public init(
        sequence: Located<Int>?, name: Located<String>, content: Located<Fragment>, taskSource: Located<String>,
        amount: Located<Amount>?, indicators: [Indicator], row: Int
    ) {
        self.sequence = sequence
        self.name = name
        self.content = content
        self.taskSource = taskSource
        self.amount = amount
        self.indicators = indicators
        self.row = row
    }
}

extension Project: Encodable {
    private enum CodingKeys: String, CodingKey { case sequence, name, content, contentHTML, source, amount, indicators }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sequence, forKey: .sequence)
        try container.encode(name, forKey: .name)
        try container.encode(content.value.text, forKey: .content)
        if content.value.html != HTMLSerializer.escapeText(content.value.text) {
            try container.encode(content.value.html, forKey: .contentHTML)
        }
        try container.encode(taskSource, forKey: .source)
        try container.encodeIfPresent(amount, forKey: .amount)
        try container.encode(indicators, forKey: .indicators)
    }
}
