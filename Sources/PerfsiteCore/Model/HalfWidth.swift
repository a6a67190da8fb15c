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

    /// Trimmed of spaces (ASCII, NBSP, ideographic), tabs and line breaks at both ends.
    public var trimmedCell: String {
        let isBlank: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = lastIndex(where: { !isBlank($0) })!
        return String(self[first...last])
    }

    /// Whitespace-separated words, where whitespace includes NBSP and the ideographic space,
    /// which exports from Chinese office software put between flattened indicator names.
    public var whitespaceSeparatedWords: [String] {
        split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}
