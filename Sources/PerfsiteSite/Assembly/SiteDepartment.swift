import PerfsiteCore

/// A department placed in the site: its table and the stable ASCII id its pages live under.
public struct SiteDepartment: Sendable {
    public var id: String
    public var department: Department
    /// Every year the site has a table of this department for, newest first (this one included).
    public var years: [Int] = []
    /// The department's table of the nearest earlier year, for the year-over-year comparison.
    public var previous: Department?

    public init(id: String, department: Department) {
        self.id = id
        self.department = department
    }

    /// `2026/d3f9a2c1b0/`, relative to the site root.
    public var path: String { "\(department.year)/\(id)/" }

    /// A task's folder inside the department's (`3/`).
    public func taskFolder(_ index: Int) -> String { "\(department.taskNumber(index))/" }
}
