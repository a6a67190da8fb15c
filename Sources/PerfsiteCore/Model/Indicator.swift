/// One performance indicator of a project: the three levels of the framework, how it is judged
/// and its target. Names are kept as written; `category` and `canonicalLevel2` are what the
/// vocabulary made of them, so an alias such as 进度指标 still files under 时效指标.
public struct Indicator: Sendable, Hashable {
    public var level1: String {
        get { fields.value.level1 }
        _modify { yield &fields.value.level1 }
    }
    public var level2: String {
        get { fields.value.level2 }
        _modify { yield &fields.value.level2 }
    }
    public var level3: String {
        get { fields.value.level3 }
        _modify { yield &fields.value.level3 }
    }
    /// What the minimum-indicator rule counts this indicator as; nil when the 一级 is unknown.
    public var category: IndicatorCategory? {
        get { fields.value.category }
        _modify { yield &fields.value.category }
    }
    /// The framework's name for `level2` (`时效指标` for `进度指标`); nil when unknown.
    public var canonicalLevel2: String? {
        get { fields.value.canonicalLevel2 }
        _modify { yield &fields.value.canonicalLevel2 }
    }
    /// The row's 对比符号, or the one written inside the value, which wins.
    public var comparator: TargetComparator? {
        get { fields.value.comparator }
        _modify { yield &fields.value.comparator }
    }
    public var target: IndicatorTarget {
        get { fields.value.target }
        _modify { yield &fields.value.target }
    }
    public var isCore: Bool? {
        get { fields.value.isCore }
        _modify { yield &fields.value.isCore }
    }
    /// The cell holding the flattened indicator names.
    public var location: SourceLocation {
        get { fields.value.location }
        _modify { yield &fields.value.location }
    }
    /// The cell holding the values.
    public var valueLocation: SourceLocation {
        get { fields.value.valueLocation }
        _modify { yield &fields.value.valueLocation }
    }

    public init(
        level1: String, level2: String, level3: String, category: IndicatorCategory?, canonicalLevel2: String?,
        comparator: TargetComparator?, target: IndicatorTarget, isCore: Bool?, location: SourceLocation,
        valueLocation: SourceLocation
    ) {
        fields = CopyOnWrite(
            Fields(
                level1: level1, level2: level2, level3: level3, category: category, canonicalLevel2: canonicalLevel2,
                comparator: comparator, target: target, isCore: isCore, location: location, valueLocation: valueLocation
            ))
    }

    /// Shared by copies until one changes (`CopyOnWrite`).
    private struct Fields: Sendable, Hashable {
        var level1: String
        var level2: String
        var level3: String
        var category: IndicatorCategory?
        var canonicalLevel2: String?
        var comparator: TargetComparator?
        var target: IndicatorTarget
        var isCore: Bool?
        var location: SourceLocation
        var valueLocation: SourceLocation
    }

    private var fields: CopyOnWrite<Fields>

    public static func == (left: Indicator, right: Indicator) -> Bool {
        left.fields.isShared(with: right.fields) || left.fields.value == right.fields.value
    }

    public func hash(into hasher: inout Hasher) { fields.value.hash(into: &hasher) }
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
