extension Unicode.Scalar {
    /// Whether no grapheme rule joins this scalar to a neighbour, so that it is a Character of its
    /// own wherever it stands (none is Extend, SpacingMark, Prepend, ZWJ, a regional indicator or
    /// a Hangul jamo; CR LF is one Character of two white space scalars): ASCII, Latin-1, general
    /// punctuation and the white space of U+2000…U+205F, letterlike symbols, arrows and
    /// mathematical operators, CJK symbols and punctuation (not the tone marks U+302A…U+302F),
    /// enclosed and compatibility CJK, the ideographs, CJK compatibility forms, and the full-width
    /// and half-width forms (not the voiced marks U+FF9E, U+FF9F). U+1680 is white space on its
    /// own. Where text holds only such scalars, code can read its bytes or scalars and find the
    /// Characters a String walk would (`HTMLSerializer.collapsingWhiteSpace`,
    /// `TargetValue.splitNumber`).
    var standsAlone: Bool {
        switch value {
        case 0x00...0xFF, 0x1680, 0x2000...0x200B, 0x2010...0x2029, 0x202F...0x205F, 0x2100...0x214F,
            0x2190...0x24FF, 0x25A0...0x25FF, 0x3000...0x3029, 0x3030...0x303F, 0x3200...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xFE30...0xFE4F, 0xFF01...0xFF9D, 0xFFA0...0xFFEF:
            true
        default: false
        }
    }
}
