import PerfsiteCore

/// Everything that is published: the years, newest first, each with its departments by name.
public struct Site: Sendable {
    public var settings: SiteSettings
    public var years: [SiteYear]

    /// Every department, year after year, read through the years' arrays: copied into one array
    /// they were 45 MB at 30,000 departments.
    public var departments: some Collection<SiteDepartment> { years.lazy.flatMap(\.departments) }
}

/// One budget year of the site, with the totals its pages show.
public struct SiteYear: Sendable {
    public var year: Int
    public var departments: [SiteDepartment]

    public var path: String { "\(year)/" }

    /// Totals over the overall tables: a department known only from project tables has no
    /// stated total, and its projects' money is part of some 项目支出 the site may not show.
    public var total: Amount {
        departments.reduce(Amount.zeroWanYuan) { $0 + ($1.department?.budget.expenditureTotal ?? .zeroWanYuan) }
    }
    public var projectTotal: Amount {
        departments.reduce(Amount.zeroWanYuan) { $0 + ($1.department?.budget.project?.value ?? .zeroWanYuan) }
    }
    public var projectCount: Int { departments.reduce(0) { $0 + $1.projects.count } }
}
