extension String {
    /// Full-width ASCII forms (U+FF01…U+FF5E) folded to ASCII and the ideographic space to a space.
    /// Tables typed with a Chinese input method mix `１２３．４５` and `＞＝` with ASCII; numbers and
    /// comparators are read through this, while the text shown to citizens keeps what was written.
    public var halfWidth: String {
        guard unicodeScalars.contains(where: { $0.value >= 0x3000 && ($0.value <= 0x3000 || $0.value >= 0xFF01) })
        else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Trimmed of spaces (ASCII, NBSP, ideographic), tabs and line breaks at both ends. The blanks
    /// are found on the UTF-8 bytes (`blankWidth`, `trailingBlankWidth`): every cell read is
    /// trimmed, and decoding scalars from both ends to test them was 0.5% of a build (perf).
    public var trimmedCell: String {
        let (start, end) = withUTF8Bytes { bytes -> (Int, Int) in
            var start = 0
            while start < bytes.count {
                let (width, isBlank) = Self.blankWidth(bytes, at: start)
                guard isBlank else { break }
                start += width
            }
            var end = bytes.count
            while end > start, let width = Self.trailingBlankWidth(bytes, end: end) { end -= width }
            return (start, end)
        }
        if start == 0 && end == utf8.count { return self }
        if start == end { return "" }
        let utf8 = utf8
        return String(
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]))
    }

    /// The width of the blank scalar that ends right before `end`, or nil if the scalar there is
    /// not blank: the byte forms of `blankWidth`, read backwards.
    @inline(__always)
    static func trailingBlankWidth(_ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int? {
        let last = bytes[end - 1]
        if last < 0x80 { return isBlank(ascii: last) ? 1 : nil }
        if end >= 2 && bytes[end - 2] == 0xC2 && isBlank(afterC2: last) { return 2 }
        guard end >= 3 else { return nil }
        return isBlank(bytes[end - 3], bytes[end - 2], last) ? 3 : nil
    }

    @inline(__always)
    private static func isBlank(ascii byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// U+0085 and U+00A0: C2 85 and C2 A0.
    @inline(__always)
    private static func isBlank(afterC2 second: UInt8) -> Bool { second == 0x85 || second == 0xA0 }

    /// The blanks of three bytes: U+1680 is E1 9A 80; U+2000…U+200A, U+2028, U+2029 and U+202F
    /// are E2 80 80…8A, A8, A9, AF; U+205F is E2 81 9F; U+3000 is E3 80 80.
    @inline(__always)
    private static func isBlank(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        switch lead {
        case 0xE1: second == 0x9A && third == 0x80
        case 0xE2:
            (second == 0x80 && (third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF))
                || (second == 0x81 && third == 0x9F)
        case 0xE3: second == 0x80 && third == 0x80
        default: false
        }
    }

    /// Whitespace-separated words, where whitespace includes NBSP and the ideographic space,
    /// which exports from Chinese office software put between flattened indicator names.
    /// Words are cut from the UTF-8 bytes, and the blanks found there too (`blankWidth`):
    /// splitting the scalar view and rebuilding each word from scalars was a tenth of `check`, and
    /// decoding every scalar to test it was still half of splitting a cell (perf).
    public var whitespaceSeparatedWords: [String] {
        var words: [String] = []
        withUTF8Bytes { bytes in
            var wordStart = -1
            var offset = 0
            while offset < bytes.count {
                let (width, isBlank) = Self.blankWidth(bytes, at: offset)
                if isBlank {
                    if wordStart >= 0 {
                        words.append(
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<offset]), as: UTF8.self))
                        wordStart = -1
                    }
                } else if wordStart < 0 {
                    wordStart = offset
                }
                offset += width
            }
            if wordStart >= 0 {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<offset]), as: UTF8.self))
            }
        }
        return words
    }

    /// The width of the scalar whose UTF-8 starts at `offset`, and whether it is blank
    /// (`Unicode.Scalar.isBlank`), read from its bytes.
    @inline(__always)
    static func blankWidth(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (width: Int, isBlank: Bool) {
        let lead = bytes[offset]
        if lead < 0x80 { return (1, isBlank(ascii: lead)) }
        if lead < 0xE0 { return (2, lead == 0xC2 && offset + 1 < bytes.count && isBlank(afterC2: bytes[offset + 1])) }
        guard lead < 0xF0 else { return (4, false) }
        guard offset + 2 < bytes.count else { return (3, false) }
        return (3, isBlank(lead, bytes[offset + 1], bytes[offset + 2]))
    }

    /// The first scalar that is not blank, folded as `halfWidth` folds it: a cheap test that rules
    /// out most cells before the folded, trimmed copy is made.
    var firstFoldedScalar: Unicode.Scalar? {
        guard let first = unicodeScalars.first(where: { !$0.isBlank }) else { return nil }
        return first.halfWidthFolded
    }
}

extension Unicode.Scalar {
    /// The scalar as `String.halfWidth` folds it.
    var halfWidthFolded: Unicode.Scalar {
        switch value {
        case 0xFF01...0xFF5E: Unicode.Scalar(value - 0xFEE0)!
        case 0x3000: " "
        default: self
        }
    }

    /// White space as table cells have it. Checked on scalars, not Characters: this runs on every
    /// cell, and grapheme breaking plus Unicode property lookups dominated the profile of `check`.
    @inline(__always) var isBlank: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            true
        default: false
        }
    }
}
