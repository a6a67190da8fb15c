import Foundation
import PerfsiteCore
import Synchronization
import Testing

@testable import PerfsiteSite

/// The workbook download read back by perfsite's own XLSX reader: every cell where it was put,
/// text as written (less what XML 1.0 cannot hold), numbers as numbers, header in row 1.
@Suite struct XLSXWorkbookTests {
    @Test func cellsReadBackAsWritten() throws {
        let hostile = "<script>alert(\"x\")</script> & 'q' \u{1}\u{8}tab\tline\nend \u{FFFE}\u{FFFF}𠀀 完"
        let columns = OpenDataTables.indicatorColumns
        var rows: [[OpenDataTables.Cell]] = []
        for row in 0..<30 {
            rows.append(
                columns.indices.map { column in
                    switch (row + column) % 3 {
                    case 0: .text("\(hostile) \(row)-\(column)")
                    case 1: .number("\(row * 1000 + column).25")
                    default: .empty
                    }
                })
        }
        let bytes = XLSXWorkbook(sheetName: "绩效指标<&>", columns: columns, rows: rows).bytes()
        let table = try TableFileReader().read(bytes: bytes, path: "Content/2026/下载.xlsx")
        #expect(table.sheet == "绩效指标<&>")
        #expect(table.rows.count == 31)
        #expect(table.rows[0].cells == columns.map(\.title))
        let kept = "<script>alert(\"x\")</script> & 'q' tab\tline\nend 𠀀 完"
        for (row, cells) in rows.enumerated() {
            let read = table.rows[row + 1]
            for (column, cell) in cells.enumerated() {
                let text = read[column]
                switch cell {
                case .text: #expect(text == "\(kept) \(row)-\(column)")
                case .number(let value): #expect(text == value)
                case .empty: #expect(text.isEmpty)
                }
            }
        }
    }

    /// Cell references past Z and past row 9 (`AD12`): the reader places cells by them.
    @Test func wideAndLongSheetsPlaceEveryCell() throws {
        let columns = (0..<30).map {
            OpenDataTables.Column(
                name: "c\($0)", title: "列\($0)", kind: $0 % 2 == 0 ? .string : .number, description: "")
        }
        let rows = (0..<120).map { row in
            columns.indices.map { column -> OpenDataTables.Cell in
                (row + column) % 5 == 0
                    ? .empty : column % 2 == 0 ? .text("\(row):\(column)") : .number("\(row * column)")
            }
        }
        let bytes = XLSXWorkbook(sheetName: "宽表", columns: columns, rows: rows).bytes()
        let table = try TableFileReader().read(bytes: bytes, path: "Content/2026/宽表.xlsx")
        #expect(table.rows.count == 121)
        #expect(table.rows[0].cells == columns.map(\.title))
        for (row, cells) in rows.enumerated() {
            #expect(table.rows[row + 1].cells.count <= columns.count)
            for (column, cell) in cells.enumerated() {
                #expect(table.rows[row + 1][column] == cell.text, "row \(row + 2) column \(column)")
            }
        }
    }

    /// Workbooks are deflated with compressors passed from one part to the next across threads:
    /// made on many threads at once, each reads back whole and is the same bytes as when made
    /// alone.
    @Test func workbooksMadeAtOnceOnManyThreads() throws {
        let columns = OpenDataTables.indicatorColumns
        @Sendable func workbook(_ number: Int) -> XLSXWorkbook {
            let rows = (0..<(number * 7 % 90 + 1)).map { row in
                columns.indices.map { column -> OpenDataTables.Cell in
                    column == 0 ? .text("第\(number)册 \(row)") : .number("\(row * column + number)")
                }
            }
            return XLSXWorkbook(sheetName: "册\(number)", columns: columns, rows: rows)
        }
        let alone = (0..<48).map { workbook($0).bytes() }
        let together = Mutex<[Int: [UInt8]]>([:])
        DispatchQueue.concurrentPerform(iterations: 48 * 4) { index in
            let bytes = workbook(index % 48).bytes()
            together.withLock { $0[index] = bytes }
        }
        for index in 0..<(48 * 4) {
            #expect(together.withLock { $0[index] } == alone[index % 48], "workbook \(index % 48)")
        }
        for number in [0, 13, 47] {
            let table = try TableFileReader().read(bytes: alone[number], path: "Content/2026/册.xlsx")
            #expect(table.sheet == "册\(number)")
            #expect(table.rows.count == number * 7 % 90 + 2)
            #expect(table.rows.last?[0] == "第\(number)册 \(number * 7 % 90)")
        }
    }
}
