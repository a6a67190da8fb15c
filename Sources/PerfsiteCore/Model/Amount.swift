import Foundation

/// An exact sum of money. Budget figures must add up to the cent (分) in public, so they are
/// integers of 分 — never `Double`, whose `0.1 + 0.2` would publish a wrong total.
/// Equality is by value: 1 万元 equals 10,000 元.
public struct Amount: Sendable, Comparable, Hashable {
    public let fen: Int64
    public let unit: MoneyUnit

    public init(fen: Int64, unit: MoneyUnit) {
        self.fen = fen
        self.unit = unit
    }

    public static let zeroWanYuan = Amount(fen: 0, unit: .tenThousandYuan)

    public static func == (lhs: Amount, rhs: Amount) -> Bool { lhs.fen == rhs.fen }
    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.fen < rhs.fen }
    public func hash(into hasher: inout Hasher) { hasher.combine(fen) }

    /// The sum, in the unit of the left operand. It saturates instead of trapping: hostile tables can
    /// hold 100,000 rows of 15-digit amounts, and a saturated total simply fails the sum rules.
    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        let (sum, overflow) = lhs.fen.addingReportingOverflow(rhs.fen)
        return Amount(fen: overflow ? (rhs.fen > 0 ? .max : .min) : sum, unit: lhs.unit)
    }

    public static func - (lhs: Amount, rhs: Amount) -> Amount {
        let (difference, overflow) = lhs.fen.subtractingReportingOverflow(rhs.fen)
        return Amount(fen: overflow ? (rhs.fen < 0 ? .max : .min) : difference, unit: lhs.unit)
    }

    public var isNegative: Bool { fen < 0 }

    /// The value in its unit without grouping, at least two decimals and more only when the
    /// amount needs them: `1022.51`, `0.00`, `12.3456` (万元 down to the 元). JSON and CSV carry this.
    public var plainText: String { render(grouped: false) }

    /// The shortest exact form, as tables usually write it: `152.9`, `60`, `1022.51`. Search indexes
    /// this, so a citizen finds a figure by typing it the way the table shows it.
    public var compactText: String {
        var text = plainText
        while text.hasSuffix("0") && text.containsBytes(".") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// As a reader expects it on a page or in print: `1,022.51`.
    public var formatted: String { render(grouped: true) }

    /// Digit by digit into bytes: amounts are formatted on every page, print view and download,
    /// and the same steps on `String` (Character counts, suffix tests, grouping by offsets) were 6%
    /// of a whole build. Right to left, into a buffer on the stack: three arrays a call had been
    /// three allocations for every amount on the home and year pages of a one-table rebuild.
    private func render(grouped: Bool) -> String {
        let perUnit = UInt64(unit.fenPerUnit)
        var whole = fen.magnitude / perUnit
        var remainder = fen.magnitude % perUnit
        // The fraction's digits, without the zeros that end it beyond the second.
        var fractionCount = unit.fractionDigits
        while fractionCount > 2 && remainder % 10 == 0 {
            remainder /= 10
            fractionCount -= 1
        }
        // At most 20 digits, 6 commas, a sign, the point and the fraction.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32 + fractionCount) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            for _ in 0..<fractionCount {
                put(UInt8(ascii: "0") + UInt8(remainder % 10))
                remainder /= 10
            }
            put(UInt8(ascii: "."))
            var digits = 0
            repeat {
                if grouped && digits > 0 && digits % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
                digits += 1
            } while whole > 0
            if fen < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }
}

extension Amount: Encodable {
    /// A JSON number written exactly as `plainText` (through Decimal, which JSONEncoder writes
    /// digit for digit), so consumers read 1022.51 and not 1022.5099999.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Decimal(string: plainText)!)
    }
}

extension Amount {
    /// What reading a cell as money gave.
    public enum ParseResult: Sendable, Equatable {
        case amount(Amount)
        case empty
        /// Not a number at all (`待填写`, `1.2.3`, `abc`).
        case notANumber
        /// More decimals than the unit can hold in whole 分 (`1.2345678` 万元).
        case tooPrecise(decimals: Int)
        /// Beyond what any budget could hold (over 15 integer digits).
        case outOfRange
    }

    /// Reads `1,022.51`, `1944.64`, `１２３．４`, `-5`, `152.9万元`. Grouping commas are accepted in the
    /// integer part only; a trailing unit name is accepted when it is the table's unit.
    public static func parse(_ text: String, unit: MoneyUnit) -> ParseResult {
        var cell = text.halfWidth.trimmedCell
        if cell.isEmpty { return .empty }
        for name in [MoneyUnit.hundredMillionYuan, .tenThousandYuan, .thousandYuan, .yuan]
        where cell.hasSuffix(name.rawValue) {
            guard name == unit else { return .notANumber }
            cell.removeLast(name.rawValue.count)
            cell = cell.trimmedCell
            break
        }
        // On UTF-8 bytes from here (Characters were a third of reading a table's amounts, perf):
        // any byte that is not ASCII fails the digit checks, so text with combining marks or other
        // scripts is still not a number, as it was when this walked Characters.
        var bytes = Array(cell.utf8)
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        } else if bytes.starts(with: [0xE2, 0x88, 0x92]) {  // − U+2212
            negative = true
            bytes.removeFirst(3)
        }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return .notANumber }
        let wholePart = parts[0].filter { $0 != UInt8(ascii: ",") }
        let fractionPart = parts.count == 2 ? parts[1] : []
        guard !wholePart.isEmpty || !fractionPart.isEmpty, wholePart.allSatisfy(isDigit),
            fractionPart.allSatisfy(isDigit), !(parts.count == 2 && fractionPart.isEmpty)
        else { return .notANumber }
        if parts[0].contains(UInt8(ascii: ",")) {
            // Grouping must be real grouping: 1,022.51 yes, 10,22.51 no.
            let groups = parts[0].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard groups.first!.count >= 1, groups.first!.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return .notANumber }
        }
        let significantWhole = wholePart.drop(while: { $0 == UInt8(ascii: "0") })
        guard significantWhole.count <= 15 else { return .outOfRange }
        var trimmedFraction = fractionPart[...]
        while trimmedFraction.last == UInt8(ascii: "0") { trimmedFraction.removeLast() }
        guard trimmedFraction.count <= unit.fractionDigits else { return .tooPrecise(decimals: trimmedFraction.count) }
        let digitsValue = { (digits: ArraySlice<UInt8>) in
            digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        }
        let wholeValue = digitsValue(significantWhole)
        var fractionValue = digitsValue(trimmedFraction)
        for _ in trimmedFraction.count..<unit.fractionDigits { fractionValue *= 10 }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: unit.fenPerUnit)
        guard !overflow else { return .outOfRange }
        // fractionDigits places of the unit are exactly one 分 at the last place.
        let fen = scaled + fractionValue
        return .amount(Amount(fen: negative ? -fen : fen, unit: unit))
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
