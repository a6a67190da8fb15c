/// How a label cell is compared: full-width folded, spaces removed, a trailing colon dropped.
/// `部门名称:`, `部 门 名 称` and `部门名称` are the same label.
enum CellLabel {
    static func key(_ cell: String) -> String {
        var key = cell.halfWidth
        if key.unicodeScalars.contains(where: \.isBlank) {
            key = String(String.UnicodeScalarView(key.unicodeScalars.filter { !$0.isBlank }))
        }
        while key.hasSuffix(":") { key.removeLast() }
        return key
    }

    /// The key without a parenthesised unit: `拟投入金额(万元)` → `拟投入金额`.
    static func keyWithoutUnit(_ cell: String) -> String {
        let full = key(cell)
        guard let open = full.firstIndex(of: "(") else { return full }
        return String(full[..<open])
    }
}
