/// How a label cell is compared: full-width folded, spaces removed, a trailing colon dropped.
/// `部门名称:`, `部 门 名 称` and `部门名称` are the same label.
enum CellLabel {
    /// In one pass over the scalars, and untouched when nothing needs folding: every short cell
    /// of every table goes through here while the layouts look for their labels.
    static func key(_ cell: String) -> String {
        var key = cell
        if cell.unicodeScalars.contains(where: { $0.isBlank || $0.halfWidthFolded != $0 }) {
            var scalars = String.UnicodeScalarView()
            for scalar in cell.unicodeScalars where !scalar.halfWidthFolded.isBlank {
                scalars.append(scalar.halfWidthFolded)
            }
            key = String(scalars)
        }
        while key.utf8.last == UInt8(ascii: ":") && key.hasSuffix(":") { key.removeLast() }
        return key
    }

    /// The key of a cell that could be a label: labels are short, and scanning a table for them
    /// need not fold the long text cells (a task's indicators, its content) — that was a tenth of
    /// a 1,000-table check. Longer cells give "", which matches no label.
    static func labelKey(_ cell: String) -> String {
        cell.utf8.count > maximumLabelBytes ? "" : key(cell)
    }

    /// `labelKey` without a parenthesised unit.
    static func labelKeyWithoutUnit(_ cell: String) -> String {
        cell.utf8.count > maximumLabelBytes ? "" : keyWithoutUnit(cell)
    }

    /// Far above the longest label any layout knows (`年度指标值(万元)` with spaces and a colon).
    static let maximumLabelBytes = 96

    /// The key without a parenthesised unit: `拟投入金额(万元)` → `拟投入金额`.
    static func keyWithoutUnit(_ cell: String) -> String {
        let full = key(cell)
        guard let open = full.utf8.firstIndex(of: UInt8(ascii: "(")) else { return full }
        return String(full[..<open])
    }
}

/// Columns a layout recognizes in a header row by their names (`序号`, `年度工作任务`, `一级指标` …).
protocol HeaderColumn: CaseIterable, Hashable, Sendable {
    var headers: Set<String> { get }
    /// Every header name with the first column that has it, made once (`makeByHeader`): asking
    /// each column's `headers` for every cell of a header row built the sets and hashed Chinese
    /// names through their normalization (0.4% of a build, perf).
    static var byHeader: CanonicalTextTable<Self> { get }
}

extension HeaderColumn {
    static func makeByHeader() -> CanonicalTextTable<Self> {
        var byHeader: [String: Self] = [:]
        for column in allCases {
            for name in column.headers where byHeader[name] == nil { byHeader[name] = column }
        }
        return CanonicalTextTable(byHeader)
    }
}

extension CellLabel {
    /// The first row whose label keys pass `isHeader`, and the first position of each column named
    /// in it: how both layouts find their header row. Only rows with `marker` in a cell are keyed:
    /// it is a character every header row that passes must hold, so the rows above it and the
    /// long rows below are passed over without folding their cells.
    static func header<Column: HeaderColumn>(
        in rows: [RawRow], of _: Column.Type, marker: String, where isHeader: ([String]) -> Bool
    ) -> (row: Int, columns: [Column: Int])? {
        for (index, row) in rows.enumerated() where row.cells.contains(where: { $0.containsBytes(marker) }) {
            let keys = row.cells.map(labelKeyWithoutUnit)
            guard isHeader(keys) else { continue }
            var columns: [Column: Int] = [:]
            for (position, key) in keys.enumerated() {
                if let column = Column.byHeader[key], columns[column] == nil {
                    columns[column] = position
                }
            }
            return (index, columns)
        }
        return nil
    }
}
