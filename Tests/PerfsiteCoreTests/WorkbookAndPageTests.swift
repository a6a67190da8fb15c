import Foundation
import Testing
import ZIPFoundation

@testable import PerfsiteCore

/// XLSX and HTML readers on inputs built here: small well-formed ones for the details (numbers,
/// percentages, spans), and hostile workbooks that must end in a clear error in bounded time.
@Suite struct WorkbookAndPageTests {
    /// A minimal workbook: the given sheet XML, optional shared strings and styles.
    static func workbook(sheet: String, sharedStrings: String? = nil, styles: String? = nil) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add(
            "xl/workbook.xml",
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        )
        try add(
            "xl/_rels/workbook.xml.rels",
            #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
        )
        try add("xl/worksheets/sheet1.xml", sheet)
        if let sharedStrings { try add("xl/sharedStrings.xml", sharedStrings) }
        if let styles { try add("xl/styles.xml", styles) }
        return [UInt8](try #require(archive.data))
    }

    static func read(_ bytes: [UInt8], path: String = "Content/2026/t.xlsx", limits: ReadLimits = .standard)
        throws(ReadFailure) -> RawTable
    {
        try TableFileReader(limits: limits).read(bytes: bytes, path: path)
    }

    @Test func cellsAsExcelShowsThem() throws {
        let sheet = """
            <worksheet><sheetData>
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2"><v>152.90000000000001</v></c><c r="D2" s="1"><v>0.98</v></c>
            <c r="E2" s="2"><v>0.1234</v></c><c r="F2" t="b"><v>1</v></c><c r="G2"><v>1944</v></c>
            <c r="H2" t="inlineStr"><is><t>内联</t></is></c><c r="I2" t="e"><v>#N/A</v></c></row>
            </sheetData></worksheet>
            """
        let shared = #"<sst><si><r><t>部门</t></r><r><t>名称</t></r><rPh><t>ぶもん</t></rPh></si></sst>"#
        let styles =
            #"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/></cellXfs></styleSheet>"#
        let table = try Self.read(Self.workbook(sheet: sheet, sharedStrings: shared, styles: styles))
        #expect(table.sheet == "表1")
        #expect(table.rows.map(\.line) == [2])
        #expect(table.rows[0].cells == ["部门名称", "", "152.9", "98%", "12.34%", "TRUE", "1944", "内联", "#N/A"])
        #expect(table.location(row: table.rows[0], column: 2).description == "Content/2026/t.xlsx:表1!C2")
    }

    @Test func generalNumberFormat() {
        #expect(XLSXTableReader.general(152.90000000000001) == "152.9")
        #expect(XLSXTableReader.general(1022.51) == "1022.51")
        #expect(XLSXTableReader.general(0.1 + 0.2) == "0.3")
        #expect(XLSXTableReader.general(1e20) == "1e+20")
        #expect(XLSXTableReader.general(-3) == "-3")
        #expect(XLSXTableReader.columnIndex("AA10") == 27)
        #expect(SourceLocation.columnLetters(28) == "AB")
    }

    @Test func notAZip() {
        #expect(throws: ReadFailure.self) { try Self.read(Array("这不是工作簿".utf8)) }
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let result = TableChecker().check(bytes: noise, path: "Content/2026/随机.xlsx")
        #expect(result.department == nil)
        #expect(result.diagnostics.first?.rule.id == "R003")
        #expect(result.diagnostics.first?.message.contains("zip") == true)
    }

    @Test func missingSharedStrings() throws {
        let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
        let bytes = try Self.workbook(sheet: sheet)
        do {
            _ = try Self.read(bytes)
            Issue.record("a shared-string cell without the part was accepted")
        } catch {
            #expect(error.finding.message.contains("sharedStrings"))
            #expect(error.row == 1 && error.column == 1)
        }
    }

    @Test func zipBombStopsAtTheLimit() throws {
        // 50 MB of one repeated row compresses to well under a megabyte.
        let row = #"<row><c t="inlineStr"><is><t>炸弹炸弹炸弹炸弹</t></is></c></row>"#
        let sheet =
            "<worksheet><sheetData>" + String(repeating: row, count: 50 << 20 / row.utf8.count)
            + "</sheetData></worksheet>"
        let bytes = try Self.workbook(sheet: sheet)
        #expect(bytes.count < 2 << 20)
        let limits = ReadLimits(maxFileBytes: 8 << 20, maxCellBytes: 1024, maxColumns: 256, maxRows: 1_000_000)
        let start = ContinuousClock.now
        do {
            _ = try Self.read(bytes, limits: limits)
            Issue.record("the bomb was inflated")
        } catch {
            #expect(error.finding.rule.id == "R004")
        }
        #expect(ContinuousClock.now - start < .seconds(30), "a guard against hangs, not a performance claim")
    }

