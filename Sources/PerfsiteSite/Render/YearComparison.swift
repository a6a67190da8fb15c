import PerfsiteCore

/// A department's table against its previous year's: the totals, and each task matched by name
/// (whitespace and full-width forms ignored, since the same task is retyped each year), with the
/// tasks that are new and those that were dropped. Amounts are compared in 分, so every change
/// shown is exact.
struct YearComparison: Sendable {
    struct Line: Sendable {
        var label: String
        var before: String
        var now: String
        var change: String
        var changeValue: String
        var percent: String
    }

    struct Task: Sendable {
        var name: String
        var href: String?
        var before: String
        var now: String
        var change: String
        var changeValue: String
        var status: String
        var statusClass: String
    }

    var previousYear: Int
    var previousHref: String
    var totals: [Line]
    var tasks: [Task]
    var newCount: Int
    var droppedCount: Int
    var keptCount: Int

    init(current entry: SiteDepartment, department: Department, previous: Department) {
        previousYear = previous.year
        previousHref = "../../\(previous.year)/\(entry.id)/"
        let zero = Amount.zeroWanYuan
        func line(_ label: String, _ before: Amount, _ now: Amount) -> Line {
            let change = now - before
            return Line(
                label: label, before: Self.wanYuan(before), now: Self.wanYuan(now), change: Self.signed(change),
                changeValue: Self.wanYuan(change, grouped: false), percent: Self.percent(change, of: before))
        }
        totals = [
            line("支出合计", previous.budget.expenditureTotal, department.budget.expenditureTotal),
            line("基本支出", previous.budget.basic?.value ?? zero, department.budget.basic?.value ?? zero),
            line("项目支出", previous.budget.project?.value ?? zero, department.budget.project?.value ?? zero),
        ]
        var earlier: [String: (index: Int, amount: Amount)] = [:]
        for (index, project) in previous.projects.enumerated() {
            let key = Self.matchKey(project.name.value)
            if earlier[key] == nil { earlier[key] = (index, project.amount?.value ?? zero) }
        }
        var matched: Set<String> = []
        var tasks: [Task] = []
        for (index, project) in department.projects.enumerated() {
            let key = Self.matchKey(project.name.value)
            let now = project.amount?.value ?? zero
            if let before = earlier[key], !matched.contains(key) {
                matched.insert(key)
                let change = now - before.amount
                tasks.append(
                    Task(
                        name: project.name.value, href: entry.taskFolder(index), before: Self.wanYuan(before.amount),
                        now: Self.wanYuan(now), change: Self.signed(change),
                        changeValue: Self.wanYuan(change, grouped: false),
                        status: change.fen == 0 ? "持平" : change.isNegative ? "减少" : "增加",
                        statusClass: change.fen == 0 ? "same" : change.isNegative ? "down" : "up"))
            } else {
                tasks.append(
                    Task(
                        name: project.name.value, href: entry.taskFolder(index), before: "—", now: Self.wanYuan(now),
                        change: Self.signed(now), changeValue: Self.wanYuan(now, grouped: false), status: "新增",
                        statusClass: "new"))
            }
        }
        for project in previous.projects where !matched.contains(Self.matchKey(project.name.value)) {
            let before = project.amount?.value ?? zero
            matched.insert(Self.matchKey(project.name.value))
            tasks.append(
                Task(
                    name: project.name.value, href: nil, before: Self.wanYuan(before), now: "—",
                    change: Self.signed(zero - before), changeValue: Self.wanYuan(zero - before, grouped: false),
                    status: "取消", statusClass: "dropped"))
        }
        self.tasks = tasks
        newCount = tasks.count { $0.statusClass == "new" }
        droppedCount = tasks.count { $0.statusClass == "dropped" }
        keptCount = tasks.count - newCount - droppedCount
    }

    /// The same task typed again next year: spaces, full-width letters and digits do not matter.
    static func matchKey(_ name: String) -> String {
        String(String.UnicodeScalarView(name.halfWidth.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    static func wanYuan(_ amount: Amount, grouped: Bool = true) -> String {
        let value = Amount(fen: amount.fen, unit: .tenThousandYuan)
        return grouped ? value.formatted : value.plainText
    }

    /// `+12.30`, `−5.00` (a true minus sign), `0.00`.
    static func signed(_ amount: Amount) -> String {
        let magnitude = wanYuan(Amount(fen: amount.fen == .min ? .max : abs(amount.fen), unit: .tenThousandYuan))
        return amount.fen > 0 ? "+" + magnitude : amount.fen < 0 ? "−" + magnitude : magnitude
    }

    /// The change as a share of the earlier amount, `+3.2%`; `—` when there was nothing before.
    static func percent(_ change: Amount, of before: Amount) -> String {
        guard before.fen > 0, let share = Share(Amount(fen: abs(change.fen), unit: change.unit), of: before) else {
            return "—"
        }
        return change.fen > 0 ? "+" + share.text : change.fen < 0 ? "−" + share.text : share.text
    }
}
