/// A 年度工作任务: one row of the project block of a 部门整体支出绩效目标表.
public struct Project: Sendable {
    public var sequence: Located<Int>? {
        get { storage.sequence }
        _modify { yield &uniqueStorage().sequence }
    }
    public var name: Located<String> {
        get { storage.name }
        _modify { yield &uniqueStorage().name }
    }
    public var content: Located<Fragment> {
        get { storage.content }
        _modify { yield &uniqueStorage().content }
    }
    public var taskSource: Located<String> {
        get { storage.taskSource }
        _modify { yield &uniqueStorage().taskSource }
    }
    public var amount: Located<Amount>? {
        get { storage.amount }
        _modify { yield &uniqueStorage().amount }
    }
    public var indicators: [Indicator] {
        get { storage.indicators }
        _modify { yield &uniqueStorage().indicators }
    }
    /// The line on which the project's row starts.
    public var row: Int {
        get { storage.row }
        _modify { yield &uniqueStorage().row }
    }

    public init(
        sequence: Located<Int>?, name: Located<String>, content: Located<Fragment>, taskSource: Located<String>,
        amount: Located<Amount>?, indicators: [Indicator], row: Int
    ) {
        storage = Storage(
            sequence: sequence, name: name, content: content, taskSource: taskSource, amount: amount,
            indicators: indicators, row: row)
    }

    /// The fields, in one object that copies share until one of them changes one (copy on
    /// write), as `Department` keeps its own: a build copies each task as it renders its pages,
    /// print views, downloads and search documents, and with a dozen strings and source locations
    /// inline each copy retained and released every one of them. Unchecked Sendable, and no
    /// run-time exclusivity checks: a storage is changed only while one value holds it.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var sequence: Located<Int>?
        @exclusivity(unchecked) var name: Located<String>
        @exclusivity(unchecked) var content: Located<Fragment>
        @exclusivity(unchecked) var taskSource: Located<String>
        @exclusivity(unchecked) var amount: Located<Amount>?
        @exclusivity(unchecked) var indicators: [Indicator]
        @exclusivity(unchecked) var row: Int

        init(
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

        func copy() -> Storage {
            Storage(
                sequence: sequence, name: name, content: content, taskSource: taskSource, amount: amount,
                indicators: indicators, row: row)
        }
    }

    private var storage: Storage

    /// The storage, copied first if another value shares it.
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
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
