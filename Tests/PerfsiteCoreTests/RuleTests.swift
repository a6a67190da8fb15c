import Foundation
import Testing

@testable import PerfsiteCore

/// Every rule of the catalogue, triggered by a broken copy of the sample (or a small hostile file)
/// at the file:row:column a publisher would be sent to.
@Suite struct RuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var what: String
        var text: String?
        var bytes: [UInt8]?
        var path = "Content/2026/t.tsv"
        var row: Int
        var column: Int
        var messageContains: [String] = []

        var testDescription: String { "\(rule) \(what)" }
    }

    typealias S = TestSupport

    static let projectOne = 12

    static let cases: [Case] = [
        Case(
            rule: "R002", what: "neither UTF-8 nor GB18030", bytes: Array("a\tb\nc\td\n".utf8) + [0xFF, 0xFF, 0x0A],
            row: 3, column: 0),
        Case(rule: "R003", what: "empty file", text: "", row: 0, column: 0, messageContains: ["文件为空"]),
        Case(
            rule: "R003", what: "an xlsx under a .tsv name", bytes: [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], row: 0,
            column: 0,
            messageContains: ["ZIP"]),
        Case(
            rule: "R004", what: "a 1 MB cell", text: "a\t" + String(repeating: "长", count: 350_000) + "\n", row: 1,
            column: 2),
        Case(
            rule: "R005", what: "an unclosed CSV quote", text: "部门名称,\"abc\n", path: "Content/2026/t.csv", row: 1,
            column: 2),
        Case(
            rule: "L001", what: "a self-evaluation table", text: "\n2025年部门整体支出绩效自评表\n项目\t完成值\t得分\n成本\t1\t2\n", row: 0,
            column: 0,
            messageContains: ["自评表"]),
        Case(
            rule: "L002", what: "blank department name", text: S.sample(line: 5, column: 2, set: ""), row: 5, column: 1),
        Case(
            rule: "L003", what: "no year anywhere",
            text: S.sample(editingLine: 3) { $0.replacingOccurrences(of: "2026年", with: "") }, path: "Content/t.tsv",
            row: 3, column: 0),
        Case(
            rule: "L004", what: "no 年度指标值 column", text: S.sample(line: 11, column: 9, set: "备注"), row: 11, column: 0,
            messageContains: ["年度指标值"]),
        Case(
            rule: "L005", what: "staff count in words", text: S.sample(line: 6, column: 3, set: "一百四十七"), row: 6,
            column: 3),
        Case(
            rule: "B001", what: "stated total off",
            text: S.sample(editingLine: 9) { $0 + "\n\t合计\t1944.00\t合计\t1944.64" }, row: 10, column: 3,
            messageContains: ["1,944.64", "1,944.00"]),
        Case(
            rule: "B002", what: "a project amount changed", text: S.sample(line: projectOne, column: 5, set: "152.8"),
            row: 9, column: 3,
            messageContains: ["项目支出 922.13", "922.03"]),
        Case(
            rule: "B003", what: "income short of spending", text: S.sample(line: 8, column: 5, set: "1900"), row: 8,
            column: 5,
            messageContains: ["1,944.64", "1,900.00", "44.64"]),
        Case(
            rule: "B004", what: "basic expenditure in words", text: S.sample(line: 8, column: 3, set: "一千"), row: 8,
            column: 3),
        Case(
            rule: "B005", what: "a negative project amount", text: S.sample(line: 21, column: 5, set: "-468.42"),
            row: 21, column: 5),
        Case(
            rule: "B006", what: "finer than a fen", text: S.sample(line: projectOne, column: 5, set: "152.9000001"),
            row: projectOne,
            column: 5),
        Case(
            rule: "B007", what: "stated income total off",
            text: S.sample(editingLine: 9) { $0 + "\n\t合计\t1944.64\t合计\t1940" }, row: 10, column: 5),
        Case(
            rule: "B008", what: "project funds that do not add up",
            text: S.projectTableText.replacingOccurrences(of: "年度资金总额\t60.00", with: "年度资金总额\t70.00"),
            path: "Content/2026/项目.tsv", row: 5, column: 3, messageContains: ["年度资金总额 70.00"]),
        Case(rule: "P001", what: "a skipped number", text: S.sample(line: 14, column: 1, set: "4"), row: 14, column: 1),
        Case(
            rule: "P001", what: "a word for a number", text: S.sample(line: 14, column: 1, set: "三"), row: 14, column: 1
        ),
        Case(
            rule: "P002", what: "a nameless task", text: S.sample(line: projectOne, column: 2, set: ""),
            row: projectOne, column: 2),
        Case(
            rule: "P003", what: "no task source", text: S.sample(line: projectOne, column: 4, set: ""), row: projectOne,
            column: 4),
        Case(
            rule: "I001", what: "two output indicators",
            text: S.sample(editingLine: projectOne) {
                $0.replacingOccurrences(of: " 产出指标 时效指标 完成期限", with: "").replacingOccurrences(of: "98% 1年", with: "98%")
            }, row: projectOne, column: 6, messageContains: ["产出指标只有 2 个"]),
        Case(
            rule: "I002", what: "质量指标 under 效益指标",
            text: S.sample(editingLine: projectOne) { $0.replacingOccurrences(of: "效益指标 可持续影响指标", with: "效益指标 质量指标") },
            row: projectOne, column: 6),
        Case(
            rule: "I003", what: "a typo in a 二级 name",
            text: S.sample(editingLine: projectOne) { $0.replacingOccurrences(of: "产出指标 时效指标", with: "产出指标 时效指表") },
            row: projectOne, column: 6, messageContains: ["时效指标"]),
        Case(
            rule: "I004", what: "a value missing",
            text: S.sample(line: projectOne, column: 9, set: "100% 100% 98% 1年"), row: projectOne, column: 9),
        Case(
            rule: "I005", what: "the sample's own 0.98", text: S.sampleText, row: 13, column: 9,
            messageContains: ["98%"]),
        Case(
            rule: "I006", what: "Y for 是", text: S.sample(line: projectOne, column: 7, set: "Y"), row: projectOne,
            column: 7),
        Case(
            rule: "I007", what: "约 for a comparator", text: S.sample(line: projectOne, column: 8, set: "约"),
            row: projectOne, column: 8),
        Case(
            rule: "I008", what: "an XX% value",
            text: S.sample(line: projectOne, column: 9, set: "100% 100% XX% 1年 12个月"), row: projectOne, column: 9),
        Case(
            rule: "I008", what: "a 指标2: slot",
            text: S.sample(editingLine: projectOne) { $0.replacingOccurrences(of: "质量效果", with: "指标2:") },
            row: projectOne,
            column: 6),
        Case(
            rule: "I009", what: "a cell that starts with a 二级 name",
            text: S.sample(editingLine: projectOne) { $0.replacingOccurrences(of: "\t成本指标 经济成本指标", with: "\t经济成本指标") },
            row: projectOne, column: 6),
        Case(
            rule: "I010", what: "进度指标 for 时效指标",
            text: S.sample(editingLine: projectOne) { $0.replacingOccurrences(of: "产出指标 时效指标", with: "产出指标 进度指标") },
            row: projectOne, column: 6),
        Case(
            rule: "H001", what: "a script in the goals",
            text: S.sample(line: 10, column: 2, set: "<p>目标<script>alert(1)</script></p>"), row: 10, column: 2,
            messageContains: ["<script>"]),
        Case(
            rule: "H002", what: "goals nested 300 deep",
            text: S.sample(line: 10, column: 2, set: String(repeating: "<span>", count: 300) + "深"), row: 10, column: 2),
    ]

    @Test(arguments: cases)
    func ruleFiresAtTheCell(_ testCase: Case) throws {
        let result = S.check(bytes: testCase.bytes ?? Array(testCase.text!.utf8), path: testCase.path)
        let hit = result.diagnostics.first { $0.rule.id == testCase.rule }
        let diagnostic = try #require(hit, "no \(testCase.rule) in:\n\(result.summary)")
        #expect(diagnostic.location.file == testCase.path)
        #expect(diagnostic.location.row == testCase.row, "\(diagnostic.formatted)")
        #expect(diagnostic.location.column == testCase.column, "\(diagnostic.formatted)")
        #expect(diagnostic.severity == diagnostic.rule.severity)
        for fragment in testCase.messageContains {
            #expect(diagnostic.message.contains(fragment), "\(diagnostic.formatted)")
        }
    }

    @Test func unreadableFileNamesTheFile() {
        let result = TableChecker().check(path: "/nonexistent/2026/表.tsv")
        #expect(result.diagnostics.map(\.rule.id) == ["R001"])
        #expect(result.diagnostics.first?.formatted.hasPrefix("/nonexistent/2026/表.tsv: error[R001]") == true)
    }

    @Test func everyRuleIsCovered() {
        // Site rules (S) need several tables and settings; PerfsiteSiteTests covers them.
        let covered = Set(Self.cases.map(\.rule)).union(["R001"])
        #expect(Set(Rule.catalogue.map(\.id).filter { !$0.hasPrefix("S") }) == covered)
    }

    @Test func docsRulesIsTheCatalogue() throws {
        let docs = try String(contentsOf: S.packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(
            docs == Rule.catalogueMarkdown(),
            "regenerate with: swift run perfsite rules --format markdown > docs/rules.md")
    }

    @Test func catalogueIdsAreUnique() {
        #expect(Set(Rule.catalogue.map(\.id)).count == Rule.catalogue.count)
    }

    @Test func strictTurnsWarningsIntoErrors() {
        let report = CheckReport(files: [S.check(S.sampleText)])
        #expect(report.summary().errors == 0)
        #expect(report.summary(strict: true).errors == 1)
    }
}

