/// CSV as Excel opens it correctly: UTF-8 **with** a byte-order mark (without it, Excel on Chinese
/// Windows reads UTF-8 as GBK and shows mojibake), CRLF line ends, and RFC 4180 quoting.
struct CSVText {
    private(set) var bytes: [UInt8]

    /// Without the mark for a piece that goes after the start of a file.
    init(byteOrderMark: Bool = true) {
        bytes = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    }

    /// A row of cells, written from the cells as they are, without an array of their texts made
    /// first.
    mutating func row(_ cells: [OpenDataTables.Cell]) {
        for index in cells.indices {
            if index > 0 { bytes.append(0x2C) }
            switch cells[index] {
            case .text(let value), .number(let value): append(value)
            case .empty: break
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// On the UTF-8 bytes: `cell.first == " "` split the text into Characters, a tenth of making
    /// the open-data rows (perf). A space followed by a combining mark is now quoted too, which is
    /// harmless.
    private mutating func append(_ cell: String) {
        cell.withUTF8Bytes { utf8 in
            let needsQuotes =
                utf8.first == 0x20 || utf8.last == 0x20
                || utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }
}
