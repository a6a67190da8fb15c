/// The unit a table states its amounts in. Budget tables are kept in 万元; some project tables
/// and municipal exports use 元. Amounts are held in 分 whatever the unit, so sums are exact
/// across units, and the unit is kept to display them as the table wrote them.
public enum MoneyUnit: String, Sendable, Codable, CaseIterable {
    case yuan = "元"
    case thousandYuan = "千元"
    case tenThousandYuan = "万元"
    case hundredMillionYuan = "亿元"

    /// How many 分 (0.01 元) one of this unit holds.
    public var fenPerUnit: Int64 {
        switch self {
        case .yuan: 100
        case .thousandYuan: 100_000
        case .tenThousandYuan: 1_000_000
        case .hundredMillionYuan: 10_000_000_000
        }
    }

    /// The decimal places that still name a whole 分; finer than that is not money.
    public var fractionDigits: Int {
        switch self {
        case .yuan: 2
        case .thousandYuan: 5
        case .tenThousandYuan: 6
        case .hundredMillionYuan: 10
        }
    }

    /// The unit named in a header such as `预算金额(万元)` or `金额（元）`, longest name first so
    /// that 万元 is not read as 元.
    public static func named(in text: String) -> MoneyUnit? {
        for unit in [MoneyUnit.hundredMillionYuan, .tenThousandYuan, .thousandYuan, .yuan]
        where text.containsBytes(unit.rawValue) {
            return unit
        }
        return nil
    }
}
