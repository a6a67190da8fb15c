/// The site's front page: every year with its totals and its departments.
struct HomePage: Sendable {
    struct Year: Sendable {
        var year: Int
        var href: String
        var departmentCount: Int
        var total: String
        var project: String
        var projectCount: Int
        var table: DepartmentsTable
    }

    var chrome: PageChrome
    var years: [Year]
}

/// One year's departments.
struct YearPage: Sendable {
    var chrome: PageChrome
    var year: Int
    var departmentCount: Int
    var total: String
    var project: String
    var projectCount: Int
    var table: DepartmentsTable
}

/// The 404 page. Its links are rooted at baseURL: it is served for any missing address, at any depth.
struct NotFoundPage: Sendable {
    var chrome: PageChrome
}

/// The search page: a form and an empty result list that search.js fills.
struct SearchPage: Sendable {
    var chrome: PageChrome
}
