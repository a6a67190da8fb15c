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
            let line = current.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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
}
