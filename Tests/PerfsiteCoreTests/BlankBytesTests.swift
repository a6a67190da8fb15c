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
