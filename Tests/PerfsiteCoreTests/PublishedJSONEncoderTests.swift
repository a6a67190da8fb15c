import Foundation
import Testing

@testable import PerfsiteCore

/// The hand-written encoder of the JSON downloads and `check --format json` must write exactly the
/// bytes of Foundation's JSONEncoder with perfsite's options, on real models and on odd values.
@Suite struct PublishedJSONEncoderTests {
    static func foundation<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    static func expectSameBytes<Value: Encodable>(_ value: Value, _ comment: Comment? = nil) throws {
        let ours = try PublishedJSONEncoder().encode(value)
        let theirs = try foundation(value)
        #expect(ours == theirs, comment)
        if ours != theirs {
            let index = zip(ours, theirs).prefix { $0 == $1 }.count
            let around = { (bytes: [UInt8]) in
                String(decoding: bytes[max(0, index - 80)..<min(bytes.count, index + 80)], as: UTF8.self)
            }
            Issue.record("first difference at byte \(index): ours «\(around(ours))» theirs «\(around(theirs))»")
        }
    }

    @Test func sampleAndProjectTableModels() throws {
        let sample = TestSupport.check(bytes: TestSupport.sampleBytes, path: TestSupport.samplePath)
        try Self.expectSameBytes(try #require(sample.department))
        try Self.expectSameBytes(sample.diagnostics)
        let project = TestSupport.check(TestSupport.projectTableText, path: "Content/2026/项目表.tsv")
        try Self.expectSameBytes(try #require(project.projectTable))
    }

    @Test func syntheticCorpusModels() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-json-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", TestSupport.packageRoot.appendingPathComponent("Benchmarks/synth.py").path, "--departments",
            "60", "--out", folder.path,
        ]
        python.standardOutput = FileHandle.nullDevice
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 Benchmarks/synth.py failed")
        let report = TableChecker().check(paths: try ContentFinder.tableFiles(in: [folder.path]))
        #expect(report.departments.count == 60)
        for department in report.departments { try Self.expectSameBytes(department, "\(department.name)") }
        // The whole list at once, as `check --format json` writes it.
        try Self.expectSameBytes(report.departments)
    }

    struct Odd: Encodable {
        var text = "引号\" 反斜杠\\ 斜杠/ 控制\u{1}\u{8}\u{C}\n\r\t\u{1F} 组合\"\u{301} emoji 🧾 \u{2028}"
        var numbers: [Double] = [98, 0.1, 1_022.51, -0.5, 1e21, 123_456_789.125, 0]
        var decimals: [Decimal] = [Decimal(string: "1944.64")!, Decimal(string: "0.00")!, Decimal(string: "-12")!]
        var integers: [Int] = [0, -1, Int.max]
        var flags = [true, false]
        var missing: String? = nil
        var present: Int? = 3
        var empty: [String] = []
        var emptyObject: [String: Int] = [:]
        var dictionary = ["b": 1, "a": 2, "Z": 3, "a10": 4, "a9": 5, "中": 6]
        var nested: [[String: [Int]]] = [["x": [1, 2]], [:]]
    }

    @Test func oddValues() throws {
        try Self.expectSameBytes(Odd())
        try Self.expectSameBytes("/only a string/")
        try Self.expectSameBytes([Odd(), Odd()])
        #expect(throws: EncodingError.self) { try PublishedJSONEncoder().encode([Double.nan]) }
    }
}
