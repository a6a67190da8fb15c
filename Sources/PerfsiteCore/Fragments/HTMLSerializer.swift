/// Writes sanitized nodes as canonical HTML: lower-case names, double-quoted attributes, the
/// minimum escaping that is safe in text and in attribute values. Written by hand rather than
/// through libxml2's serializer, which percent-encodes `href` values and, in 2.9.14, writes every
/// non-ASCII character as a numeric reference — output perfsite then could not compare for
/// idempotence or read in the page source.
public enum HTMLSerializer {
    static let voidElements: Set<String> = ["br"]

    public static func html(_ nodes: [HTMLNode]) -> String {
        var output = ""
        for node in nodes { write(node, to: &output) }
        return output
    }

    private static func write(_ node: HTMLNode, to output: inout String) {
        switch node {
        case .text(let text):
            output += escapeText(text)
        case .comment:
            break
        case .element(let name, let attributes, let children):
            output += "<" + name
            for attribute in attributes {
                output += " " + attribute.name + "=\"" + escapeAttribute(attribute.value) + "\""
            }
            output += ">"
            if voidElements.contains(name) { return }
            for child in children { write(child, to: &output) }
            output += "</" + name + ">"
        }
    }

    /// Text content: `& < >` escaped (byte-wise, see HTMLEscaping).
    public static func escapeText(_ text: String) -> String { HTMLEscaping.escapeText(text) }

    /// Attribute values: `& < > " '` escaped (byte-wise, see HTMLEscaping).
    public static func escapeAttribute(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// The text a reader sees, with block boundaries as line breaks and runs of spaces collapsed:
    /// for search, CSV and the printed table.
    public static func plainText(_ nodes: [HTMLNode]) -> String {
        var lines: [String] = []
        var current = ""
        func breakLine() {
            let line = collapsingWhiteSpace(current)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }
        func walk(_ node: HTMLNode) {
            switch node {
            case .text(let text): current += text
            case .comment: break
            case .element(let name, _, let children):
                let isBlock = ["p", "li", "tr", "ul", "ol", "table", "thead", "tbody"].contains(name)
                if isBlock || name == "br" { breakLine() }
                if name == "td" || name == "th" { current += " " }
                children.forEach(walk)
                if isBlock { breakLine() }
            }
        }
        nodes.forEach(walk)
        breakLine()
        return lines.joined(separator: "\n")
    }

    /// The words of `text` (split at white space, as `split(whereSeparator: \.isWhitespace)` splits
    /// on Characters) joined with single spaces. On the UTF-8 bytes when every scalar is one that
    /// is always a Character of its own (`Unicode.Scalar.standsAlone`), where Characters and scalars split alike
    /// and the white space scalars are `isBlank`'s: splitting on Characters looked up each one's
    /// Unicode properties, 1% of a 1,000-department build (perf). Otherwise (a combining mark
    /// after a space joins it into one Character) on Characters, as before.
    static func collapsingWhiteSpace(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy(\.standsAlone) else {
            return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var collapsed: [UInt8] = []
        text.withUTF8Bytes { bytes in
            collapsed.reserveCapacity(bytes.count)
            var offset = 0
            var spaceDue = false
            while offset < bytes.count {
                let (width, isBlank) = String.blankWidth(bytes, at: offset)
                if isBlank {
                    spaceDue = !collapsed.isEmpty
                } else {
                    if spaceDue { collapsed.append(0x20) }
                    spaceDue = false
                    collapsed.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + width)]))
                }
                offset += width
            }
        }
        return String(decoding: collapsed, as: UTF8.self)
    }
}
