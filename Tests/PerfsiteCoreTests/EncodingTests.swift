import Foundation
import Testing

@testable import PerfsiteCore

/// The same table saved the ways Chinese office software saves it gives the same model.
@Suite struct EncodingTests {
    let reference = try! TestSupport.modelJSON(TestSupport.check(bytes: TestSupport.sampleBytes).department)

    @Test func gb18030FromPythonsCodec() throws {
        let bytes = [UInt8](try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("sample-gb18030.tsv")))
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must really be GB18030")
        let result = TestSupport.check(bytes: bytes)
        #expect(try TestSupport.modelJSON(result.department) == reference)
        #expect(result.diagnostics.map(\.rule.id) == ["I005"])
        let table = try TableFileReader().read(bytes: bytes, path: "x.tsv")
        #expect(table.encoding == .gb18030)
    }

    @Test func crlfLineEnds() throws {
        let text = TestSupport.sampleText.replacingOccurrences(of: "\n", with: "\r\n")
        let result = TestSupport.check(text)
        #expect(try TestSupport.modelJSON(result.department) == reference)
        #expect(result.diagnostics.map(\.rule.id) == ["I005"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: "Content/2026/t.tsv", row: 13, column: 9))
    }

    @Test func classicMacLineEnds() throws {
        let text = TestSupport.sampleText.replacingOccurrences(of: "\n", with: "\r")
        let result = TestSupport.check(text)
        #expect(try TestSupport.modelJSON(result.department) == reference)
        #expect(result.diagnostics.first?.location.row == 13)
    }

    @Test func utf8ByteOrderMark() throws {
        let result = TestSupport.check(bytes: [0xEF, 0xBB, 0xBF] + TestSupport.sampleBytes)
        #expect(try TestSupport.modelJSON(result.department) == reference)
        #expect(result.diagnostics.map(\.rule.id) == ["I005"])
    }

    @Test func utf16AsExcelUnicodeText() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in TestSupport.sampleText.replacingOccurrences(of: "\n", with: "\r\n").utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let result = TestSupport.check(bytes: bytes)
        #expect(try TestSupport.modelJSON(result.department) == reference)
    }

    /// Exports that drop the padding tabs of short rows, with Windows line ends.
    @Test func crlfWithoutTrailingTabs() throws {
        let trimmed = TestSupport.sampleText.components(separatedBy: "\n")
            .map { $0.replacingOccurrences(of: #"\t+$"#, with: "", options: .regularExpression) }
            .joined(separator: "\r\n")
        #expect(trimmed != TestSupport.sampleText)
        let result = TestSupport.check(trimmed)
        #expect(try TestSupport.modelJSON(result.department) == reference)
    }

    @Test func fullWidthDigitsInAmounts() throws {
        let text = TestSupport.sample(line: 8, column: 3, set: "１，０２２．５１")
        let result = TestSupport.check(text)
        #expect(try TestSupport.modelJSON(result.department) == reference)
    }
}
