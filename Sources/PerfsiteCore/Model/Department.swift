/// A department's 部门整体支出绩效目标表 for one budget year: who it is, what it spends and on what,
/// and the performance targets it commits to.
public struct Department: Sendable {
    /// The source file, as the publisher named it (relative to where perfsite was run).
    public var sourcePath: String {
        get { storage.sourcePath }
        _modify { yield &uniqueStorage().sourcePath }
    }
    public var title: TableTitle {
        get { storage.title }
        _modify { yield &uniqueStorage().title }
    }
    public var year: Int {
        get { storage.year }
        _modify { yield &uniqueStorage().year }
    }
    public var name: Located<String> {
        get { storage.name }
        _modify { yield &uniqueStorage().name }
    }
    public var supervisor: Located<String>? {
        get { storage.supervisor }
        _modify { yield &uniqueStorage().supervisor }
    }
    /// 财政供养人员.
    public var staffCount: Located<Int>? {
        get { storage.staffCount }
        _modify { yield &uniqueStorage().staffCount }
    }
    /// 下属单位数.
    public var subordinateUnitCount: Located<Int>? {
        get { storage.subordinateUnitCount }
        _modify { yield &uniqueStorage().subordinateUnitCount }
    }
    public var budget: Budget {
        get { storage.budget }
        _modify { yield &uniqueStorage().budget }
    }
    /// 年度整体绩效目标.
    public var goals: Located<Fragment> {
        get { storage.goals }
        _modify { yield &uniqueStorage().goals }
    }
    public var projects: [Project] {
        get { storage.projects }
        _modify { yield &uniqueStorage().projects }
    }
    /// The closing 注, as written.
    public var note: String? {
        get { storage.note }
        _modify { yield &uniqueStorage().note }
    }

    public init(
        sourcePath: String, title: TableTitle, year: Int, name: Located<String>, supervisor: Located<String>?,
        staffCount: Located<Int>?, subordinateUnitCount: Located<Int>?, budget: Budget, goals: Located<Fragment>,
        projects: [Project], note: String?
    ) {
        storage = Storage(
            sourcePath: sourcePath, title: title, year: year, name: name, supervisor: supervisor,
            staffCount: staffCount,
            subordinateUnitCount: subordinateUnitCount, budget: budget, goals: goals, projects: projects, note: note)
    }

    /// The fields, in one object that copies share until one of them changes one (copy on
    /// write). A build copies a department many times as it groups, sorts and batches the
    /// tables, and with two dozen strings, arrays and source locations inline, each copy
    /// retained and released every one of them: 4.5% of a one-table rebuild's samples at 1,000
    /// departments (perf). Unchecked Sendable: a storage is changed only while one department
    /// holds it (`uniqueStorage`), and shared ones are only read; for the same reason its fields
    /// go without the run-time exclusivity checks a class's fields otherwise get.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var sourcePath: String
        @exclusivity(unchecked) var title: TableTitle
        @exclusivity(unchecked) var year: Int
        @exclusivity(unchecked) var name: Located<String>
        @exclusivity(unchecked) var supervisor: Located<String>?
        @exclusivity(unchecked) var staffCount: Located<Int>?
        @exclusivity(unchecked) var subordinateUnitCount: Located<Int>?
        @exclusivity(unchecked) var budget: Budget
        @exclusivity(unchecked) var goals: Located<Fragment>
        @exclusivity(unchecked) var projects: [Project]
        @exclusivity(unchecked) var note: String?

        init(
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

        func copy() -> Storage {
            Storage(
                sourcePath: sourcePath, title: title, year: year, name: name, supervisor: supervisor,
                staffCount: staffCount, subordinateUnitCount: subordinateUnitCount, budget: budget, goals: goals,
                projects: projects, note: note)
        }
    }

    private var storage: Storage

    /// The storage, copied first if another department shares it.
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
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
