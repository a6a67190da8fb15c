import PerfsiteCore

/// A department placed in the site: its table and the stable ASCII id its pages live under.
public struct SiteDepartment: Sendable {
    public var id: String
    public var department: Department

    /// `2026/d3f9a2c1b0/`, relative to the site root.
    public var path: String { "\(department.year)/\(id)/" }

    /// A task's folder inside the department's (`3/`).
    public func taskFolder(_ index: Int) -> String { "\(department.taskNumber(index))/" }
}
