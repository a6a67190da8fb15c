/// A table as read, before anything is known of its layout: rows of text cells, each row with the
/// line it started on. Every reader (TSV, CSV, XLSX worksheets, HTML tables) produces this
/// shape, so layout recognition never cares which format a table came in.
public struct RawTable: Sendable, Hashable {
    /// The path diagnostics name, and the sheet: shared by every location in the table.
    public let origin: SourceLocation.Origin
    public var encoding: SourceEncoding
    public var rows: [RawRow]

    /// The path diagnostics name.
    public var path: String { origin.file }
    /// The worksheet or HTML table the rows come from; nil for text files.
    public var sheet: String? { origin.sheet }

    public init(path: String, encoding: SourceEncoding, rows: [RawRow], sheet: String? = nil) {
        origin = SourceLocation.Origin(file: path, sheet: sheet)
        self.encoding = encoding
        self.rows = rows
    }

    public func location(row: RawRow, column: Int) -> SourceLocation {
        SourceLocation(origin: origin, row: row.line, column: column + 1)
    }

    /// The budget year a folder of the path gives (`Content/2026/…`), for a table whose title
    /// does not say it.
    var folderYear: Int? {
        path.split(separator: "/").compactMap { Int($0) }.first { (1990...2100).contains($0) }
    }

    /// Where a problem with the title is reported: the first row that is not blank.
    var titleLocation: SourceLocation {
        SourceLocation(origin: origin, row: rows.first { !$0.isBlank }?.line ?? 0, column: 0)
    }
}

/// One row of cells. Trailing empty cells are kept as read: exports pad rows to the widest row.
public struct RawRow: Sendable, Hashable {
    /// 1-based line on which the row starts.
    public var line: Int
    public var cells: [String]

    public init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }

    /// The cell at a 0-based index, empty when the row is shorter (a missing trailing tab).
    public subscript(column: Int) -> String {
        column < cells.count ? cells[column] : ""
    }

    public var isBlank: Bool { cells.allSatisfy { $0.trimmedCell.isEmpty } }

    /// Indices of the non-blank cells, left to right.
    public var filledColumns: [Int] {
        cells.indices.filter { !cells[$0].trimmedCell.isEmpty }
    }
}
