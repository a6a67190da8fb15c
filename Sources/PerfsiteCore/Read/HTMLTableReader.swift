import Foundation

/// The first data `<table>` of an HTML page → `RawTable`. Government CMS pages publish the tables
/// as HTML, wrapped in layout tables, headers and menus: the table read is the first one that
/// holds no other table and has at least two rows of two cells.
///
/// Merged cells are expanded into the grid: a cell spanning rows or columns keeps its text in its
/// first position and leaves the others blank, as a spreadsheet saved as text does — so the page
/// and the text export of the same table give the same rows, and a blank under a merged 一级指标
/// means "same as above" in both.
///
/// A cell holding paragraphs or lists (年度整体绩效目标, 主要实施内容) becomes HTML, which the
/// fragment normalizer then cleans like any other cell; any other cell becomes its text, with
/// whitespace collapsed as a browser shows it. Positions read `page.html:表格1!B13`.
struct HTMLTableReader: Sendable {
    var limits: ReadLimits

    static let structureElements: Set<String> = [
        "p", "div", "br", "ul", "ol", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    ]

    func read(bytes: [UInt8], path: String) throws(ReadFailure) -> RawTable {
        let decoded = try TextDecoder.decode(bytes)
        let parsed = HTMLFragmentParser.parseDocument(decoded.text)
        if let fatal = parsed.fatal {
            throw ReadFailure(.notATextTable(reason: "网页无法解析:\(fatal.message)"), row: fatal.line)
        }
        var tables: [[HTMLNode]] = []
        Self.collectTables(parsed.nodes, into: &tables)
        for (index, rows) in tables.enumerated() {
            let grid = try self.grid(rows)
            if grid.count >= 2, grid.contains(where: { $0.cells.count(where: { !$0.isEmpty }) >= 2 }) {
                return RawTable(path: path, encoding: decoded.encoding, rows: grid, sheet: "表格\(index + 1)")
            }
        }
        throw ReadFailure(.notATextTable(reason: "网页中没有数据表格(<table>)"))
    }

    /// Tables that hold no other table, in document order, each as its `<tr>` elements.
    private static func collectTables(_ nodes: [HTMLNode], into tables: inout [[HTMLNode]]) {
        for node in nodes {
            guard case .element(let name, _, let children) = node else { continue }
            if name == "table" {
                if containsTable(children) {
                    collectTables(children, into: &tables)
                } else {
                    tables.append(rows(of: children))
                }
            } else {
                collectTables(children, into: &tables)
            }
        }
    }

    private static func containsTable(_ nodes: [HTMLNode]) -> Bool {
        nodes.contains { node in
            guard case .element(let name, _, let children) = node else { return false }
            return name == "table" || containsTable(children)
        }
    }

    /// The `<tr>`s of a table, through `<thead>`, `<tbody>` and `<tfoot>`.
    private static func rows(of nodes: [HTMLNode]) -> [HTMLNode] {
        var rows: [HTMLNode] = []
        for node in nodes {
            guard case .element(let name, _, let children) = node else { continue }
            if name == "tr" {
                rows.append(node)
            } else if ["thead", "tbody", "tfoot"].contains(name) {
                rows += Self.rows(of: children)
            }
        }
        return rows
    }

    /// The rows with spans expanded: `pending[column]` counts the rows a cell above still covers.
    private func grid(_ rows: [HTMLNode]) throws(ReadFailure) -> [RawRow] {
        guard rows.count <= limits.maxRows else {
            throw ReadFailure(.limitExceeded(what: "行数", limit: limits.maxRows, actual: rows.count))
        }
        var result: [RawRow] = []
        var pending: [Int] = []
        for (rowIndex, row) in rows.enumerated() {
            guard case .element(_, _, let children) = row else { continue }
            let covered = pending
            var cells: [String] = []
            var column = 0
            func skipCovered() {
                while column < covered.count, covered[column] > 0 {
                    if cells.count <= column { cells.append("") }
                    column += 1
                }
            }
            for child in children {
                guard case .element(let name, let attributes, let content) = child, name == "td" || name == "th" else {
                    continue
                }
                skipCovered()
                let columnSpan = min(max(Self.span(attributes, "colspan"), 1), 1000)
                let rowSpan = min(max(Self.span(attributes, "rowspan"), 1), 65534)
                guard column + columnSpan <= limits.maxColumns else {
                    throw ReadFailure(
                        .limitExceeded(what: "列数", limit: limits.maxColumns, actual: column + columnSpan),
                        row: rowIndex + 1)
                }
                let text = Self.cellText(content)
                guard text.utf8.count <= limits.maxCellBytes else {
                    throw ReadFailure(
                        .limitExceeded(what: "单元格大小(字节)", limit: limits.maxCellBytes, actual: text.utf8.count),
                        row: rowIndex + 1, column: column + 1)
                }
                while cells.count < column + columnSpan { cells.append("") }
                cells[column] = text
                if pending.count < column + columnSpan {
                    pending += Array(repeating: 0, count: column + columnSpan - pending.count)
                }
                for spanned in column..<(column + columnSpan) { pending[spanned] = rowSpan - 1 }
                column += columnSpan
            }
            skipCovered()
            for index in covered.indices where covered[index] > 0 { pending[index] -= 1 }
            while cells.last?.isEmpty == true { cells.removeLast() }
            result.append(RawRow(line: rowIndex + 1, cells: cells))
        }
        return result
    }

    private static func span(_ attributes: [HTMLAttribute], _ name: String) -> Int {
        attributes.first { $0.name == name }.flatMap { Int($0.value.trimmingCharacters(in: .whitespaces)) } ?? 1
    }

    /// HTML for a cell with paragraphs or lists (whitespace between blocks dropped), else its
    /// text with whitespace collapsed and no-break spaces (`&nbsp;`, common in CMS cells) as spaces.
    static func cellText(_ nodes: [HTMLNode]) -> String {
        if containsStructure(nodes) {
            return HTMLSerializer.html(nodes.filter { !isBlankText($0) })
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var text = ""
        func walk(_ node: HTMLNode) {
            switch node {
            case .text(let value): text += value
            case .element(_, _, let children): children.forEach(walk)
            case .comment: break
            }
        }
        nodes.forEach(walk)
        return text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" }).joined(separator: " ")
    }

    private static func containsStructure(_ nodes: [HTMLNode]) -> Bool {
        nodes.contains { node in
            guard case .element(let name, _, let children) = node else { return false }
            return structureElements.contains(name) || containsStructure(children)
        }
    }

    private static func isBlankText(_ node: HTMLNode) -> Bool {
        if case .text(let text) = node { return text.allSatisfy(\.isWhitespace) }
        return false
    }
}
