/// A position in a source table, as a spreadsheet user counts it: the file, the 1-based line on which
/// the row starts, and the 1-based cell index within the row. Every model value keeps one, so a
/// diagnostic raised stages later can still point at the cell the publisher has to fix.
///
/// Grids that are not lines of text — a worksheet of an XLSX workbook, a `<table>` of an HTML page —
/// name their `sheet`, and the position reads as a spreadsheet reference: `a.xlsx:Sheet1!B13`.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    public var file: String
    public var row: Int
    public var column: Int
    /// The worksheet (XLSX) or table (HTML) the row and column are in; nil for text files.
    public var sheet: String?

    public init(file: String, row: Int, column: Int, sheet: String? = nil) {
        self.file = file
        self.row = row
        self.column = column
        self.sheet = sheet
    }

    /// The whole file, for problems that no single cell causes (an unreadable file, an unknown layout).
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, row: 0, column: 0)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.row, lhs.column) < (rhs.file, rhs.row, rhs.column)
    }

    /// `file:row:column`, `file:Sheet1!B13` in a grid, or just `file` when the problem concerns
    /// the whole file.
    public var description: String {
        if let sheet, row > 0 {
            return column > 0
                ? "\(file):\(sheet)!\(Self.columnLetters(column))\(row)" : "\(file):\(sheet)!\(row):\(row)"
        }
        if row == 0 { return file }
        if column == 0 { return "\(file):\(row)" }
        return "\(file):\(row):\(column)"
    }
}

/// A model value with the cell it came from. It encodes as the bare value: locations are for
/// diagnostics, and the published JSON stays the shape a reader of the table expects.
extension SourceLocation {
    /// 1 → A, 26 → Z, 27 → AA: how spreadsheets name columns.
    public static func columnLetters(_ column: Int) -> String {
        var number = column
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }
}

public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

extension Located: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
