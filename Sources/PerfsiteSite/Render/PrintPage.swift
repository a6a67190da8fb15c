/// The printable official table of a department (or of one task): the layout of the
/// 部门整体支出绩效目标表, each task with its indicators as sub-rows.
struct PrintPage: Sendable {
    struct BudgetRow: Sendable {
        var left: String
        var leftAmount: String
        var right: String
        var rightAmount: String
    }

    struct Row: Sendable {
        /// The first row of a task carries the task's cells, spanning its indicator rows.
        var first: Bool
        var level1: String
        var level2: String
        var level3: String
        var comparator: String
        var value: String
        var core: String
    }

    struct Task: Sendable {
        var sequence: String
        var name: String
        var content: String
        var taskSource: String
        var amount: String
        var span: Int
        var rows: [Row]
    }

    var chrome: PageChrome
    var officialTitle: String
    var backHref: String
    var backTitle: String
    var name: String
    var supervisor: String
    var staffCount: String
    var unitCount: String
    var showBudget: Bool
    var budgetRows: [BudgetRow]
    var total: String
    var incomeTotal: String
    var goalsHTML: String
    var projects: [Task]
    var sourceFile: String
}
