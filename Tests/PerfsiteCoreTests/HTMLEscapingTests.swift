import Testing

@testable import PerfsiteCore

/// Escaping on bytes: a quote or bracket followed by a combining mark is one Character to Swift
/// and still a quote to a browser (found by fuzzing the normalizer).
@Suite struct HTMLEscapingTests {
    @Test(arguments: ["\"\u{301}", "'\u{301}", "<\u{65B}", ">\u{20DD}", "&\u{301}"])
    func combiningMarksDoNotHideSpecials(_ text: String) {
        let escaped = HTMLEscaping.escape(text + " onmouseover=alert(1)")
        #expect(!escaped.unicodeScalars.contains { "\"'<>".unicodeScalars.contains($0) })
        #expect(escaped.hasPrefix("&"))
        #expect(!HTMLSerializer.escapeAttribute(text).unicodeScalars.contains { "\"'<>".unicodeScalars.contains($0) })
        #expect(!HTMLSerializer.escapeText(text).unicodeScalars.contains { "<>".unicodeScalars.contains($0) })
    }

    @Test func plainTextIsUntouched() {
        let text = "洛阳高新区 1,944.64 万元"
        #expect(HTMLEscaping.escape(text) == text)
        #expect(HTMLEscaping.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
    }

    /// The run-copying escaper against the plainest one (a byte at a time, written here), at the
    /// start, the end, side by side and between multi-byte characters, after what is already in
    /// the buffer, with and without quotes.
    @Test(arguments: [
        "", "&", "<<>>", "a&b<c>d\"e'f", "洛阳&高新\"区'", "&\u{301}末", "'开头", "结尾\"", "纯中文没有特殊字符",
        String(repeating: "预算<公开>&", count: 200),
    ])
    func escapesLikeOneByteAtATime(_ text: String) {
        func plain(_ quotes: Bool) -> [UInt8] {
            text.utf8.flatMap { byte -> [UInt8] in
                switch byte {
                case 0x26: Array("&amp;".utf8)
                case 0x3C: Array("&lt;".utf8)
                case 0x3E: Array("&gt;".utf8)
                case 0x22 where quotes: Array("&quot;".utf8)
                case 0x27 where quotes: Array("&#39;".utf8)
                default: [byte]
                }
            }
        }
        var bytes = Array("前缀".utf8)
        HTMLEscaping.append(text, escapedTo: &bytes)
        #expect(bytes == Array("前缀".utf8) + plain(true))
        #expect(Array(HTMLEscaping.escape(text).utf8) == plain(true))
        #expect(Array(HTMLEscaping.escapeText(text).utf8) == plain(false))
    }
}
