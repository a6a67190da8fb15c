/// The indicator framework as data: the 一级 indicators, the 二级 indicators each may hold, and the
/// names real tables use instead. It is what splits the flattened indicator cell and what the
/// indicator rules check against; a site extends it in perfsite.toml rather than in code.
public struct IndicatorVocabulary: Sendable, Hashable {
    /// A 一级 indicator and the 二级 indicators it holds, each with the category it counts as.
    public struct Level1: Sendable, Hashable {
        public var name: String
        public var level2: [String: IndicatorCategory]

        public init(name: String, level2: [String: IndicatorCategory]) {
            self.name = name
            self.level2 = level2
        }
    }

    /// The vocabulary's tables, in one object. A vocabulary travels by value with every layout,
    /// splitter and validator, and held field by field (three dictionaries, two sets and the byte
    /// tables) each copy took and dropped a dozen reference counts — once per indicator, where the
    /// reader resolves its names (perf: 1.1% of a 1,000-department build).
    private final class Storage: Sendable {
        let level1: [String: Level1]
        let level2Aliases: [String: String]
        let legacyNames: Set<String>
        /// Every 二级 name of every 一级, for the splitter's look-ahead.
        let allLevel2: Set<String>
        /// The 一级 indicators by name. The splitter asks whether every word of every indicator
        /// cell is one (`CanonicalTextTable`: by bytes, 2% of a full build as String keys).
        let level1Entries: CanonicalTextTable<Level1Entry>
        /// Every written form `canonicalLevel2` accepts, with the name it stands for: one lookup
        /// per 二级 cell, where trying the name and then the name with 指标 appended took up to
        /// four lookups and two allocations (perf: 3% of a 10,000-department build, which reads
        /// its tables twice).
        let level2Forms: CanonicalTextTable<String>
        let legacy: CanonicalTextTable<Bool>

        init(level1: [Level1], level2Aliases: [String: String], legacyNames: Set<String>) {
            self.level1 = Dictionary(uniqueKeysWithValues: level1.map { ($0.name, $0) })
            self.level2Aliases = level2Aliases
            self.legacyNames = legacyNames
            let allLevel2 = Set(level1.flatMap(\.level2.keys))
            self.allLevel2 = allLevel2
            // Later entries win, in the order the forms were tried: the name as written before it
            // with 指标 appended (`经济成本` stands for `经济成本指标`), a 二级 name before an alias.
            var forms: [String: String] = [:]
            for (alias, target) in level2Aliases where alias.hasSuffix("指标") {
                forms[String(alias.dropLast(2))] = target
            }
            for name in allLevel2 where name.hasSuffix("指标") { forms[String(name.dropLast(2))] = name }
            for (alias, target) in level2Aliases { forms[alias] = target }
            for name in allLevel2 { forms[name] = name }
            level2Forms = CanonicalTextTable(forms)
            level1Entries = CanonicalTextTable(self.level1.mapValues(Level1Entry.init))
            legacy = CanonicalTextTable(Dictionary(uniqueKeysWithValues: legacyNames.map { ($0, true) }))
        }
    }

    private let storage: Storage

    public var level1: [String: Level1] { storage.level1 }
    /// Other names for 二级 indicators (`进度指标` → `时效指标`), in any 一级.
    public var level2Aliases: [String: String] { storage.level2Aliases }
    /// 一级 and 二级 names kept for tables in an older scheme; using them is reported (I010).
    public var legacyNames: Set<String> { storage.legacyNames }

    public init(level1: [Level1], level2Aliases: [String: String], legacyNames: Set<String>) {
        storage = Storage(level1: level1, level2Aliases: level2Aliases, legacyNames: legacyNames)
    }

    /// What the vocabulary says, not which object holds it; the other tables follow from these.
    public static func == (left: IndicatorVocabulary, right: IndicatorVocabulary) -> Bool {
        left.storage === right.storage
            || (left.level1 == right.level1 && left.level2Aliases == right.level2Aliases
                && left.legacyNames == right.legacyNames)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(level1)
        hasher.combine(level2Aliases)
        hasher.combine(legacyNames)
    }

    /// A 一级 indicator with its 二级 names in a `CanonicalTextTable`, for `resolve`'s lookup of
    /// every indicator's 二级 name. An object, so that finding one hands out a reference: as a
    /// struct, each lookup copied its name, its dictionary and its table out (perf: 0.7% of a
    /// 1,000-department build).
    private final class Level1Entry: Sendable, Hashable {
        let level1: Level1
        let level2: CanonicalTextTable<IndicatorCategory>

        init(_ level1: Level1) {
            self.level1 = level1
            level2 = CanonicalTextTable(level1.level2)
        }

        /// The table follows from the indicator.
        static func == (left: Level1Entry, right: Level1Entry) -> Bool { left.level1 == right.level1 }

        func hash(into hasher: inout Hasher) { hasher.combine(level1) }
    }

