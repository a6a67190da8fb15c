import Foundation

/// The parsed form of a 指标值. The text as written is always kept beside it (`IndicatorTarget.raw`);
/// this form is what comparisons, validation and search facets use.
public enum TargetValue: Sendable, Hashable {
    /// `98%`, `100％`.
    case percent(Decimal)
    /// A bare number in 0…1 with a decimal point (`0.98`): a share written without `%`.
    case fraction(Decimal)
    /// A bare number (`5`, `152.9`).
    case number(Decimal)
    /// A number with a unit of count or money (`200人次`, `3个`, `90万元`).
    case quantity(Decimal, unit: String)
    /// A number with a unit of time (`1年`, `12个月`, `30天`).
    case duration(Decimal, unit: String)
    /// Words (`可持续`, `达到预期目标`, `正常运转`).
    case qualitative(String)
    /// A template placeholder left in the table (`XX`, `待填写`, `/`, `……`, `指标2:`).
    case placeholder(String)
    /// No value was given for this indicator.
    case missing

    /// The parse kind as a stable word, for JSON and search facets.
    public var kind: String {
        switch self {
        case .percent: "percent"
        case .fraction: "fraction"
        case .number: "number"
        case .quantity: "quantity"
        case .duration: "duration"
        case .qualitative: "qualitative"
        case .placeholder: "placeholder"
        case .missing: "missing"
        }
    }

    private static let posixLocale = Locale(identifier: "en_US_POSIX")

    /// Units of time, longest first so that 个月 is matched before 月.
    static let durationUnits = ["工作日", "个工作日", "个月", "个季度", "季度", "小时", "年", "月", "周", "天", "日"]
        .sorted { $0.count > $1.count }

    /// Reads a value without its comparator.
    public static func parse(_ text: String) -> TargetValue {
        let value = text.halfWidth.trimmedCell
        if value.isEmpty { return .missing }
        if isPlaceholder(value) { return .placeholder(value) }
        let (number, unit) = splitNumber(value)
        guard let number, let decimal = decimal(number) else {
            return .qualitative(value)
        }
        // The unit's bytes, not String comparison: comparing Chinese Strings checks their
        // normalization, and every indicator value goes through here.
        if unit.isEmpty {
            return number.containsBytes(".") && decimal > 0 && decimal <= 1 ? .fraction(decimal) : .number(decimal)
        }
        if unit.utf8.count == 1 && unit.utf8.first == UInt8(ascii: "%") { return .percent(decimal) }
        if isDurationUnit(unit) { return .duration(decimal, unit: unit) }
        // A number followed by prose (`3个以上`, `100%完成`) is a qualitative target that quotes a figure.
        if unit.count > 4 || unit.contains(where: \.isASCIIDigitCharacter) { return .qualitative(value) }
        return .quantity(decimal, unit: unit)
    }

    /// `durationUnits.contains(unit)`, by bytes when that gives the same answer.
    private static func isDurationUnit(_ unit: String) -> Bool { durationUnitTable[unit] != nil }

    private static let durationUnitTable = CanonicalTextTable(
        Dictionary(uniqueKeysWithValues: durationUnits.map { ($0, true) }))

