import Foundation
import Testing

@testable import PerfsiteCore

/// Blanks found on UTF-8 bytes are `Unicode.Scalar.isBlank`'s, and words split on them are the
/// words split on scalars.
@Suite struct BlankBytesTests {
    /// Every scalar, from its bytes: the width and the blankness its scalar has.
    @Test func everyScalar() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8)
            let (width, isBlank) = bytes.withUnsafeBufferPointer { String.blankWidth($0, at: 0) }
            if width != bytes.count || isBlank != scalar.isBlank { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
    }

    /// Trimming on bytes gives what trimming on scalars gave, for every blank at either end,
    /// texts that are all blank, and 3,000 random texts.
    @Test func trimmedAsOnScalars() {
        func reference(_ text: String) -> String {
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
            let last = scalars.lastIndex(where: { !$0.isBlank })!
            return String(scalars[first...last])
        }
        let blanks = (UInt32(0)...0x3000).compactMap(Unicode.Scalar.init).filter(\.isBlank).map(String.init)
        var texts = ["", "a", "合计", " 合计 ", "\u{3000}\u{A0}"] + blanks + blanks.map { $0 + "中" + $0 }
        texts += blanks.map { "中" + $0 + "\u{301}" } + blanks.map { "\u{301}" + $0 + "x" }
        let pieces =
            blanks + [
                "中", "a", "é", "\u{301}", "\u{2030}", "\u{2080}", "\u{3001}", "\u{E080}", "𠀀", "¥", "Å", "à",
                "\u{1000}",
            ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            #expect(text.trimmedCell == reference(text), "«\(Array(text.unicodeScalars))»")
        }
    }

    @Test func wordsAsScalarsSplitThem() {
        func reference(_ text: String) -> [String] {
            text.unicodeScalars.split(whereSeparator: \.isBlank).map { String(String.UnicodeScalarView($0)) }
        }
        let pieces = [
            "成本指标", "a", "1", " ", "\t", "\u{A0}", "\u{3000}", "\u{2003}", "\u{200B}", "\u{2028}", "\u{85}",
            "\u{1680}", "\u{205F}", "\u{202F}", "é", "e\u{301}", "𠀀", "\n", "\r\n",
        ]
        var texts = ["", " ", "成本指标 经济成本指标\u{3000}成本控制:在预算范围之内。"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            #expect(text.whitespaceSeparatedWords == reference(text), "«\(text)»")
        }
    }
}

/// Fragment text collapses white space on bytes as it did on Characters.
@Suite struct CollapsingWhiteSpaceTests {
    @Test func asOnCharacters() {
        func reference(_ text: String) -> String {
            text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        let pieces = [
            "进一步完善", "a", "1.5", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{A0}", "\u{3000}", "\u{2003}",
            "\u{200B}", "\u{2028}", "\u{85}", "\u{1680}", "\u{205F}", "\u{301}", "\u{200D}", "\u{FE0F}", "ﾞ",
            "か\u{3099}",
            "\u{302A}", "한", "\u{1100}\u{1161}", "🇨🇳", "👩‍💻", "é", "\u{AD}", "（", "，", "℃", "①",
        ]
        var texts = ["", " ", " 完善 机关\u{3000}后勤 ", "a \u{301}b", "x\u{A0}\u{301}y"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            #expect(HTMLSerializer.collapsingWhiteSpace(text) == reference(text), "«\(Array(text.unicodeScalars))»")
        }
    }

    /// Every scalar `Unicode.Scalar.standsAlone` accepts starts a Character after any other accepted one, and
    /// none joins the one before: each pair of them is two Characters.
    @Test func acceptedScalarsAreCharactersOfTheirOwn() {
        let accepted = (UInt32(0)...0xFFFF).compactMap(Unicode.Scalar.init).filter(\.standsAlone)
        let probes: [Unicode.Scalar] = ["a", " ", "\u{3000}", "中", "ｱ", "\u{85}", "\r"]
        var joined: [String] = []
        for scalar in accepted {
            for probe in probes {
                for pair in [[probe, scalar], [scalar, probe]] where !(pair == ["\r", "\n"]) {
                    var text = String.UnicodeScalarView()
                    text.append(contentsOf: pair)
                    if String(text).count != 2 {
                        joined.append(String(pair[0].value, radix: 16) + "+" + String(pair[1].value, radix: 16))
                    }
                }
            }
        }
        #expect(joined.isEmpty, "\(joined.prefix(10))")
    }
}
