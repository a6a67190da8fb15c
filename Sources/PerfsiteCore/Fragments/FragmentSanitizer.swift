/// The allowlist applied to every HTML fragment from a table. Nothing outside it reaches a page:
/// a disclosure site is a government site, and the tables come from many hands.
///
/// Allowed elements keep only the attributes listed for them; elements whose content is code or
/// embedded media are dropped with their content; any other element is unwrapped to its content;
/// comments go. URLs are judged on the decoded value with whitespace and control characters
/// removed and letters lower-cased — the way a browser reads `jav&#x09;ascript:` — and only
/// http, https and mailto survive (the model of DOMPurify, ammonia and OWASP's sanitizer).
public struct FragmentSanitizer: Sendable {
    public static let allowedElements: Set<String> = [
        "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li",
        "table", "thead", "tbody", "tr", "th", "td", "span", "a",
    ]

    /// Dropped together with everything inside them.
    public static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "form",
        "applet", "frame", "frameset", "noframes", "noembed", "xmp", "plaintext", "title", "head",
        "base", "link", "meta", "audio", "video", "canvas", "select", "textarea", "button",
    ]

    /// Allowed elements that mean nothing without content.
    static let droppedWhenEmpty: Set<String> = ["p", "span", "strong", "em", "b", "i", "u", "a", "li"]

    public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// One kind of thing removed, counted.
    public struct Removal: Sendable, Hashable {
        /// What was removed, as the warning says it (`<script> 元素及其内容`).
        public var description: String
        public var count: Int
    }

    public struct Result: Sendable {
        public var nodes: [HTMLNode]
        /// In order of first occurrence.
        public var removals: [Removal]
    }

    public init() {}

    public func sanitize(_ nodes: [HTMLNode]) -> Result {
        var log = RemovalLog()
        let clean = sanitize(nodes, log: &log)
        return Result(nodes: clean, removals: log.removals)
    }

    private struct RemovalLog {
        var removals: [Removal] = []
        mutating func note(_ description: String) {
            if let index = removals.firstIndex(where: { $0.description == description }) {
                removals[index].count += 1
            } else {
                removals.append(Removal(description: description, count: 1))
            }
        }
    }

    private func sanitize(_ nodes: [HTMLNode], log: inout RemovalLog) -> [HTMLNode] {
        var result: [HTMLNode] = []
        for node in nodes {
            switch node {
            case .text:
                result.append(node)
            case .comment:
                log.note("HTML 注释")
            case .element(let rawName, let attributes, let children):
                let name = rawName.lowercased()
                if Self.droppedWithContent.contains(name) {
                    log.note("<\(name)> 元素及其内容")
                } else if Self.allowedElements.contains(name) {
                    var kept = attributes.compactMap { keep($0, on: name, log: &log) }
                    let inner = sanitize(children, log: &log)
                    if inner.isEmpty && Self.droppedWhenEmpty.contains(name) {
                        // Word pastes leave empty paragraphs (<o:p></o:p> parses as <p>); they show nothing.
                        continue
                    }
                    if name == "a" {
                        // A link without a safe address is just its text.
                        guard kept.contains(where: { $0.name == "href" }) else {
                            result.append(contentsOf: inner)
                            continue
                        }
                        kept.append(HTMLAttribute(name: "rel", value: "noopener noreferrer"))
                    }
                    result.append(.element(name: name, attributes: kept, children: inner))
                } else {
                    log.note("不允许的 <\(name)> 标签(保留其中文字)")
                    result.append(contentsOf: sanitize(children, log: &log))
                }
            }
        }
        return Self.droppingSpaceBesideBlocks(result)
    }

    /// Elements a browser lays out as blocks: whitespace beside them shows nothing.
    static let blockElements: Set<String> = [
        "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    ]

    /// Whitespace-only text next to a block element is dropped, so `<p>1</p> <p>2</p>`, the same
    /// paragraphs on two lines of an HTML page, and `<p>1</p><p>2</p>` normalize alike — whichever
    /// format the table came in. Whitespace between inline elements (`<b>a</b> <i>b</i>`) stays.
    private static func droppingSpaceBesideBlocks(_ nodes: [HTMLNode]) -> [HTMLNode] {
        func isBlock(_ index: Int) -> Bool {
            guard nodes.indices.contains(index), case .element(let name, _, _) = nodes[index] else { return false }
            return blockElements.contains(name)
        }
        var result: [HTMLNode] = []
        for (index, node) in nodes.enumerated() {
            if case .text(let text) = node, text.allSatisfy(\.isWhitespace), isBlock(index - 1) || isBlock(index + 1) {
                continue
            }
            result.append(node)
        }
        return result
    }

    private func keep(_ attribute: HTMLAttribute, on element: String, log: inout RemovalLog) -> HTMLAttribute? {
        let name = attribute.name.lowercased()
        switch (element, name) {
        case ("a", "href"):
            guard let url = Self.safeURL(attribute.value) else {
                log.note("不安全的链接地址")
                return nil
            }
            return HTMLAttribute(name: "href", value: url)
        case ("td", "colspan"), ("td", "rowspan"), ("th", "colspan"), ("th", "rowspan"):
            guard let span = Int(attribute.value.trimmedCell), (1...1000).contains(span) else {
                log.note("无效的 \(name) 属性")
                return nil
            }
            return HTMLAttribute(name: name, value: String(span))
        case ("a", "rel"):
            return nil  // replaced by perfsite's own rel
        default:
            if name.hasPrefix("on") {
                log.note("事件属性(on…,可执行脚本)")
            } else {
                log.note("\(name) 属性")
            }
            return nil
        }
    }

    /// The URL to publish, or nil when its scheme is not allowed. Whitespace and control characters
    /// are removed everywhere (browsers strip tabs and newlines inside URLs), so the published value
    /// is exactly the one that was judged. Relative URLs are refused: a table's link has no page to
    /// be relative to.
    public static func safeURL(_ value: String) -> String? {
        let cleaned = String(
            String.UnicodeScalarView(
                value.unicodeScalars.filter { scalar in
                    !(scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                        || scalar.properties.generalCategory == .format || scalar.value == 0xFFFD)
                }))
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let scheme = cleaned[..<colon].lowercased()
        guard allowedSchemes.contains(scheme) else { return nil }
        if scheme != "mailto" && !cleaned[cleaned.index(after: colon)...].hasPrefix("//") { return nil }
        return cleaned
    }
}
