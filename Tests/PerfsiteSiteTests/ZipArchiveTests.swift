import Foundation
import Testing
import ZIPFoundation

@testable import PerfsiteSite

/// The hand-written ZIP container of the workbooks, read back by ZIPFoundation, which checks
/// every entry's CRC-32 as it extracts it.
@Suite struct ZipArchiveTests {
    func extract(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var entries: [String: [UInt8]] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            entries[entry.path] = [UInt8](data)
        }
        return entries
    }

    @Test func entriesReadBackWithTheirChecksums() throws {
        var generator = SystemRandomNumberGenerator()
        let text = Array(String(repeating: "<row r=\"1\"><c>绩效指标 1,022.51</c></row>", count: 500).utf8)
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var archive = ZipArchive()
        let compressible = ZipArchive.Entry("xl/worksheets/sheet1.xml", deflating: text, level: 1)
        let incompressible = ZipArchive.Entry("noise.bin", deflating: noise)
        #expect(compressible.method == 8 && compressible.data.count < text.count / 10)
        #expect(incompressible.method == 0 && incompressible.data == noise)
        archive.add(compressible)
        archive.add(incompressible)
        archive.add(ZipArchive.Entry("empty.txt", deflating: []))
        let entries = try extract(archive.bytes)
        #expect(entries == ["xl/worksheets/sheet1.xml": text, "noise.bin": noise, "empty.txt": []])
    }

    @Test func aWorkbookIsTheSameBytesEachTime() throws {
        let columns = OpenDataTables.indicatorColumns
        let rows = (0..<20).map { row in columns.indices.map { OpenDataTables.Cell.text("\(row)-\($0)") } }
        let first = XLSXWorkbook(sheetName: "绩效指标", columns: columns, rows: rows).bytes()
        #expect(first == XLSXWorkbook(sheetName: "绩效指标", columns: columns, rows: rows).bytes())
        let parts = try extract(first)
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/worksheets/sheet1.xml",
            ])
        #expect(String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self).contains("19-0"))
    }
}