@Suite struct VocabularyTests {
    /// What `canonicalLevel2` is defined to answer, from the vocabulary's String dictionaries: the
    /// written name if it is a 二级 name, else its alias's target, else the same for the name with
    /// 指标 appended.
    func defined(_ written: String, in vocabulary: IndicatorVocabulary) -> String? {
        let names = Set(vocabulary.level1.values.flatMap(\.level2.keys))
        for candidate in [written, written + "指标"] {
            if names.contains(candidate) { return candidate }
            if let target = vocabulary.level2Aliases[candidate] { return target }
        }
        return nil
    }

    /// `canonicalLevel2` is one lookup in a table of written forms; it answers as its definition
    /// does: the written name if it is a 二级 name, else its alias's target, else the same for the
    /// name with 指标 appended — for the national vocabulary and one with site aliases, on every
    /// name, alias and name without its 指标, and on words that are none of them.
    @Test func writtenFormsResolveAsDefined() throws {
        let national = IndicatorVocabulary.national
        let extended = try national.adding(level2Aliases: ["进度类指标": "时效指标", "服务对象满意": "服务对象满意度指标"])
        for vocabulary in [national, extended] {
            let names = Set(vocabulary.level1.values.flatMap(\.level2.keys))
            var words = Array(names) + Array(vocabulary.level2Aliases.keys) + ["", "指标", "成本", "质量指标指标", "满意度"]
            words += words.map { $0.hasSuffix("指标") ? String($0.dropLast(2)) : $0 + "指标" }
            for word in words {
                #expect(vocabulary.canonicalLevel2(word) == defined(word, in: vocabulary), "\(word)")
            }
            #expect(vocabulary.canonicalLevel2("经济成本") == "经济成本指标")
        }
    }

