import Foundation

/// A String hashed and compared by its UTF-8 bytes, not by its canonical form: a String's hash
/// and equality look at every character's normalization, which for Chinese text costs more than
/// the lookup itself. For keys where the bytes are what matters (an archive's string table), or
/// where the text is known to be its own canonical form (`IndicatorVocabulary`'s names).
public struct ExactText: Hashable, Sendable {
    public var text: String

    public init(_ text: String) { self.text = text }

    public static func == (left: ExactText, right: ExactText) -> Bool {
        left.text.withUTF8Bytes { leftBytes in
            right.text.withUTF8Bytes { rightBytes in
                leftBytes.count == rightBytes.count
                    && (leftBytes.isEmpty
                        || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        text.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether the text is made only of characters no canonical normalization changes, composes
    /// or reorders, so that it is its own NFC and NFD and equal as a String to another such text
    /// exactly when their bytes are: ASCII, Latin-1 symbols, × and ÷, general punctuation (the
    /// curly quotes of Chinese text), ℃ and its neighbours, ≤ and ≥, circled numbers, geometric
    /// shapes, CJK punctuation, ideographs and compatibility units, full-width and half-width
    /// forms. (Checked against Python's unicodedata: none of these has a canonical decomposition,
    /// a nonzero combining class, or is the second of a canonical composition.)
    public var isOwnCanonicalForm: Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x00...0x7F, 0xA0...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x2125,
                0x2264, 0x2265, 0x2460...0x24FF, 0x25A0...0x25FF, 0x3000...0x3029, 0x3030...0x303F,
                0x3200...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFE30...0xFE4F, 0xFF01...0xFFEF:
                true
            default: false
            }
        }
    }
}
