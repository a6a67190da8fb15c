/// Escaping for HTML text and attribute values, on UTF-8 bytes.
///
/// Not on Characters: Swift compares extended grapheme clusters, and `"` followed by a combining
/// mark (U+0301) is one Character that is not equal to `"` — an escaper that walks Characters
/// leaves that quote unescaped, and a browser, which reads code points, ends the attribute there.
/// Found by fuzzing the fragment normalizer; swift-mustache's HTML escaping walks Characters the
/// same way, so the templates' `{{value}}` goes through this one too (TemplateRendering).
public enum HTMLEscaping {
    /// Escapes `& < > " '`: safe in text and in double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String {
        escape(text, quotes: true)
    }

    /// Escapes `& < >` only: for text content.
    public static func escapeText(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// Appends `text` with `& < > " '` escaped: what a template's `{{value}}` writes.
    public static func append(_ text: String, escapedTo bytes: inout [UInt8]) {
        append(text, escapedTo: &bytes, quotes: true)
    }

    /// Appends `text` with `& < >` escaped: text content (the sitemap's addresses).
    public static func appendText(_ text: String, escapedTo bytes: inout [UInt8]) {
        append(text, escapedTo: &bytes, quotes: false)
    }

    /// The one escaper: runs of bytes that need nothing are copied whole — byte by byte, this was
    /// a sixth of rendering a page (perf), most text on these pages being Chinese with nothing to
    /// escape.
    static func append(_ text: String, escapedTo bytes: inout [UInt8], quotes: Bool) {
        text.withUTF8Bytes { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let entity: [UInt8]
                switch utf8[index] {
                case 0x26: entity = [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                case 0x3C: entity = [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                case 0x3E: entity = [0x26, 0x67, 0x74, 0x3B]  // &gt;
                case 0x22 where quotes: entity = [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                case 0x27 where quotes: entity = [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                bytes.append(contentsOf: entity)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    static func escape(_ text: String, quotes: Bool) -> String {
        let utf8 = text.utf8
        let needsWork = utf8.contains { byte in
            byte == 0x26 || byte == 0x3C || byte == 0x3E || (quotes && (byte == 0x22 || byte == 0x27))
        }
        guard needsWork else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        append(text, escapedTo: &bytes, quotes: quotes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
