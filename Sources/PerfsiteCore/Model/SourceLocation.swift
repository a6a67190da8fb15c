/// A position in a source table, as a spreadsheet user counts it: the file, the 1-based line on which
/// the row starts, and the 1-based cell index within the row. Every model value keeps one, so a
/// diagnostic raised stages later can still point at the cell the publisher has to fix.
///
/// Grids that are not lines of text — a worksheet of an XLSX workbook, a `<table>` of an HTML page —
/// name their `sheet`, and the position reads as a spreadsheet reference: `a.xlsx:Sheet1!B13`.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    /// The file and sheet, which every cell of a table shares: held once, by reference, so that a
    /// location is 16 bytes rather than 48. Every model value carries one, and at 30,000
    /// departments the outlines the build keeps were 145 MB, a third of that in locations.
    public final class Origin: Sendable, Hashable {
        public let file: String
        public let sheet: String?

        public init(file: String, sheet: String? = nil) {
            self.file = file
            self.sheet = sheet
        }

        public static func == (lhs: Origin, rhs: Origin) -> Bool {
            lhs === rhs || (lhs.file == rhs.file && lhs.sheet == rhs.sheet)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(file)
            hasher.combine(sheet)
        }
    }

    public let origin: Origin
    private let storedRow: Int32
    private let storedColumn: Int32

    public var file: String { origin.file }
    public var row: Int { Int(storedRow) }
    public var column: Int { Int(storedColumn) }
    /// The worksheet (XLSX) or table (HTML) the row and column are in; nil for text files.
    public var sheet: String? { origin.sheet }

    public init(file: String, row: Int, column: Int, sheet: String? = nil) {
        self.init(origin: Origin(file: file, sheet: sheet), row: row, column: column)
    }

    /// A cell of the table `origin` names. Rows and columns past Int32 (a table of two billion
    /// lines is far past the reader's size limit) are clamped rather than trapping.
    public init(origin: Origin, row: Int, column: Int) {
        self.origin = origin
        storedRow = Int32(clamping: row)
        storedColumn = Int32(clamping: column)
    }

    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.storedRow == rhs.storedRow && lhs.storedColumn == rhs.storedColumn && lhs.origin == rhs.origin
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(origin)
        hasher.combine(storedRow)
        hasher.combine(storedColumn)
    }

    private enum CodingKeys: String, CodingKey { case file, row, column, sheet }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file), row: try container.decode(Int.self, forKey: .row),
            column: try container.decode(Int.self, forKey: .column),
            sheet: try container.decodeIfPresent(String.self, forKey: .sheet))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(row, forKey: .row)
        try container.encode(column, forKey: .column)
        try container.encodeIfPresent(sheet, forKey: .sheet)
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
