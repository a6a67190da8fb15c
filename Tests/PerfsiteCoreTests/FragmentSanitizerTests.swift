import Foundation
import Testing

@testable import PerfsiteCore

/// The fragment normalizer on hostile HTML: DOMPurify's payload corpus and targeted cases.
@Suite struct FragmentSanitizerTests {
    struct Payload: Decodable, Sendable, CustomTestStringConvertible {
        var title: String?
        var payload: String
        var testDescription: String { String((title ?? payload).prefix(60)) }
    }

    struct Corpus: Decodable {
        var cases: [Payload]
    }

    static let corpus: [Payload] = {
        let url = TestSupport.fixtures.appendingPathComponent("dompurify-payloads.json")
        return try! JSONDecoder().decode(Corpus.self, from: Data(contentsOf: url)).cases
    }()

    static let forbiddenElements = FragmentSanitizer.droppedWithContent

    /// Walks the published HTML by parsing it again (as a browser would) and collects what must
    /// never be there.
    static func violations(in html: String) -> [String] {
        var found: [String] = []
        func walk(_ nodes: [HTMLNode]) {
            for node in nodes {
                guard case .element(let name, let attributes, let children) = node else {
                    if case .comment = node { found.append("comment") }
                    continue
                }
                if forbiddenElements.contains(name) { found.append("<\(name)>") }
                if !FragmentSanitizer.allowedElements.contains(name) { found.append("unknown <\(name)>") }
                for attribute in attributes {
                    if attribute.name.hasPrefix("on") { found.append("\(attribute.name)=") }
                    if attribute.name == "style" { found.append("style=") }
                    let url = attribute.value.lowercased().filter { !$0.isWhitespace && !$0.isASCIIControlLike }
                    for scheme in ["javascript:", "vbscript:", "data:"] where url.contains(scheme) {
                        found.append(scheme)
                    }
                }
                walk(children)
            }
        }
        walk(HTMLFragmentParser.parse(html).nodes)
        return found
    }

    @Test(arguments: corpus)
    func domPurifyPayloadInGoals(_ payload: Payload) throws {
        let normalizer = FragmentNormalizer()
        let once = normalizer.normalize(payload.payload)
        #expect(Self.violations(in: once.fragment.html).isEmpty, "\(once.fragment.html)")
        let twice = normalizer.normalize(once.fragment.html)
        #expect(twice.fragment == once.fragment, "not idempotent")
        #expect(twice.removals.isEmpty, "the output still held something to remove: \(twice.removals)")
        // And through the whole pipeline, as the goals cell of the sample table.
        let cell = payload.payload.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        let text = TestSupport.sample(line: 10, column: 2, set: cell.hasPrefix("\"") ? " " + cell : cell)
        let result = TestSupport.check(text)
        let goals = try #require(result.department?.goals.value, "\(result.summary)")
        #expect(Self.violations(in: goals.html).isEmpty, "\(goals.html)")
    }

    @Test func corpusIsWhole() {
        #expect(Self.corpus.count == 223)
    }

    @Test func scriptIsDroppedWithItsContent() {
        let outcome = FragmentNormalizer().normalize("<p>前<script>alert(1)</script>后</p>")
        #expect(outcome.fragment.html == "<p>前后</p>")
        #expect(outcome.removals.map(\.description) == ["<script> 元素及其内容"])
    }

    @Test func unknownTagsAreUnwrapped() {
        let outcome = FragmentNormalizer().normalize("<p><font color=red>红字</font><o:p></o:p></p>")
        #expect(outcome.fragment.html == "<p>红字</p>")
        #expect(outcome.removals.contains { $0.description.contains("<font>") })
    }

