import Foundation
import PerfsiteCore
import Testing

/// Paths and helpers shared by the tests. Files are found from this source file's location, so the
/// tests read the very sample table that ships in Content/.
enum TestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// Tables of `departments` synthetic departments from the team's corpus generator
    /// (Benchmarks/synth.py) in a new temporary folder, which the caller removes.
    static func syntheticCorpus(departments: Int, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-\(name)-\(UUID())")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", packageRoot.appendingPathComponent("Benchmarks/synth.py").path, "--departments",
            String(departments), "--out", folder.path,
        ]
        python.standardOutput = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 Benchmarks/synth.py failed")
        return folder
    }

    static let samplePath = "Content/2026/洛阳高新技术产业开发区管理委员会.tsv"
    static let sampleURL = packageRoot.appendingPathComponent(samplePath)
    static var sampleBytes: [UInt8] { [UInt8](try! Data(contentsOf: sampleURL)) }
    static var sampleText: String { String(decoding: sampleBytes, as: UTF8.self) }
    /// A 项目支出绩效目标表 of the sample's department, written for these tests.
    static var projectTableText: String {
        String(decoding: try! Data(contentsOf: fixtures.appendingPathComponent("project-table.tsv")), as: UTF8.self)
    }

    /// Checks a table given as text, named `path` in diagnostics.
    static func check(_ text: String, path: String = "Content/2026/t.tsv") -> TableChecker.FileResult {
        TableChecker().check(bytes: Array(text.utf8), path: path)
    }

    static func check(bytes: [UInt8], path: String = "Content/2026/t.tsv") -> TableChecker.FileResult {
        TableChecker().check(bytes: bytes, path: path)
    }

    /// The sample with line `line` (1-based) transformed.
    static func sample(editingLine line: Int, _ edit: (String) -> String) -> String {
        var lines = sampleText.components(separatedBy: "\n")
        lines[line - 1] = edit(lines[line - 1])
        return lines.joined(separator: "\n")
    }

    /// The sample with one cell (1-based line and column) replaced.
    static func sample(line: Int, column: Int, set value: String) -> String {
        sample(editingLine: line) { text in
            var cells = text.components(separatedBy: "\t")
            cells[column - 1] = value
            return cells.joined(separator: "\t")
        }
    }

    /// The department as JSON with the source path left out: two readings of the same table in
    /// different encodings or files must give the same bytes.
    static func modelJSON(_ department: Department?) throws -> String {
        var copy = try #require(department)
        copy.sourcePath = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(copy), as: UTF8.self)
    }
}

extension TableChecker.FileResult {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    var summary: String { diagnostics.map(\.formatted).joined(separator: "\n") }
}
