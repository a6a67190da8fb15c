import Foundation
import Testing

@testable import PerfsiteCore

/// `ExactTextTable` finds what a Dictionary keyed by `ExactText` finds, and nothing else.
@Suite struct ExactTextTableTests {
    let names = [
        "成本指标", "产出指标", "效益指标", "满意度指标", "效果指标", "经济成本指标", "经济成本", "数量指标", "质量指标",
        "时效指标", "", "a", "ab", "ba", "café", "cafe\u{301}",
    ]

    @Test func findsWhatTheDictionaryFinds() {
        let table = ExactTextTable(names.enumerated().map { (text: $0.element, value: $0.offset) })
        let dictionary = Dictionary(uniqueKeysWithValues: names.enumerated().map { (ExactText($0.element), $0.offset) })
        var words = names + ["成本", "指标", "成本指标 ", " 成本指标", "成本指表", "产出指", "满意\u{FA01}指标", "abc", "A"]
        words += names.map { $0 + "指标" } + names.map { String($0.dropLast()) }
        for word in words {
            #expect(table[word] == dictionary[ExactText(word)], "«\(word)»")
        }
        #expect(table["café"] != table["cafe\u{301}"], "bytes, not canonical equivalence")
    }

    /// Equal whatever order the entries came in: the vocabulary is Hashable and built from
    /// dictionaries.
    @Test func orderOfEntriesDoesNotMatter() {
        let entries = names.enumerated().map { (text: $0.element, value: $0.offset) }
        #expect(ExactTextTable(entries) == ExactTextTable(entries.reversed()))
        #expect(ExactTextTable(entries) != ExactTextTable(Array(entries.dropFirst())))
    }
}

/// `CanonicalTextTable` answers as the String dictionary it was made from.
@Suite struct CanonicalTextTableTests {
    @Test func answersAsTheDictionary() {
        let dictionary = [
            "满意度指标": 1, "café": 2, "e\u{301}t\u{E9}": 3, "\u{F900}": 4, "指标": 5, "": 6, "社会成本指标": 7,
        ]
        let table = CanonicalTextTable(dictionary)
        var words = Array(dictionary.keys) + ["满意\u{FA01}指标", "cafe\u{301}", "\u{E9}te\u{301}", "\u{8C48}", "指", "x"]
        words += ["\u{FA4C}会成本指标", "社会成本指标\u{301}", "满意度指标 "]
        for word in words {
            #expect(table[word] == dictionary[word], "\(Array(word.unicodeScalars))")
        }
        #expect(table["满意\u{FA01}指标"] == 1 && table["cafe\u{301}"] == 2, "canonically equal spellings are found")
        #expect(table == CanonicalTextTable(dictionary) && table != CanonicalTextTable(["café": 2]))
    }
}
