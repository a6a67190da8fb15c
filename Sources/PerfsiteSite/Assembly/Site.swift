import PerfsiteCore

/// Everything that is published: the years, newest first, each with its departments by name.
public struct Site: Sendable {
    public var settings: SiteSettings
    public var years: [SiteYear]

    public var departments: [SiteDepartment] { years.flatMap(\.departments) }
    /// The departments with a 部门整体支出绩效目标表: what downloads and open data are made of.
    public var overallDepartments: [SiteDepartment] { departments.filter { $0.department != nil } }
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
