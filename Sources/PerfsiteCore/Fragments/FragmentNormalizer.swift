/// HTML from a table cell → a `Fragment` that is safe to publish and canonical: normalizing its
/// output again changes nothing. Canonical matters twice over: the same table always yields the
/// same bytes, and the parse → sanitize → serialize round trip cannot be used to smuggle markup
/// that only appears on a second parse (mutation XSS). The output is therefore re-parsed until it
/// is a fixed point, which a well-formed fragment reaches at once.
public struct FragmentNormalizer: Sendable {
    public struct Outcome: Sendable {
        public var fragment: Fragment
        /// What the sanitizer removed from the source, for H001.
        public var removals: [FragmentSanitizer.Removal]
        /// Why the source could not be parsed whole (H002); the fragment then holds what was read.
        public var failure: String?
    }

    private let sanitizer = FragmentSanitizer()
    private static let maxRounds = 4

    public init() {}

    /// The fragment of a table cell and the diagnostics its cleaning raised (H001 per kind of
    /// removal, H002 when it could not be parsed whole), at the cell — what every layout reports.
    public func normalize(_ input: String, field: String, at location: SourceLocation) -> (Fragment, [Diagnostic]) {
        let outcome = normalize(input)
        var diagnostics = outcome.removals.map {
            Diagnostic(.fragmentSanitized(field: field, removed: $0.description, count: $0.count), at: location)
        }
        if let failure = outcome.failure {
            diagnostics.append(Diagnostic(.fragmentUnparseable(field: field, problem: failure), at: location))
        }
        return (outcome.fragment, diagnostics)
    }

    public func normalize(_ input: String) -> Outcome {
        // libxml2 reads C strings: a NUL would silently end an attribute value and lose what
        // follows. HTML5 turns NUL into U+FFFD; so does perfsite, before parsing.
        let source = input.containsBytes("\u{0}") ? input.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : input
        let first = HTMLFragmentParser.parse(source)
        let sanitized = sanitizer.sanitize(first.nodes)
        var failure = first.fatal.map { "第 \($0.line) 行:\($0.message)" }
        var nodes = sanitized.nodes
        var html = HTMLSerializer.html(nodes)
        if html != source {
            var round = 1
            while round < Self.maxRounds {
                let again = sanitizer.sanitize(HTMLFragmentParser.parse(html).nodes).nodes
                let next = HTMLSerializer.html(again)
                nodes = again
                if next == html { break }
                html = next
                round += 1
            }
            if round == Self.maxRounds {
                // No fixed point: publish the text alone rather than markup that keeps changing.
                let text = HTMLSerializer.plainText(nodes)
                failure = failure ?? "HTML 结构无法规范化,已只保留文字"
                return Outcome(
                    fragment: Fragment(html: "<p>" + HTMLSerializer.escapeText(text) + "</p>", text: text),
                    removals: sanitized.removals, failure: failure)
            }
        }
        return Outcome(
            fragment: Fragment(html: html, text: HTMLSerializer.plainText(nodes)), removals: sanitized.removals,
            failure: failure)
    }

    /// A cell of plain text as a fragment: its markup is the escaped text.
    public static func plainText(_ text: String) -> Fragment {
        Fragment(html: HTMLSerializer.escapeText(text), text: text)
    }

    /// Whether a cell holds markup (a tag, an end tag, a comment or an entity) rather than text
    /// that merely contains `<` (`数量<5`): `<[A-Za-z!/?]` or `&#?[A-Za-z0-9]+;`, matched on bytes by
    /// hand because a Regex literal is parsed again on every call (a third of a 1,000-table check).
    public static func looksLikeMarkup(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        for (index, byte) in bytes.enumerated() {
            if byte == 0x3C, index + 1 < bytes.count {
                let next = bytes[index + 1]
                if (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next) || next == 0x21 || next == 0x2F
                    || next == 0x3F
                {
                    return true
                }
            } else if byte == 0x26 {
                var end = index + 1
                if end < bytes.count && bytes[end] == 0x23 { end += 1 }
                let start = end
                while end < bytes.count && isAlphanumeric(bytes[end]) { end += 1 }
                if end > start && end < bytes.count && bytes[end] == 0x3B { return true }
            }
        }
        return false
    }
}
