/// Which block of a table a row opens, by the same labels (and the same folding of full width,
/// spaces and colons) the layouts read: for showing a problem row with its block around it, as
/// the HTML report of `perfsite check` does.
public enum BlockLabels {
    /// The header row of a department table's tasks (序号 …) or of a project table's indicators
    /// (一级指标 …), which names the columns below it.
    public static func isColumnHeader(_ row: RawRow) -> Bool {
        row.cells.contains { ["序号", "一级指标"].contains(CellLabel.labelKeyWithoutUnit($0)) }
    }

    /// The first row of 预算整体情况 (or a variant the layout accepts).
    public static func opensBudget(_ row: RawRow) -> Bool {
        row.cells.contains { DepartmentTableLayout.budgetLabels.contains(CellLabel.labelKey($0)) }
    }

    /// The 年度整体绩效目标 row, which ends the budget block.
    public static func opensGoals(_ row: RawRow) -> Bool {
        row.cells.contains { DepartmentTableLayout.goalLabels.contains(CellLabel.labelKey($0)) }
    }
}
