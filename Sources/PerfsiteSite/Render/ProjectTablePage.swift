/// A 项目支出绩效目标表's page: who runs the project, its funds, its annual goal and its
/// indicators, grouped by 一级 and 二级 as on a task page.
struct ProjectTablePage: Sendable {
    var chrome: PageChrome
    var name: String
    var departmentName: String
    var year: Int
    var titleLine: String
    var implementer: String?
    var unit: String
    var total: String?
    var fiscal: String?
    var other: String?
    var goalsHTML: String
    var indicatorCount: Int
    var groups: [ProjectPage.Group]
    var sourceFile: String
    /// `2026-d1-x2`: the downloads beside the page are this with .csv, .xlsx and .json.
    var downloadBase: String
    /// The name a download is saved under: `<项目>-<year>-绩效目标`.
    var downloadName: String
}
