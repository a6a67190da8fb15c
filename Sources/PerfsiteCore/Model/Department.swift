/// A department's 部门整体支出绩效目标表 for one budget year: who it is, what it spends and on what,
/// and the performance targets it commits to.
public struct Department: Sendable {
    /// The source file, as the publisher named it (relative to where perfsite was run).
    public var sourcePath: String {
        get { fields.value.sourcePath }
        _modify { yield &fields.value.sourcePath }
    }
    public var title: TableTitle {
        get { fields.value.title }
        _modify { yield &fields.value.title }
    }
    public var year: Int {
        get { fields.value.year }
        _modify { yield &fields.value.year }
    }
    public var name: Located<String> {
        get { fields.value.name }
        _modify { yield &fields.value.name }
    }
    public var supervisor: Located<String>? {
        get { fields.value.supervisor }
        _modify { yield &fields.value.supervisor }
    }
    /// 财政供养人员.
    public var staffCount: Located<Int>? {
        get { fields.value.staffCount }
        _modify { yield &fields.value.staffCount }
    }
    /// 下属单位数.
    public var subordinateUnitCount: Located<Int>? {
        get { fields.value.subordinateUnitCount }
        _modify { yield &fields.value.subordinateUnitCount }
    }
    public var budget: Budget {
        get { fields.value.budget }
        _modify { yield &fields.value.budget }
    }
    /// 年度整体绩效目标.
    public var goals: Located<Fragment> {
        get { fields.value.goals }
        _modify { yield &fields.value.goals }
    }
    public var projects: [Project] {
        get { fields.value.projects }
        _modify { yield &fields.value.projects }
    }
    /// The closing 注, as written.
    public var note: String? {
        get { fields.value.note }
        _modify { yield &fields.value.note }
    }

    public init(
        sourcePath: String, title: TableTitle, year: Int, name: Located<String>, supervisor: Located<String>?,
        staffCount: Located<Int>?, subordinateUnitCount: Located<Int>?, budget: Budget, goals: Located<Fragment>,
        projects: [Project], note: String?
    ) {
        fields = CopyOnWrite(
            Fields(
                sourcePath: sourcePath, title: title, year: year, name: name, supervisor: supervisor,
                staffCount: staffCount, subordinateUnitCount: subordinateUnitCount, budget: budget, goals: goals,
                projects: projects, note: note))
    }

    /// Shared by copies until one changes (`CopyOnWrite`).
    private struct Fields: Sendable {
        var sourcePath: String
        var title: TableTitle
        var year: Int
        var name: Located<String>
        var supervisor: Located<String>?
        var staffCount: Located<Int>?
        var subordinateUnitCount: Located<Int>?
        var budget: Budget
        var goals: Located<Fragment>
        var projects: [Project]
        var note: String?
    }

    private var fields: CopyOnWrite<Fields>

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
