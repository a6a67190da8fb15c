import Foundation
import Testing

@testable import PerfsiteCore

/// The JSON downloads, written with `JSONWriter`, must be exactly the bytes of Foundation's
/// JSONEncoder with perfsite's options on the same models' `Encodable` conformances, on real
/// models and on odd values.
@Suite struct PublishedJSONTests {
    static func foundation<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    static func expectSameBytes<Value: Encodable & JSONWritable>(_ value: Value, _ comment: Comment? = nil)
        throws
    {
        try expectSameBytes(JSONWriter.bytes(of: value), value, comment)
    }

    static func expectSameBytes<Value: Encodable>(_ ours: [UInt8], _ value: Value, _ comment: Comment? = nil) throws {
        let theirs = try foundation(value)
        // Compared first, so that a failure prints where they differ rather than both files' bytes.
        let same = ours == theirs
        #expect(same, comment)
        if !same {
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
        try Self.expectSameBytes(report.departments)
    }

    /// Text that needs escaping, numbers of every shape, absent and empty members, nesting.
    struct Odd: Encodable, JSONWritable {
        var text = "引号\" 反斜杠\\ 斜杠/ 控制\u{1}\u{8}\u{C}\n\r\t\u{1F}\u{7F} 组合\"\u{301} emoji 🧾 \u{2028}"
        var decimals: [Decimal] =
            [
                "1944.64", "0.00", "-12", "98", "0.5", "100.10", "12345678901234.5", "-0.005", "1e3",
                "0.000000000000000000000007", "18446744073709551615", "18446744073709551616",
                "1234567890123456789012345678.9", "-98765432109876543210",
            ].map { Decimal(string: $0)! } + [.nan]
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

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.member("amounts", amounts)
                json.member("decimals", decimals)
                json.member("dictionary", sorted: dictionary)
                json.member("empty", empty)
                json.member("emptyObject", sorted: emptyObject)
                json.member("flags", flags)
                json.member("integers", integers)
                json.member("missing", ifPresent: missing)
                json.key("nested")
                json.array(nested) { json, element in json.object { json in json.members(sorted: element) } }
                json.member("present", ifPresent: present)
                json.member("text", text)
            }
        }
    }

    @Test func oddValues() throws {
        let odd = Odd()
        #expect(odd.amounts.count == 6)
        try Self.expectSameBytes(odd)
        try Self.expectSameBytes("/only a string/")
        var optionals = JSONWriter()
        optionals.array([odd, nil]) { json, element in
            if let element { element.write(to: &json) } else { json.null() }
        }
        try Self.expectSameBytes(optionals.bytes, [odd, nil])
        try Self.expectSameBytes([Int]())
        try Self.expectSameBytes([[Decimal]]([[], [1, 2.5]]))
    }

    /// Decimals are spelled from their significand and exponent, not by `description`: the same
    /// text for every length of significand up to 20 digits, trailing zeros, both signs and
    /// exponents from -30 to 8.
    @Test func decimalsAsDescriptionSpellsThem() {
        var generator = SystemRandomNumberGenerator()
        var differences: [String] = []
        for round in 0..<40_000 {
            let digits = round % 20 + 1
            var significand = UInt64.random(in: 0...UInt64.max, using: &generator)
            if digits < 20 { significand %= (0..<digits).reduce(UInt64(1)) { power, _ in power * 10 } }
            if round % 5 == 0 { significand = significand / 1000 * 1000 }
            let decimal = Decimal(
                sign: round % 3 == 0 ? .minus : .plus, exponent: Int.random(in: -30...8, using: &generator),
                significand: Decimal(significand))
            var json = JSONWriter()
            json.number(decimal)
            if String(decoding: json.bytes, as: UTF8.self) != decimal.description, differences.count < 5 {
                differences.append("\(decimal.description) written as \(String(decoding: json.bytes, as: UTF8.self))")
            }
        }
        #expect(differences.isEmpty)
    }
}

extension JSONWriter {
    /// A dictionary's members in `.sortedKeys` order, which for these keys is their bytes' order.
    fileprivate mutating func members<Value: JSONWritable>(sorted dictionary: [String: Value]) {
        for key in dictionary.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            self.key(escaping: key)
            dictionary[key]!.write(to: &self)
        }
    }

    fileprivate mutating func member<Value: JSONWritable>(_ name: StaticString, sorted dictionary: [String: Value]) {
        key(name)
        object { json in json.members(sorted: dictionary) }
    }
}
