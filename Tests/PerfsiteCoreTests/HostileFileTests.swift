import Foundation
import Testing

@testable import PerfsiteCore

/// What a finance bureau's export, or a wrong file dropped into Content/, can throw at the readers:
/// each gives a clear error naming the file, never a crash or a hang.
@Suite struct HostileFileTests {
    let path = "Content/2026/坏文件.tsv"

    func expectCleanFailure(_ bytes: [UInt8], rule: String) throws -> Diagnostic {
        let start = ContinuousClock.now
        let result = TestSupport.check(bytes: bytes, path: path)
        #expect(ContinuousClock.now - start < .seconds(60), "a guard against hangs, not a performance claim")
        #expect(result.department == nil || !result.errors.isEmpty)
        let diagnostic = try #require(result.errors.first { $0.rule.id == rule }, "\(result.summary)")
        #expect(diagnostic.location.file == path)
        #expect(diagnostic.formatted.hasPrefix(path))
        return diagnostic
    }

    @Test func emptyFile() throws {
        _ = try expectCleanFailure([], rule: "R003")
        _ = try expectCleanFailure(Array("  \n\t\t\n\r\n".utf8), rule: "R003")
    }

    @Test func binaryGarbage() throws {
        var seeded = SeededGenerator(seed: 42)
        let bytes = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &seeded) }
        #expect(bytes.contains(0))
        let diagnostic = try expectCleanFailure(bytes, rule: "R003")
        #expect(diagnostic.message.contains("二进制"))
        // Garbage without NUL bytes fails decoding instead, at the line where it starts.
        let noNUL = Array("部门名称\t甲\n".utf8) + bytes.map { $0 == 0 ? 0xFF : $0 }
        let undecodable = try expectCleanFailure(noNUL, rule: "R002")
        #expect(undecodable.location.row >= 2)
    }

    @Test func truncatedMidRow() throws {
        let bytes = TestSupport.sampleBytes
        // Cut inside project 5's row, and also inside a multi-byte character.
        let text = TestSupport.sampleText
        let cut = text.utf8.count / 2
        let result = TestSupport.check(bytes: Array(bytes[..<cut]), path: path)
        #expect(!result.errors.isEmpty, "a truncated table must not pass")
        let midCharacter = TestSupport.check(bytes: Array(bytes[..<(cut + 1)]), path: path)
        #expect(!midCharacter.errors.isEmpty)
        #expect(result.errors.allSatisfy { $0.location.file == path })
    }

    @Test func tableOfAnotherKind() throws {
        let selfEvaluation = """
            2025年度项目支出绩效自评表
            项目名称\t信息化运维\t\t
            一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
            产出指标\t数量指标\t系统数量\t5个\t5个\t10\t10
            """
        let diagnostic = try expectCleanFailure(Array(selfEvaluation.utf8), rule: "L001")
        #expect(diagnostic.message.contains("自评表"))
    }

    @Test func tenMegabytesOfTabs() throws {
        let diagnostic = try expectCleanFailure([UInt8](repeating: 0x09, count: 10 << 20) + [0x41], rule: "R004")
        #expect(diagnostic.message.contains("列数"))
        _ = try expectCleanFailure([UInt8](repeating: 0x09, count: 10 << 20), rule: "R003")
        let line = Array("x".utf8) + [UInt8](repeating: 0x09, count: 200) + [0x0A]
        let manyRows = Array((0..<50_000).map { _ in line }.joined())
        _ = try expectCleanFailure(manyRows, rule: "L001")
    }

    @Test func oneMegabyteCell() throws {
        let text = TestSupport.sample(line: 12, column: 3, set: String(repeating: "很长的内容", count: 70_000))
        let diagnostic = try expectCleanFailure(Array(text.utf8), rule: "R004")
        #expect(diagnostic.location.row == 12 && diagnostic.location.column == 3)
        #expect(diagnostic.message.contains("262,144"))
    }

    @Test func oversizedFileIsRefusedBeforeReading() throws {
        let limits = ReadLimits(maxFileBytes: 1_000, maxCellBytes: 100, maxColumns: 10, maxRows: 10)
        let checker = TableChecker(limits: limits)
        let result = checker.check(bytes: TestSupport.sampleBytes, path: path)
        #expect(result.errors.map(\.rule.id) == ["R004"])
    }

    @Test func nulBytesAreBinary() throws {
        _ = try expectCleanFailure(Array("部门名称\t".utf8) + [0, 0, 0] + Array("x\n".utf8), rule: "R003")
        // In the other encodings too. UTF-16 has NUL bytes in every ASCII character, so its decoded
        // text is searched, and the NUL is on line 2; GB18030 (部门, a tab, NUL) is searched as bytes.
        let utf16: [UInt8] = [0xFF, 0xFE] + "部门名称\t甲\n\u{0}x\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try expectCleanFailure(utf16, rule: "R003").location.row == 2)
        _ = try expectCleanFailure([0xB2, 0xBF, 0xC3, 0xC5, 0x09, 0x00, 0x78, 0x0A], rule: "R003")
    }

    @Test func legacyOfficeFile() throws {
        let diagnostic = try expectCleanFailure([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], rule: "R003")
        #expect(diagnostic.message.contains(".xls"))
    }

    @Test func oneBadFileDoesNotHideTheOthers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-\(UUID())/2026")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try Data([0xFF, 0xFE, 0x00]).write(to: folder.appendingPathComponent("a.tsv"))
        try Data(TestSupport.sampleBytes).write(to: folder.appendingPathComponent("b.tsv"))
        try Data(TestSupport.sample(line: 8, column: 5, set: "1900").utf8).write(
            to: folder.appendingPathComponent("c.tsv"))
        let files = try ContentFinder.tableFiles(in: [folder.path])
        let report = TableChecker().check(paths: files)
        #expect(report.files.map { ($0.path as NSString).lastPathComponent } == ["a.tsv", "b.tsv", "c.tsv"])
        #expect(report.files[0].errors.count == 1)
        #expect(report.files[1].diagnostics.map(\.rule.id) == ["I005"])
        #expect(report.files[2].errors.map(\.rule.id) == ["B003"])
        #expect(report.summary().departments == 2)
        // The same folder through a symbolic link, as a Content/ linked elsewhere is.
        let link = folder.deletingLastPathComponent().appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        #expect(
            try ContentFinder.tableFiles(in: [link.path])
                == files.map { link.path + "/" + ($0 as NSString).lastPathComponent })
    }
}

