/// What the title line says: `洛阳高新区区级2026年部门整体支出绩效目标表` names the region, the level
/// of government, the budget year and the kind of table.
public struct TableTitle: Sendable, Hashable, Encodable {
    public var raw: String
    public var region: String
    public var level: String
    public var year: Int?
    public var kind: String

    public init(raw: String, region: String, level: String, year: Int?, kind: String) {
        self.raw = raw
        self.region = region
        self.level = level
        self.year = year
        self.kind = kind
    }

    /// Levels of government as titles write them.
    static let levels = ["省级", "市级", "区级", "县级", "乡级", "镇级", "市本级", "县本级", "区本级", "本级"]

    /// Reads `<region><level><year>年[度]<kind>`; any part may be missing except the kind, which must
    /// end in 表. Returns nil for a line that is not a table title.
    public static func parse(_ line: String) -> TableTitle? {
        let text = line.halfWidth.filter { !$0.isWhitespace }
        guard text.hasSuffix("表"), text.count <= 120 else { return nil }
        // Four digits and 年 (年度): matched by hand, as a Regex literal was parsed again on every
        // call and showed in the profile of a 1,000-table check.
        let characters = Array(text)
        var yearStart: Int?
        var index = 0
        while index + 4 < characters.count {
            if characters[index..<index + 4].allSatisfy(\.isASCIIDigitCharacter), characters[index + 4] == "年",
                index == 0 || !characters[index - 1].isASCIIDigitCharacter
            {
                yearStart = index
                break
            }
            index += 1
        }
        guard let yearStart else {
            return TableTitle(raw: line.trimmedCell, region: "", level: "", year: nil, kind: text)
        }
        var kindStart = yearStart + 5
        if kindStart < characters.count, characters[kindStart] == "度" { kindStart += 1 }
        let year = Int(String(characters[yearStart..<yearStart + 4]))
        let before = String(characters[..<yearStart])
        let kind = String(characters[kindStart...])
        var region = before
        var level = ""
        for candidate in levels.sorted(by: { $0.count > $1.count }) where before.hasSuffix(candidate) {
            level = candidate
            region = String(before.dropLast(candidate.count))
            break
        }
        return TableTitle(
            raw: line.trimmedCell, region: region, level: level, year: year, kind: kind)
    }
}
