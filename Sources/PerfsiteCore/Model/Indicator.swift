/// One performance indicator of a project: the three levels of the framework, how it is judged
/// and its target. Names are kept as written; `category` and `canonicalLevel2` are what the
/// vocabulary made of them, so an alias such as 进度指标 still files under 时效指标.
public struct Indicator: Sendable, Hashable {
    public var level1: String
    public var level2: String
    public var level3: String
    /// What the minimum-indicator rule counts this indicator as; nil when the 一级 is unknown.
    public var category: IndicatorCategory?
    /// The framework's name for `level2` (`时效指标` for `进度指标`); nil when unknown.
    public var canonicalLevel2: String?
    /// The row's 对比符号, or the one written inside the value, which wins.
    public var comparator: TargetComparator?
    public var target: IndicatorTarget
    public var isCore: Bool?
    /// The cell holding the flattened indicator names.
    public var location: SourceLocation
    /// The cell holding the values.
    public var valueLocation: SourceLocation

    public init(
        level1: String, level2: String, level3: String, category: IndicatorCategory?, canonicalLevel2: String?,
        comparator: TargetComparator?, target: IndicatorTarget, isCore: Bool?, location: SourceLocation,
        valueLocation: SourceLocation
    ) {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.category = category
        self.canonicalLevel2 = canonicalLevel2
        self.comparator = comparator
        self.target = target
        self.isCore = isCore
        self.location = location
        self.valueLocation = valueLocation
    }
}

extension Indicator: Encodable {
    private enum CodingKeys: String, CodingKey {
        case level1, level2, level3, category, canonicalLevel2, comparator, value, parsed, core
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level1, forKey: .level1)
        try container.encode(level2, forKey: .level2)
        try container.encode(level3, forKey: .level3)
        try container.encodeIfPresent(category, forKey: .category)
        try container.encodeIfPresent(canonicalLevel2, forKey: .canonicalLevel2)
        try container.encodeIfPresent(comparator, forKey: .comparator)
        try container.encode(target.raw, forKey: .value)
        try container.encode(target.value, forKey: .parsed)
        try container.encodeIfPresent(isCore, forKey: .core)
    }
}
