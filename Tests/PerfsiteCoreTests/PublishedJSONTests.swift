import Foundation
import Testing

@testable import PerfsiteCore

/// The JSON downloads, written from `JSONValue`, must be exactly the bytes of Foundation's
/// JSONEncoder with perfsite's options on the same models' `Encodable` conformances, on real
/// models and on odd values.
@Suite struct PublishedJSONTests {
    static func foundation<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    static func expectSameBytes<Value: Encodable & JSONRepresentable>(_ value: Value, _ comment: Comment? = nil)
        throws
    {
        try expectSameBytes(value.jsonValue, value, comment)
    }

    static func expectSameBytes<Value: Encodable>(_ json: JSONValue, _ value: Value, _ comment: Comment? = nil) throws {
        let ours = json.bytes
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
        let project = TestSupport.check(TestSupport.projectTableText, path: "Content/2026/项目表.tsv")
        try Self.expectSameBytes(try #require(project.projectTable))
    }

    @Test func syntheticCorpusModels() throws {
        let folder = try TestSupport.syntheticCorpus(departments: 60, name: "json")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = TableChecker().check(paths: try ContentFinder.tableFiles(in: [folder.path]))
        #expect(report.departments.count == 60)
        for department in report.departments { try Self.expectSameBytes(department, "\(department.name)") }
        try Self.expectSameBytes(JSONValue(report.departments), report.departments)
    }

    /// Text that needs escaping, numbers of every shape, absent and empty members, nesting.
    struct Odd: Encodable, JSONRepresentable {
        var text = "引号\" 反斜杠\\ 斜杠/ 控制\u{1}\u{8}\u{C}\n\r\t\u{1F}\u{7F} 组合\"\u{301} emoji 🧾 \u{2028}"
        var decimals: [Decimal] = ["1944.64", "0.00", "-12", "98", "0.5", "100.10", "12345678901234.5"].map {
            Decimal(string: $0)!
        }
        var amounts: [Amount] = ["1,944.64", "0", "-12.5", "60.00", "1022.51", "0.05"].compactMap {
            if case .amount(let amount) = Amount.parse($0, unit: .tenThousandYuan) { amount } else { nil }
        }
        var integers: [Int] = [0, -1, Int.max]
        var flags = [true, false]
        var missing: String? = nil
        var present: Int? = 3
        var empty: [String] = []
        var emptyObject: [String: Int] = [:]
        var dictionary = ["b": 1, "a": 2, "Z": 3, "a10": 4, "a9": 5, "中": 6, "_": 7]
        var nested: [[String: [Int]]] = [["x": [1, 2]], [:]]

        var jsonValue: JSONValue {
            .members([
                ("text", .string(text)), ("decimals", .array(decimals.map(JSONValue.init))),
                ("amounts", JSONValue(amounts)), ("integers", JSONValue(integers)),
                ("flags", .array(flags.map(JSONValue.bool))), ("missing", missing.map(JSONValue.string)),
                ("present", present.map(JSONValue.init)), ("empty", JSONValue(empty)), ("emptyObject", .object([])),
                ("dictionary", .object(dictionary.map { ($0.key, JSONValue($0.value)) })),
                ("nested", .array(nested.map { .object($0.map { ($0.key, JSONValue($0.value)) }) })),
            ])
        }
    }

    @Test func oddValues() throws {
        let odd = Odd()
        #expect(odd.amounts.count == 6)
        try Self.expectSameBytes(odd)
        try Self.expectSameBytes(.string("/only a string/"), "/only a string/")
        try Self.expectSameBytes(.array([odd.jsonValue, .null]), [odd, nil])
        try Self.expectSameBytes(.array([]), [Int]())
    }
}
