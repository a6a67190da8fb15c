import PerfsiteCore

/// A department placed in the site: its tables and the stable ASCII id its pages live under.
public struct SiteDepartment: Sendable {
    public var id: String
    public var name: String
    public var year: Int
    /// The 部门整体支出绩效目标表; nil for a department the site knows only from project tables.
    @Boxed public var department: Department?
    /// Its 项目支出绩效目标表, by project name.
    public var projectTables: [SiteProjectTable] = []
    /// Every year the site has a table of this department for, newest first (this one included).
    public var years: [Int] = []
    /// The department's table of the nearest earlier year, for the year-over-year comparison.
    @Boxed public var previous: Department? = nil

    public init(id: String, department: Department) {
        self.id = id
        self.name = department.name.value
        self.year = department.year
        self.department = department
    }

    public init(id: String, name: String, year: Int) {
        self.id = id
        self.name = name
        self.year = year
    }

    /// `2026/d3f9a2c1b0/`, relative to the site root.
    public var path: String { "\(year)/\(id)/" }

    /// A task's folder inside the department's (`3/`).
    public func taskFolder(_ index: Int) -> String {
        "\(department?.taskNumber(index) ?? index + 1)/"
    }

    /// The same, for a caller that has the department's model bound already: in a loop over its
    /// tasks, the instance method copied the model out of its optional for every task.
    static func taskFolder(_ index: Int, of department: Department) -> String { "\(department.taskNumber(index))/" }

    /// The department's tasks, none without an overall table.
    public var projects: [Project] { department?.projects ?? [] }
}

/// A 项目支出绩效目标表 placed under its department: `x` and ten hex digits of the SHA-256 of the
/// project name, so its address does not move when other projects are added.
public struct SiteProjectTable: Sendable {
    public var id: String
    public var table: ProjectTable

    public init(id: String, table: ProjectTable) {
        self.id = id
        self.table = table
    }

    /// `x1a2b3c4d5e/`, inside the department's folder.
    public var folder: String { "\(id)/" }
}
