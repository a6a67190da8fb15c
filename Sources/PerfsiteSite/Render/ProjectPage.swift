/// A task's page: what it does, what it costs, and its indicators grouped by 一级 and 二级.
struct ProjectPage: Sendable {
    struct Neighbour: Sendable {
        var name: String
        var href: String
    }

    struct IndicatorRow: Sendable {
        /// Set on the first row of a 一级 group, with the group's size.
        var level1: String?
        var level1Span: Int
        /// Set on the first row of a 二级 group within its 一级 group.
        var level2: String?
        var level2Span: Int
        var level3: String
        var comparator: String
        var value: String
        var core: String
    }

    struct Group: Sendable {
        var rows: [IndicatorRow]
    }

    var chrome: PageChrome
    var departmentName: String
    var year: Int
    var sequence: String
    var projectCount: Int
    var name: String
    var contentHTML: String
    var taskSource: String
    var amount: String
    var share: String?
    var indicatorCount: Int
    var groups: [Group]
    var previous: Neighbour?
    var next: Neighbour?
    var sourceFile: String
}