    /// Names are looked up by their bytes where that answers as a String lookup does, and as
    /// Strings otherwise: a word written with a CJK compatibility ideograph (U+FA01 for 度, U+FA4C
    /// for 社), a decomposed letter or a stray combining mark is found, or not, exactly as before.
    @Test func lookupsByBytesAnswerAsStringLookups() throws {
        let national = IndicatorVocabulary.national
        // An alias written decomposed (e + U+0301), as a perfsite.toml could.
        let extended = try national.adding(level2Aliases: ["进度类指标": "时效指标", "caf\u{65}\u{301}指标": "时效指标"])
        for vocabulary in [national, extended] {
            let level2Names = Set(vocabulary.level1.values.flatMap(\.level2.keys))
            var words = Array(vocabulary.level1.keys) + Array(level2Names) + Array(vocabulary.level2Aliases.keys)
            words += ["", " ", "abc", "ＡＢＣ", "café指标", "caf\u{65}\u{301}指标", "三级指标", "成本指标\u{301}", "指标"]
            let variants: [(String, String)] = [
                ("度", "\u{FA01}"), ("社", "\u{FA4C}"), ("益", "\u{FA17}"), ("标", "标\u{301}"),
            ]
            words += words.flatMap { word in variants.map { word.replacingOccurrences(of: $0.0, with: $0.1) } }
            let allWords = Set(words.map { Array($0.unicodeScalars) }).map { String(String.UnicodeScalarView($0)) }
            for word in allWords {
                #expect(vocabulary.isLevel1(word) == (vocabulary.level1[word] != nil), "\(Array(word.unicodeScalars))")
                #expect(vocabulary.isLegacyName(word) == vocabulary.legacyNames.contains(word), "\(word)")
                #expect(
                    vocabulary.canonicalLevel2(word) == defined(word, in: vocabulary), "\(Array(word.unicodeScalars))")
            }
            // resolve's category, found by bytes, is the one the String dictionaries give.
            for level1 in allWords where vocabulary.level1[level1] != nil {
                for level2 in allWords {
                    let expected = vocabulary.canonicalLevel2(level2).flatMap { vocabulary.level1[level1]?.level2[$0] }
                    if case .known(_, let category) = vocabulary.resolve(level1: level1, level2: level2) {
                        #expect(category == expected, "\(level1) \(level2)")
                    } else {
                        #expect(expected == nil, "\(level1) \(level2)")
                    }
                }
            }
            #expect(vocabulary.isLevel1("满意\u{FA01}指标"))
            #expect(
                vocabulary.resolve(level1: "满意\u{FA01}指标", level2: "服务对象满意\u{FA01}指标")
                    == .known(canonical: "服务对象满意度指标", category: .satisfaction))
        }
        #expect(extended.canonicalLevel2("café指标") == "时效指标", "composed, for an alias written decomposed")
    }

    /// Every character `ExactText.isOwnCanonicalForm` accepts is its own NFC and NFD in this
    /// Swift's Unicode data, with combining class 0; é, U+0301, U+FA01 and U+2260 (≠, = + U+0338)
    /// are not accepted.
    @Test func ownCanonicalFormsAreTheirOwnNormalizations() {
        var accepted = 0
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), ExactText(String(scalar)).isOwnCanonicalForm else { continue }
            accepted += 1
            let text = String(scalar)
            if text.decomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) == false
                || text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) == false
                || scalar.properties.canonicalCombiningClass != .notReordered
            {
                Issue.record("U+\(String(value, radix: 16)) changes under normalization")
            }
        }
        #expect(accepted > 28_000)
        for text in ["é", "e\u{301}", "\u{FA01}", "\u{2260}", "成本\u{301}"] {
            #expect(!ExactText(text).isOwnCanonicalForm)
        }
        #expect(ExactText("成本指标：“≥95%”").isOwnCanonicalForm)
    }
}
