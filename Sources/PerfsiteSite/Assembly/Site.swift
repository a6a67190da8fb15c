import PerfsiteCore

/// Everything that is published: the years, newest first, each with its departments by name.
public struct Site: Sendable {
    public var settings: SiteSettings
    public var years: [SiteYear]

    public var departments: [SiteDepartment] { years.flatMap(\.departments) }
}

/// One budget year of the site, with the totals its pages show.
public struct SiteYear: Sendable {
    public var year: Int
    public var departments: [SiteDepartment]

    public var path: String { "\(year)/" }

    public var total: Amount { departments.reduce(Amount.zeroWanYuan) { $0 + $1.department.budget.expenditureTotal } }
    public var projectTotal: Amount {
        departments.reduce(Amount.zeroWanYuan) { $0 + ($1.department.budget.project?.value ?? .zeroWanYuan) }
    }
    public var projectCount: Int { departments.reduce(0) { $0 + $1.department.projects.count } }
}