    /// zlib is told every input chunk is a whole chunk long (ZIPFoundation sets `avail_in` to the
    /// buffer size), so the provider must never return less: a short last chunk let libz read
    /// past it (a SEGV found by fuzzing).
    @Test func inflateInputChunksAreAlwaysWhole() throws {
        let compressed = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        let size = XLSXTableReader.inflateChunk
        let first = try #require(XLSXTableReader.chunk(of: compressed, at: 0, size: size))
        let last = try #require(XLSXTableReader.chunk(of: compressed, at: size, size: size))
        #expect(first.count == size && last.count == size)
        #expect(first == compressed.prefix(size))
        #expect(last.prefix(compressed.count - size) == compressed.suffix(from: size))
        #expect(last.suffix(size - (compressed.count - size)).allSatisfy { $0 == 0xFF })
        #expect(XLSXTableReader.chunk(of: compressed, at: compressed.count, size: size) == nil)
    }

    /// A sheet whose deflate stream spans several input chunks and ends in a short one reads
    /// whole; the same stream cut short is reported as damaged, promptly.
    @Test func sheetsSpanningSeveralChunksAndCutShort() throws {
        // Digits that barely compress: the sheet's deflate stream is about 150 KB.
        var generator = SystemRandomNumberGenerator()
        var sheet = "<worksheet><sheetData>"
        for row in 1...12_000 {
            let value = UInt64.random(in: 1...UInt64.max, using: &generator)
            sheet += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(value)</v></c></row>"
        }
        sheet += "</sheetData></worksheet>"
        let bytes = try Self.workbook(sheet: sheet)
        #expect(bytes.count > 2 * XLSXTableReader.inflateChunk)
        let table = try Self.read(bytes)
        #expect(table.rows.count == 12_000)
        // Cut the sheet's stream in its middle, keeping the directory so the archive still opens.
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        let entry = try #require(archive["xl/worksheets/sheet1.xml"])
        let stream = try #require(XLSXTableReader.compressedBytes(of: entry, in: bytes))
        let start = try #require(Data(bytes).range(of: stream)).lowerBound
        var damaged = bytes
        for index in start + stream.count / 2..<start + stream.count { damaged[index] = 0 }
        do {
            _ = try Self.read(damaged)
            Issue.record("a damaged sheet was read")
        } catch {
            #expect(error.finding.rule.id == "R003")
        }
    }

    @Test func aMillionRowsEndInBoundedTime() throws {
        var sheet = "<worksheet><sheetData>"
        sheet.reserveCapacity(40 << 20)
        for row in 1...1_000_001 { sheet += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>1</v></c></row>" }
        sheet += "</sheetData></worksheet>"
        let bytes = try Self.workbook(sheet: sheet)
        let start = ContinuousClock.now
        let result = TableChecker().check(bytes: bytes, path: "Content/2026/百万行.xlsx")
        #expect(result.department == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.rule.id == "R004")
        #expect(diagnostic.message.contains("行数"))
        #expect(ContinuousClock.now - start < .seconds(60), "a guard against hangs, not a performance claim")
    }

    @Test func htmlSpansExpandIntoTheGrid() throws {
        let page = """
            <html><body><table><tr><td><table border=1>
            <tr><td colspan="3">标题</td></tr>
            <tr><td rowspan="2">预算整体情况</td><td>基本支出</td><td>1,022.51</td></tr>
            <tr><td>项目支出</td><td>922.13</td></tr>
            <tr><td>目标</td><td colspan="2"><p>一、</p>
              <p>二、<b>重点</b></p></td></tr>
            <tr><td>&nbsp;</td><td>  多个
               空格 </td></tr>
            </table></td></tr></table></body></html>
            """
        let table = try Self.read(Array(page.utf8), path: "Content/2026/页.html")
        #expect(table.sheet == "表格1")
        #expect(
            table.rows.map(\.cells) == [
                ["标题"],
                ["预算整体情况", "基本支出", "1,022.51"],
                ["", "项目支出", "922.13"],
                ["目标", "<p>一、</p><p>二、<b>重点</b></p>"],
                ["", "多个 空格"],
            ])
        #expect(throws: ReadFailure.self) {
            try Self.read(Array("<html><body><p>没有表格</p></body></html>".utf8), path: "a.html")
        }
    }

    @Test func oldExcelFilesAreNamed() {
        do {
            _ = try Self.read([0xD0, 0xCF, 0x11, 0xE0], path: "Content/2026/旧.xls")
            Issue.record("an .xls was read")
        } catch {
            #expect(error.finding.message.contains(".xlsx"))
        }
    }
}