    /// The national template in force since 2021, with the variants seen in published tables:
    /// 成本指标 as a 二级 under 产出指标 (the older scheme), and the 一级 效果指标 of the older
    /// 共性指标库 that covered both 效益 and 满意度.
    public static let national = IndicatorVocabulary(
        level1: [
            Level1(
                name: "成本指标",
                level2: ["经济成本指标": .cost, "社会成本指标": .cost, "生态环境成本指标": .cost]),
            Level1(
                name: "产出指标",
                level2: ["数量指标": .output, "质量指标": .output, "时效指标": .output, "成本指标": .cost]),
            Level1(
                name: "效益指标",
                level2: [
                    "经济效益指标": .benefit, "社会效益指标": .benefit, "生态效益指标": .benefit,
                    "可持续影响指标": .benefit,
                ]),
            Level1(name: "满意度指标", level2: ["服务对象满意度指标": .satisfaction]),
            Level1(
                name: "效果指标",
                level2: [
                    "经济效益指标": .benefit, "社会效益指标": .benefit, "生态效益指标": .benefit,
                    "可持续影响指标": .benefit, "服务对象满意度指标": .satisfaction,
                ]),
        ],
        level2Aliases: [
            "环境效益指标": "生态效益指标",
            "进度指标": "时效指标",
            "社会公众或服务对象满意度指标": "服务对象满意度指标",
            "满意度指标": "服务对象满意度指标",
        ],
        legacyNames: ["效果指标"]
    )

    public func isLevel1(_ name: String) -> Bool { storage.level1Entries[name] != nil }

    /// `legacyNames.contains(name)`, asked of every indicator's 一级 by the validator.
    public func isLegacyName(_ name: String) -> Bool { storage.legacy[name] != nil }

    /// Whether a word reads as some 二级 name — known, ending in 指标, or a near miss of a known one
    /// (`时效指表`) — so that after a 一级 name it closes the 三级 name before it in the splitter.
    public func looksLikeLevel2(_ word: String) -> Bool {
        if canonicalLevel2(word) != nil || (word.hasSuffix("指标") && !isLevel1(word)) { return true }
        return storage.allLevel2.contains { Self.editDistance($0, word) <= max(1, $0.count / 3) }
    }

    /// The framework's name for a written 二级 name, whatever 一级 it is under: itself, the target
    /// of an alias, or the name with 指标 appended (`经济成本` → `经济成本指标`, as the sample's note writes).
    public func canonicalLevel2(_ written: String) -> String? {
        storage.level2Forms[written]
    }

    /// What a written (一级, 二级) pair resolves to.
    public enum Resolution: Sendable, Hashable {
        /// Known, with its category; `canonical` differs from what was written for an alias.
        case known(canonical: String, category: IndicatorCategory)
        /// A known 二级 name, but of another 一级.
        case misplaced(canonical: String, belongsTo: String)
        /// Not a name of the framework; the closest known one, if any is close.
        case unknown(suggestion: String?)
    }

    public func resolve(level1 name: String, level2 written: String) -> Resolution {
        guard let found = storage.level1Entries[name] else { return .unknown(suggestion: nil) }
        let entry = found.level1
        if let canonical = canonicalLevel2(written) {
            if let category = found.level2[canonical] { return .known(canonical: canonical, category: category) }
            let owner =
                level1.values.filter { $0.level2[canonical] != nil && !legacyNames.contains($0.name) }
                .map(\.name).sorted().first ?? ""
            return .misplaced(canonical: canonical, belongsTo: owner)
        }
        let nearest = Set(entry.level2.keys).union(
            level2Aliases.keys.filter { entry.level2[level2Aliases[$0]!] != nil }
        )
        .map { ($0, Self.editDistance($0, written)) }
        .min { ($0.1, $0.0) < ($1.1, $1.0) }
        if let nearest, nearest.1 <= max(1, written.count / 3) { return .unknown(suggestion: nearest.0) }
        return .unknown(suggestion: nil)
    }

    /// Levenshtein distance over characters; names are a few characters long.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension IndicatorVocabulary {
    /// This vocabulary with more 二级 aliases, as a site's perfsite.toml adds them
    /// (`[vocabulary.aliases] "进度类指标" = "时效指标"`). An alias must name a known 二级 indicator.
    public func adding(level2Aliases extra: [String: String]) throws(UnknownTarget) -> IndicatorVocabulary {
        for (alias, target) in extra.sorted(by: { $0.key < $1.key }) where canonicalLevel2(target) == nil {
            throw UnknownTarget(alias: alias, target: target)
        }
        return IndicatorVocabulary(
            level1: Array(level1.values), level2Aliases: level2Aliases.merging(extra) { _, new in new },
            legacyNames: legacyNames)
    }

    public struct UnknownTarget: Error, Sendable, Hashable {
        public var alias: String
        public var target: String
    }
}
