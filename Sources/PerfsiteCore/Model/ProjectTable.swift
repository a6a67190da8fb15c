/// A 项目支出绩效目标表: one project of a department for one budget year — who runs it, what money
/// it has, what it aims at, and its indicators one per row. It is published with its department
/// (the 主管部门), beside the department's overall table when there is one.
public struct ProjectTable: Sendable {
    public var sourcePath: String
    public var title: TableTitle
    public var year: Int
    /// 项目名称.
    public var name: Located<String>
    /// 主管部门: the department whose pages list this project.
    public var department: Located<String>
    /// 实施单位.
    public var implementer: Located<String>?
    public var funds: ProjectFunds
    /// 年度目标.
    public var goals: Located<Fragment>
    public var indicators: [Indicator]

    public init(
        sourcePath: String, title: TableTitle, year: Int, name: Located<String>, department: Located<String>,
        implementer: Located<String>?, funds: ProjectFunds, goals: Located<Fragment>, indicators: [Indicator]
    ) {
        self.sourcePath = sourcePath
        self.title = title
        self.year = year
        self.name = name
        self.department = department
        self.implementer = implementer
        self.funds = funds
        self.goals = goals
        self.indicators = indicators
    }
}

/// 项目资金: 年度资金总额 = 财政拨款 + 其他资金.
public struct ProjectFunds: Sendable {
    public var unit: MoneyUnit
    public var total: Located<Amount>?
    public var fiscal: Located<Amount>?
    public var other: Located<Amount>?

    public init(
        unit: MoneyUnit, total: Located<Amount>? = nil, fiscal: Located<Amount>? = nil, other: Located<Amount>? = nil
    ) {
        self.unit = unit
        self.total = total
        self.fiscal = fiscal
        self.other = other
    }

    /// The total as stated, else the sum of its parts.
    public var amount: Amount {
        total?.value
            ?? (fiscal?.value ?? Amount(fen: 0, unit: unit)) + (other?.value ?? Amount(fen: 0, unit: unit))
    }
}

extension ProjectTable: Encodable {
    private enum CodingKeys: String, CodingKey {
        case source, year, region, level, title, name, department, implementer, funds, goals, indicators
    }

    /// The project table as open data (docs/json-schema.md).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sourcePath, forKey: .source)
        try container.encode(year, forKey: .year)
        try container.encode(title.region, forKey: .region)
        try container.encode(title.level, forKey: .level)
        try container.encode(title.raw, forKey: .title)
        try container.encode(name, forKey: .name)
        try container.encode(department, forKey: .department)
        try container.encodeIfPresent(implementer, forKey: .implementer)
        try container.encode(funds, forKey: .funds)
        try container.encode(goals, forKey: .goals)
        try container.encode(indicators, forKey: .indicators)
    }
}

extension ProjectFunds: Encodable {
    private enum CodingKeys: String, CodingKey { case unit, total, fiscal, other }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unit.rawValue, forKey: .unit)
        try container.encodeIfPresent(total, forKey: .total)
        try container.encodeIfPresent(fiscal, forKey: .fiscal)
        try container.encodeIfPresent(other, forKey: .other)
    }
}