    /// The number `splitNumber` found (digits and at most one point). Built from its digits:
    /// `Decimal(string:locale:)` was two thirds of reading a target value (perf). The same value and
    /// the same `description` (compared on 20,000 numbers); over 18 digits, Foundation parses it.
    private static func decimal(_ number: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        for byte in number.utf8 {
            if byte == UInt8(ascii: ".") {
                sawPoint = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 18 else {
                return Decimal(string: number, locale: posixLocale)
            }
            significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
            if sawPoint { fractionDigits += 1 }
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }

    /// The leading number (digits, one decimal point, grouping commas dropped) and what follows it.
    /// On the UTF-8 bytes: walking Characters (grapheme breaking) was over half of reading a target
    /// value (perf). Bytes and Characters agree while the number is followed by the end, ASCII, or a
    /// scalar that never joins the digit before it into one Character (`Unicode.Scalar.standsAlone`);
    /// before anything else (a combining mark), the Characters decide, as they always did
    /// (`splitNumberByCharacters`).
    static func splitNumber(_ text: String) -> (String?, String) {
        let utf8 = text.utf8
        var digits: [UInt8] = []
        var index = utf8.startIndex
        var sawPoint = false
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte)
            } else if byte == UInt8(ascii: ".") && !sawPoint && !digits.isEmpty {
                sawPoint = true
                digits.append(byte)
            } else if byte == UInt8(ascii: ",") && !digits.isEmpty && !sawPoint {
                // grouping comma inside the whole part
            } else {
                break
            }
            utf8.formIndex(after: &index)
        }
        if index < utf8.endIndex && utf8[index] >= 0x80 && !text.unicodeScalars[index].standsAlone {
            return splitNumberByCharacters(text)
        }
        guard !digits.isEmpty, digits.last != UInt8(ascii: ".") else { return (nil, text) }
        return (String(decoding: digits, as: UTF8.self), String(text[index...]).trimmedCell)
    }

    /// `splitNumber` on Characters.
    static func splitNumberByCharacters(_ text: String) -> (String?, String) {
        var digits = ""
        var index = text.startIndex
        var sawPoint = false
        while index < text.endIndex {
            let character = text[index]
            if character.isASCIIDigitCharacter {
                digits.append(character)
            } else if character == "." && !sawPoint && !digits.isEmpty {
                sawPoint = true
                digits.append(character)
            } else if character == "," && !digits.isEmpty && !sawPoint {
                // grouping comma inside the whole part
            } else {
                break
            }
            index = text.index(after: index)
        }
        guard !digits.isEmpty, !digits.hasSuffix(".") else { return (nil, text) }
        return (digits, String(text[index...]).trimmedCell)
    }

    /// Placeholders that budget-system templates ship and publishers forget to replace.
    public static func isPlaceholder(_ text: String) -> Bool {
        // Every placeholder starts with one of a few scalars; nearly all real values are ruled out
        // here, before the folded, trimmed copy and the word-set and pattern tests.
        guard let first = text.firstFoldedScalar, placeholderInitials.contains(first) else { return false }
        let value = text.halfWidth.trimmedCell
        if value.isEmpty { return false }
        if placeholderWords.contains(value) { return true }
        // XX, XX%, XX个, ××万元: template digits not yet filled in. Only at the start and followed by
        // at most a short unit, so that a name that merely contains XX is not taken for one.
        let templateDigits = value.prefix { $0 == "X" || $0 == "x" || $0 == "×" }
        if templateDigits.count >= 2 {
            let rest = value[templateDigits.endIndex...]
            if rest.count <= 4 && !rest.contains(where: \.isASCIIDigitCharacter) { return true }
        }
        if value.allSatisfy({ "…．.-—_/\\*?？".contains($0) }) { return true }
        // 指标1:, 指标2：, 三级指标3 — the numbered slots of an empty template.
        if isNumberedSlot(value) { return true }
        return false
    }

    /// `(一级|二级|三级)?指标[0-9一…十]+:?`, matched by hand: a Regex literal is parsed again on each
    /// call, which showed in the profile of a 1,000-table check.
    static func isNumberedSlot(_ value: String) -> Bool {
        var rest = Substring(value)
        for prefix in ["一级", "二级", "三级"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        guard rest.hasPrefix("指标") else { return false }
        rest = rest.dropFirst(2)
        if rest.hasSuffix(":") || rest.hasSuffix("：") { rest = rest.dropLast() }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCIIDigitCharacter || "一二三四五六七八九十".contains($0) }
    }

    private static let placeholderWords: Set<String> = ["待填写", "待定", "待补充", "请填写", "填写", "未填写"]

    /// The scalars a placeholder can start with: the words', template digits, the filler marks and
    /// the numbered slots' (一级/二级/三级/指标).
    private static let placeholderInitials: Set<Unicode.Scalar> = Set(
        placeholderWords.compactMap(\.unicodeScalars.first) + "Xx×…．.-—_/\\*?？一二三指".unicodeScalars)
}

extension TargetValue {
    /// The value as a share written with `%`, for the consistency rule: `0.98` → `98%`.
    public var asPercentText: String? {
        guard case .fraction(let share) = self else { return nil }
        var hundred = share * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &hundred, 6, .plain)
        return "\(rounded)%"
    }
}

extension TargetValue: Encodable {
    private enum CodingKeys: String, CodingKey { case kind, number, unit, text }

    /// `{"kind":"percent","number":98}`, `{"kind":"duration","number":12,"unit":"个月"}`,
    /// `{"kind":"qualitative","text":"可持续"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .percent(let number), .fraction(let number), .number(let number):
            try container.encode(number, forKey: .number)
        case .quantity(let number, let unit), .duration(let number, let unit):
            try container.encode(number, forKey: .number)
            try container.encode(unit, forKey: .unit)
        case .qualitative(let text), .placeholder(let text):
            try container.encode(text, forKey: .text)
        case .missing:
            break
        }
    }
}
