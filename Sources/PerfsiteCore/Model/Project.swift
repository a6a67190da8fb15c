/// A 年度工作任务: one row of the project block of a 部门整体支出绩效目标表.
public struct Project: Sendable {
    public var sequence: Located<Int>? {
        get { fields.value.sequence }
        _modify { yield &fields.value.sequence }
    }
    public var name: Located<String> {
        get { fields.value.name }
        _modify { yield &fields.value.name }
    }
    public var content: Located<Fragment> {
        get { fields.value.content }
        _modify { yield &fields.value.content }
    }
    public var taskSource: Located<String> {
        get { fields.value.taskSource }
        _modify { yield &fields.value.taskSource }
    }
    public var amount: Located<Amount>? {
        get { fields.value.amount }
        _modify { yield &fields.value.amount }
    }
    public var indicators: [Indicator] {
        get { fields.value.indicators }
        _modify { yield &fields.value.indicators }
    }
    /// The line on which the project's row starts.
    public var row: Int {
        get { fields.value.row }
        _modify { yield &fields.value.row }
    }

    public init(
        sequence: Located<Int>?, name: Located<String>, content: Located<Fragment>, taskSource: Located<String>,
        amount: Located<Amount>?, indicators: [Indicator], row: Int
    ) {
        fields = CopyOnWrite(
            Fields(
                sequence: sequence, name: name, content: content, taskSource: taskSource, amount: amount,
                indicators: indicators, row: row))
    }

    /// Shared by copies until one changes (`CopyOnWrite`).
    private struct Fields: Sendable {
        var sequence: Located<Int>?
        var name: Located<String>
        var content: Located<Fragment>
        var taskSource: Located<String>
        var amount: Located<Amount>?
        var indicators: [Indicator]
        var row: Int
    }

    private var fields: CopyOnWrite<Fields>
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