@Suite struct ContentFinderTests {
    /// The folder walk lists what `FileManager.enumerator(atPath:)` lists (what it used before it
    /// read folders itself): nested and hidden folders, no hidden files or Excel lock files,
    /// links to files but not the insides of linked folders, any case of extension.
    @Test func findsWhatFoundationsEnumeratorFinds() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        for folder in ["2026/局 一", "2026/二/深", "2025", ".hidden", "elsewhere"] {
            try FileManager.default.createDirectory(
                at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in [
            "2026/局 一/a.tsv", "2026/二/深/b.XLSX", "2026/二/c.csv", "2025/d.html", "2025/notes.txt", "2025/.e.tsv",
            "2025/~$f.xlsx", ".hidden/g.tsv", "elsewhere/h.tsv", "top.htm", "2025/i.tar.TSV", "2025/tsv",
            "2025/j.", "2025/k.tsv.bak", "2026/局 一/表.Csv",
        ] {
            try Data("x".utf8).write(to: content.appendingPathComponent(file))
        }
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("2025/linked-folder"),
            withDestinationURL: content.appendingPathComponent("elsewhere"))
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("2025/linked.tsv"),
            withDestinationURL: content.appendingPathComponent("elsewhere/h.tsv"))
        let enumerated = (FileManager.default.enumerator(atPath: content.path)?.allObjects as? [String]) ?? []
        let expected = enumerated.sorted().filter { entry in
            let name = (entry as NSString).lastPathComponent
            return TableFileReader.isTable(entry) && !name.hasPrefix(".") && !name.hasPrefix("~$")
        }
        let found = try ContentFinder.tableFiles(in: [content.path])
        #expect(found == expected.map { content.path + "/" + $0 })
        #expect(found.count == 11, "\(found)")  // .txt is read as tab-separated text
    }
}

/// A small deterministic generator (SplitMix64), so the garbage is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The documented limits, each reached by a table built here: bounded time, a clear error.
@Suite struct SizeLimitTests {
    typealias S = TestSupport

    /// The sample's header and `count` copies of its first task row, numbered.
    static func sample(tasks count: Int) -> String {
        let lines = S.sampleText.components(separatedBy: "\n")
        var cells = lines[11].components(separatedBy: "\t")
        var text = lines[..<11].joined(separator: "\n") + "\n"
        text.reserveCapacity(count * 1_300)
        for number in 1...count {
            cells[0] = String(number)
            cells[1] = "任务\(number)"
            text += cells.joined(separator: "\t") + "\n"
        }
        return text
    }

    @Test func tasksBeyondTheLimitStopWithAnError() throws {
        let start = ContinuousClock.now
        let result = S.check(Self.sample(tasks: DepartmentTableLayout.maxTasks + 10))
        let limit = try #require(result.diagnostics.first { $0.rule.id == "R004" }, "\(result.summary)")
        #expect(limit.message.contains("年度工作任务数"))
        #expect(limit.message.contains("10000") || limit.message.contains("10,000"), "\(limit.message)")
        #expect(limit.location.row == 12 + DepartmentTableLayout.maxTasks)
        #expect(result.department?.projects.count == DepartmentTableLayout.maxTasks)
        #expect(ContinuousClock.now - start < .seconds(120), "a guard against hangs, not a performance claim")
    }

    @Test func fiftyMegabytesOfRowsStopAtTheRowLimit() throws {
        var bytes = Array(S.sampleText.utf8)
        bytes.reserveCapacity(50 << 20)
        let blankRow = Array("\t\t\t\n".utf8)
        while bytes.count < 50 << 20 { bytes += blankRow }
        let start = ContinuousClock.now
        let result = S.check(bytes: bytes)
        let limit = try #require(result.diagnostics.first, "\(result.summary)")
        #expect(limit.rule.id == "R004" && limit.message.contains("行数"))
        #expect(ContinuousClock.now - start < .seconds(120), "a guard against hangs, not a performance claim")
    }

    @Test func aFragmentNestedTenThousandDeep() throws {
        let nested = String(repeating: "<span>", count: 10_000) + "深" + String(repeating: "</span>", count: 10_000)
        let text = S.sample(editingLine: 10) { line in
            var cells = line.components(separatedBy: "\t")
            cells[1] = nested
            return cells.joined(separator: "\t")
        }
        let start = ContinuousClock.now
        let result = S.check(text)
        #expect(result.diagnostics.contains { $0.rule.id == "H002" }, "\(result.summary)")
        #expect(ContinuousClock.now - start < .seconds(60), "a guard against hangs, not a performance claim")
    }
}
