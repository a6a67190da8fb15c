/// Reads tab- and comma-separated text into rows. Line ends may be LF, CRLF or CR (old Mac Excel).
/// A cell that starts with `"` and closes with `"` right before a separator or line end is quoted
/// in the RFC 4180 way (`""` is a quote; separators and line breaks are literal) — this is how
/// Excel writes both CSV and "Text (Tab delimited)". In tab-separated text a cell that merely
/// starts with a quote (`"高效"的环境`) is read literally; in CSV an unclosed quote is an error.
public struct DelimitedTableReader: Sendable {
    public enum Separator: UInt8, Sendable {
        case tab = 0x09
        case comma = 0x2C
    }

    public var separator: Separator
    public var limits: ReadLimits

    public init(separator: Separator, limits: ReadLimits = .standard) {
        self.separator = separator
        self.limits = limits
    }

    public func read(_ text: String, path: String, encoding: SourceEncoding) throws(ReadFailure) -> RawTable {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)  // a final line end, so the last row closes like every other
        return try bytes.withUnsafeBufferPointer { buffer throws(ReadFailure) in
            RawTable(path: path, encoding: encoding, rows: try rows(of: buffer))
        }
    }

    private func rows(of bytes: UnsafeBufferPointer<UInt8>) throws(ReadFailure) -> [RawRow] {
        let separatorByte = separator.rawValue
        var rows: [RawRow] = []
        var cells: [String] = []
        var line = 1
        var rowLine = 1
        var index = 0
        let end = bytes.count

        func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

        while index < end {
            // One cell starts here.
            if cells.count >= limits.maxColumns {
                throw ReadFailure(.limitExceeded(what: "一行的列数", limit: limits.maxColumns, actual: nil), row: rowLine)
            }
            if bytes[index] == 0x22, let (cell, next, lines) = quotedCell(bytes, from: index) {
                guard cell.utf8.count <= limits.maxCellBytes else {
                    throw ReadFailure(
                        .limitExceeded(what: "单元格长度(字节)", limit: limits.maxCellBytes, actual: cell.utf8.count),
                        row: rowLine, column: cells.count + 1)
                }
                cells.append(cell)
                line += lines
                index = next
            } else if bytes[index] == 0x22 && separator == .comma {
                throw ReadFailure(.unclosedQuote, row: line, column: cells.count + 1)
            } else {
                let start = index
                while bytes[index] != separatorByte && !isLineEnd(bytes[index]) { index += 1 }
                guard index - start <= limits.maxCellBytes else {
                    throw ReadFailure(
                        .limitExceeded(what: "单元格长度(字节)", limit: limits.maxCellBytes, actual: index - start),
                        row: rowLine, column: cells.count + 1)
                }
                cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            }
            // What ends the cell: a separator, or a line end which also ends the row.
            if bytes[index] == separatorByte {
                index += 1
                continue
            }
            if bytes[index] == 0x0D && index + 1 < end && bytes[index + 1] == 0x0A { index += 1 }
            index += 1
            rows.append(RawRow(line: rowLine, cells: cells))
            guard rows.count <= limits.maxRows else {
                throw ReadFailure(.limitExceeded(what: "行数", limit: limits.maxRows, actual: nil), row: rowLine)
            }
            cells = []
            line += 1
            rowLine = line
        }
        // The appended final line end means a trailing empty row that the file did not have.
        if let last = rows.last, last.cells == [""] { rows.removeLast() }
        return rows
    }

    /// A quoted cell from the opening quote: its text, the index of the byte after the closing
    /// quote, and how many line breaks it spanned. Nil when no quote closes right before a
    /// separator or line end, in which case the cell is not quoted after all.
    private func quotedCell(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int, Int)? {
        var index = start + 1
        var content: [UInt8] = []
        var lines = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                    content.append(0x22)
                    index += 2
                    continue
                }
                let next = index + 1
                guard next < bytes.count,
                    bytes[next] == separator.rawValue || bytes[next] == 0x0A || bytes[next] == 0x0D
                else { return nil }
                return (String(decoding: content, as: UTF8.self), next, lines)
            }
            if byte == 0x0A || (byte == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) { lines += 1 }
            content.append(byte)
            index += 1
            if content.count > limits.maxCellBytes { return nil }
        }
        return nil
    }
}
