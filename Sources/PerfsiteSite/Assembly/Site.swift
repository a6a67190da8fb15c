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
    public struct Totals: Sendable {
        public var total = Amount.zeroWanYuan
        public var projectTotal = Amount.zeroWanYuan
        public var projectCount = 0
    }

    /// In one pass over the departments: the home and year pages asked for each total in a pass
    /// of its own, each copying every department's model out of its optional (1.6% of a
    /// one-table rebuild's CPU at 1,000 departments, perf).
    public var totals: Totals {
        var totals = Totals()
        for entry in departments {
            guard let budget = entry.department?.budget else { continue }
            totals.total = totals.total + budget.expenditureTotal
            totals.projectTotal = totals.projectTotal + (budget.project?.value ?? .zeroWanYuan)
            totals.projectCount += entry.projects.count
        }
        return totals
    }
}
