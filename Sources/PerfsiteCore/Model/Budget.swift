/// 预算整体情况: what the department spends (基本支出, 项目支出) against where the money comes from
/// (财政拨款, 其他资金, and whatever other sources a table lists). Totals written in the table are
/// kept apart from the sums perfsite computes, so validation can compare the two.
public struct Budget: Sendable {
    public var unit: MoneyUnit
    public var basic: Located<Amount>?
    public var project: Located<Amount>?
    /// A 合计 on the expenditure side, when the table writes one.
    public var statedExpenditureTotal: Located<Amount>?
    public var incomes: [IncomeLine]
    /// A 合计 on the income side, when the table writes one.
    public var statedIncomeTotal: Located<Amount>?

    public init(
        unit: MoneyUnit, basic: Located<Amount>? = nil, project: Located<Amount>? = nil,
        statedExpenditureTotal: Located<Amount>? = nil, incomes: [IncomeLine] = [],
        statedIncomeTotal: Located<Amount>? = nil
    ) {
        self.unit = unit
        self.basic = basic
        self.project = project
        self.statedExpenditureTotal = statedExpenditureTotal
        self.incomes = incomes
        self.statedIncomeTotal = statedIncomeTotal
    }

    /// 基本支出 + 项目支出.
    public var expenditureTotal: Amount {
        (basic?.value ?? Amount(fen: 0, unit: unit)) + (project?.value ?? Amount(fen: 0, unit: unit))
    }

    /// The sum of every income source.
    public var incomeTotal: Amount {
        incomes.reduce(Amount(fen: 0, unit: unit)) { $0 + $1.amount.value }
    }

    /// One 收入来源 line.
    public struct IncomeLine: Sendable {
        public var label: String
        public var amount: Located<Amount>

        public init(label: String, amount: Located<Amount>) {
            self.label = label
            self.amount = amount
        }
    }
}

extension Budget: Encodable {
    private enum CodingKeys: String, CodingKey {
        case unit, basic, project, total, incomes, incomeTotal, statedExpenditureTotal, statedIncomeTotal
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(basic, forKey: .basic)
        try container.encodeIfPresent(project, forKey: .project)
        try container.encode(expenditureTotal, forKey: .total)
        try container.encode(incomes, forKey: .incomes)
        try container.encode(incomeTotal, forKey: .incomeTotal)
        try container.encodeIfPresent(statedExpenditureTotal, forKey: .statedExpenditureTotal)
        try container.encodeIfPresent(statedIncomeTotal, forKey: .statedIncomeTotal)
    }
}

extension Budget.IncomeLine: Encodable {
    private enum CodingKeys: String, CodingKey { case label, amount }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(amount, forKey: .amount)
    }
}
