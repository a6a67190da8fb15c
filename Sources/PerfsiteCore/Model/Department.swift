/// A department's 部门整体支出绩效目标表 for one budget year: who it is, what it spends and on what,
/// and the performance targets it commits to.
public struct Department: Sendable {
    /// The source file, as the publisher named it (relative to where perfsite was run).
    public var sourcePath: String
    public var title: TableTitle
    public var year: Int
    public var name: Located<String>
    public var supervisor: Located<String>?
    /// 财政供养人员.
    public var staffCount: Located<Int>?
    /// 下属单位数.
    public var subordinateUnitCount: Located<Int>?
    public var budget: Budget
    /// 年度整体绩效目标.
    public var goals: Located<Fragment>
    public var projects: [Project]
    /// The closing 注, as written.
    public var note: String?

    public init(
        sourcePath: String, title: TableTitle, year: Int, name: Located<String>, supervisor: Located<String>?,
        staffCount: Located<Int>?, subordinateUnitCount: Located<Int>?, budget: Budget, goals: Located<Fragment>,
        projects: [Project], note: String?
    ) {
        self.sourcePath = sourcePath
        self.title = title
        self.year = year
        self.name = name
        self.supervisor = supervisor
        self.staffCount = staffCount
        self.subordinateUnitCount = subordinateUnitCount
        self.budget = budget
        self.goals = goals
        self.projects = projects
        self.note = note
    }

    public var indicatorCount: Int { projects.reduce(0) { $0 + $1.indicators.count } }

    /// The number a task is known by on pages, in URLs and in open data: its 序号, or its position
    /// when the 序号 could not be read (which is an error, so only a page of `check` ever sees it).
    public func taskNumber(_ index: Int) -> Int { projects[index].sequence?.value ?? index + 1 }
}

extension Department: Encodable {
    private enum CodingKeys: String, CodingKey {
        case source, year, region, level, title, name, supervisor, staffCount, subordinateUnitCount, budget, goals
        case projects, note
    }

    /// The department as open data: the schema of `perfsite check --format json` and of the JSON
    /// download (documented in docs/json-schema.md).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sourcePath, forKey: .source)
        try container.encode(year, forKey: .year)
        try container.encode(title.region, forKey: .region)
        try container.encode(title.level, forKey: .level)
        try container.encode(title.raw, forKey: .title)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(supervisor, forKey: .supervisor)
        try container.encodeIfPresent(staffCount, forKey: .staffCount)
        try container.encodeIfPresent(subordinateUnitCount, forKey: .subordinateUnitCount)
        try container.encode(budget, forKey: .budget)
        try container.encode(goals, forKey: .goals)
        try container.encode(projects, forKey: .projects)
        try container.encodeIfPresent(note, forKey: .note)
    }
}
