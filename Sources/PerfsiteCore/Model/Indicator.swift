/// One performance indicator of a project: the three levels of the framework, how it is judged
/// and its target. Names are kept as written; `category` and `canonicalLevel2` are what the
/// vocabulary made of them, so an alias such as 进度指标 still files under 时效指标.
public struct Indicator: Sendable, Hashable {
    public var level1: String {
        get { storage.level1 }
        _modify { yield &uniqueStorage().level1 }
    }
    public var level2: String {
        get { storage.level2 }
        _modify { yield &uniqueStorage().level2 }
    }
    public var level3: String {
        get { storage.level3 }
        _modify { yield &uniqueStorage().level3 }
    }
    /// What the minimum-indicator rule counts this indicator as; nil when the 一级 is unknown.
    public var category: IndicatorCategory? {
        get { storage.category }
        _modify { yield &uniqueStorage().category }
    }
    /// The framework's name for `level2` (`时效指标` for `进度指标`); nil when unknown.
    public var canonicalLevel2: String? {
        get { storage.canonicalLevel2 }
        _modify { yield &uniqueStorage().canonicalLevel2 }
    }
    /// The row's 对比符号, or the one written inside the value, which wins.
    public var comparator: TargetComparator? {
        get { storage.comparator }
        _modify { yield &uniqueStorage().comparator }
    }
    public var target: IndicatorTarget {
        get { storage.target }
        _modify { yield &uniqueStorage().target }
    }
    public var isCore: Bool? {
        get { storage.isCore }
        _modify { yield &uniqueStorage().isCore }
    }
    /// The cell holding the flattened indicator names.
    public var location: SourceLocation {
        get { storage.location }
        _modify { yield &uniqueStorage().location }
    }
    /// The cell holding the values.
    public var valueLocation: SourceLocation {
        get { storage.valueLocation }
        _modify { yield &uniqueStorage().valueLocation }
    }

    public init(
        level1: String, level2: String, level3: String, category: IndicatorCategory?, canonicalLevel2: String?,
        comparator: TargetComparator?, target: IndicatorTarget, isCore: Bool?, location: SourceLocation,
        valueLocation: SourceLocation
    ) {
        storage = Storage(
            level1: level1, level2: level2, level3: level3, category: category, canonicalLevel2: canonicalLevel2,
            comparator: comparator, target: target, isCore: isCore, location: location, valueLocation: valueLocation)
    }

    /// The fields, in one object that copies share until one of them changes one (copy on
    /// write), as `Department` keeps its own: a build copies each indicator into the task page, its
    /// print view, the downloads, the open data and the search documents, and with its names, target
    /// and two source locations inline each copy retained and released every one of them (with
    /// `Project`'s, 5% of a full build's samples at 1,000 departments, perf). Unchecked Sendable,
    /// and no run-time exclusivity checks: a storage is changed only while one value holds it.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var level1: String
        @exclusivity(unchecked) var level2: String
        @exclusivity(unchecked) var level3: String
        @exclusivity(unchecked) var category: IndicatorCategory?
        @exclusivity(unchecked) var canonicalLevel2: String?
        @exclusivity(unchecked) var comparator: TargetComparator?
        @exclusivity(unchecked) var target: IndicatorTarget
        @exclusivity(unchecked) var isCore: Bool?
        @exclusivity(unchecked) var location: SourceLocation
        @exclusivity(unchecked) var valueLocation: SourceLocation

        init(
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

        func copy() -> Storage {
            Storage(
                level1: level1, level2: level2, level3: level3, category: category, canonicalLevel2: canonicalLevel2,
                comparator: comparator, target: target, isCore: isCore, location: location, valueLocation: valueLocation
            )
        }
    }

    private var storage: Storage

    /// The storage, copied first if another value shares it.
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public static func == (left: Indicator, right: Indicator) -> Bool {
        left.storage === right.storage
            || (left.level1 == right.level1 && left.level2 == right.level2 && left.level3 == right.level3
                && left.category == right.category && left.canonicalLevel2 == right.canonicalLevel2
                && left.comparator == right.comparator && left.target == right.target && left.isCore == right.isCore
                && left.location == right.location && left.valueLocation == right.valueLocation)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(level1)
        hasher.combine(level2)
        hasher.combine(level3)
        hasher.combine(category)
        hasher.combine(canonicalLevel2)
        hasher.combine(comparator)
        hasher.combine(target)
        hasher.combine(isCore)
        hasher.combine(location)
        hasher.combine(valueLocation)
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
