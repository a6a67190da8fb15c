/// 对比符号 / 指标性质: how the achieved value is judged against the target.
public enum TargetComparator: String, Sendable, Codable, CaseIterable {
    case equal = "="
    case greaterOrEqual = "≥"
    case lessOrEqual = "≤"
    case greater = ">"
    case less = "<"
    case qualitative = "定性"

    /// Reads what tables write: ASCII (`>=`), full width (`＞＝`, `≧`), the mathematical signs and the
    /// words exports use (`大于等于`, `定性`). Returns nil for anything else.
    public init?(text: String) {
        let key = text.halfWidth.filter { !$0.isWhitespace }
        guard let match = TargetComparator.spellings[key] else { return nil }
        self = match
    }

    /// A comparator written at the start of a value (`≥95%`, `≤90万元`, `大于等于95%`) and the rest.
    /// The longest spelling wins so that `>=` is not read as `>` followed by `=5`.
    public static func leading(in text: String) -> (TargetComparator, String)? {
        // Most values start with a digit: ruled out on one scalar, before the ~25 prefix tests.
        guard let first = text.unicodeScalars.first, initials.contains(first.halfWidthFolded) else { return nil }
        let folded = text.halfWidth
        for spelling in spellingsLongestFirst where folded.hasPrefix(spelling) {
            if spelling == "定性" { continue }
            let rest = String(folded.dropFirst(spelling.count)).trimmedCell
            guard !rest.isEmpty else { return nil }
            return (spellings[spelling]!, rest)
        }
        return nil
    }

    private static let spellings: [String: TargetComparator] = [
        "=": .equal, "==": .equal, "等于": .equal,
        "≥": .greaterOrEqual, ">=": .greaterOrEqual, "≧": .greaterOrEqual, "大于等于": .greaterOrEqual,
        "不低于": .greaterOrEqual, "不少于": .greaterOrEqual,
        "≤": .lessOrEqual, "<=": .lessOrEqual, "≦": .lessOrEqual, "小于等于": .lessOrEqual,
        "不高于": .lessOrEqual, "不超过": .lessOrEqual, "不多于": .lessOrEqual,
        ">": .greater, "大于": .greater, "高于": .greater,
        "<": .less, "小于": .less, "低于": .less,
        "定性": .qualitative,
    ]

    private static let initials = Set(spellings.keys.compactMap(\.unicodeScalars.first))

    private static let spellingsLongestFirst = spellings.keys.sorted { ($0.count, $0) > ($1.count, $1) }
}
