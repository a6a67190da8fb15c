import PerfsiteCore

/// The fragment normalizer on any text: it must not crash, its output must be a fixed point
/// (normalizing it again changes nothing), and no tag in it may be a script-bearing element, carry
/// an event-handler attribute or link to a javascript:, vbscript: or data: URL. The canonical
/// serializer escapes `<` in text and double-quotes every attribute, so every `<` starts a tag
/// and every `="` starts an attribute value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFragment(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let normalizer = FragmentNormalizer()
    let html = normalizer.normalize(text).fragment.html
    let again = normalizer.normalize(html).fragment.html
    precondition(html == again, "not idempotent: \(html.debugDescription) → \(again.debugDescription)")
    // Bytes, not Characters: a combining mark after `>` makes one grapheme of them, which is how
    // Swift compares Characters but not how a browser reads HTML.
    let bytes = Array(html.utf8)
    var index = 0
    while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
        guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else {
            preconditionFailure("unclosed tag in \(html.debugDescription)")
        }
        let tag = String(decoding: bytes[open...close], as: UTF8.self).lowercased()
        for element in ["<script", "<iframe", "<style", "<svg", "<math", "<object", "<embed", "<form"] {
            precondition(!tag.hasPrefix(element), "\(element) in \(html.debugDescription)")
        }
        var attributes = Substring(tag)
        while let equals = attributes.range(of: "=\"") {
            let name = attributes[..<equals.lowerBound].unicodeScalars.reversed()
                .prefix { ("a"..."z").contains($0) || $0 == "-" }
            precondition(!String(String.UnicodeScalarView(name.reversed())).hasPrefix("on"),
                "event handler in \(html.debugDescription)")
            let value = attributes[equals.upperBound...].prefix { $0 != "\"" }
            let compact = value.filter { !$0.isWhitespace }
            for scheme in ["javascript:", "vbscript:", "data:"] {
                precondition(!compact.hasPrefix(scheme), "\(scheme) URL in \(html.debugDescription)")
            }
            attributes = attributes[equals.upperBound...].dropFirst(value.count + 1)
        }
        index = close + 1
    }
    return 0
}