    @Test func eventAndStyleAttributesGo() {
        let outcome = FragmentNormalizer().normalize(#"<p style="color:red" onclick="x()" class="MsoNormal">文</p>"#)
        #expect(outcome.fragment.html == "<p>文</p>")
        #expect(outcome.removals.count == 3)
    }

    @Test func safeLinksGetRel() {
        let outcome = FragmentNormalizer().normalize(#"<a href="https://www.mof.gov.cn/">财政部</a>"#)
        #expect(outcome.fragment.html == #"<a href="https://www.mof.gov.cn/" rel="noopener noreferrer">财政部</a>"#)
        #expect(outcome.removals.isEmpty)
    }

    @Test(arguments: [
        "javascript:alert(1)", "jav&#x09;ascript:alert(1)", " JAVASCRIPT:alert(1)", "java\u{0}script:x",
        "vbscript:msgbox",
        "data:text/html;base64,PHNjcmlwdD4=", "&#106;avascript:alert(1)", "jav\u{3000}ascript:x", "/relative/path",
        "//evil.example/x", "http:evil",
    ])
    func unsafeLinksBecomeText(_ href: String) {
        let outcome = FragmentNormalizer().normalize("<a href=\"\(href)\">点我</a>")
        #expect(outcome.fragment.html == "点我", "\(href) → \(outcome.fragment.html)")
    }

    @Test func tablesKeepTheirSpans() {
        let source =
            #"<table><tbody><tr><th colspan="2">指标</th></tr><tr><td rowspan="x">a</td><td>b</td></tr></tbody></table>"#
        let outcome = FragmentNormalizer().normalize(source)
        #expect(
            outcome.fragment.html
                == #"<table><tbody><tr><th colspan="2">指标</th></tr><tr><td>a</td><td>b</td></tr></tbody></table>"#)
    }

    @Test func textIsEscapedAndEntitiesDecoded() {
        let outcome = FragmentNormalizer().normalize("<p>数量 &lt; 5 &amp; 比例 &gt; 90%</p>")
        #expect(outcome.fragment.html == "<p>数量 &lt; 5 &amp; 比例 &gt; 90%</p>")
        #expect(outcome.fragment.text == "数量 < 5 & 比例 > 90%")
    }

    @Test func chineseSurvivesUnescaped() {
        let outcome = FragmentNormalizer().normalize("<p>确保机关大院正常办公秩序“高效事兴办”</p>")
        #expect(outcome.fragment.html == "<p>确保机关大院正常办公秩序“高效事兴办”</p>")
    }

    @Test func deepNestingIsAFailureNotASilentCut() {
        let outcome = FragmentNormalizer().normalize(String(repeating: "<span>", count: 10_000) + "深处的文字")
        #expect(outcome.failure != nil)
    }

    @Test func emptyAndWhitespace() {
        #expect(FragmentNormalizer().normalize("").fragment == .empty)
        #expect(FragmentNormalizer().normalize("   \n ").fragment == .empty)
    }

    @Test func commentsGo() {
        let outcome = FragmentNormalizer().normalize("<p>a<!-- 内部备注 -->b</p><!--[if IE]><script>x</script><![endif]-->")
        #expect(outcome.fragment.html == "<p>ab</p>")
    }

    @Test func mutationStyleNestingReachesAFixedPoint() {
        let source = "<p><b><p>x</p></b></p><table><p>y</p><tr><td>z</td></tr></table><li><ul><li>a</li></ul>"
        let once = FragmentNormalizer().normalize(source)
        #expect(FragmentNormalizer().normalize(once.fragment.html).fragment == once.fragment)
    }

    @Test func plainTextCellsAreEscaped() {
        let fragment = FragmentNormalizer.plainText("<img src=x onerror=alert(1)>网络线路")
        #expect(fragment.html == "&lt;img src=x onerror=alert(1)&gt;网络线路")
        #expect(!FragmentNormalizer.looksLikeMarkup("数量<5个"))
        #expect(FragmentNormalizer.looksLikeMarkup("<p>x</p>"))
        for markup in ["a</p>", "<!-- c -->", "x<?xml", "&amp;", "&#39;", "&#x41;", "前&nbsp;后"] {
            #expect(FragmentNormalizer.looksLikeMarkup(markup), "\(markup)")
        }
        for text in ["a & b;", "&;", "&#;", "5<6", "<", "&", "a < b", "P&G 公司"] {
            #expect(!FragmentNormalizer.looksLikeMarkup(text), "\(text)")
        }
    }
}

extension Character {
    fileprivate var isASCIIControlLike: Bool { unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F } }
}
