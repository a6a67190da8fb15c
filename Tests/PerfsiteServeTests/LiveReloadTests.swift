import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteServe

/// The pieces of live reload that do not need a socket: where the script goes, what a status
/// looks like on the wire, how the hub hands statuses to pages, and entity-tag matching.
@Suite struct LiveReloadTests {
    @Test func scriptGoesBeforeHeadEndElseBodyEndElseTheEnd() {
        let withHead =
            "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"x\"></head><body></body></html>"
        let injected = String(decoding: LiveReloadAssets.inject(into: Data(withHead.utf8)), as: UTF8.self)
        #expect(
            injected
                == "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"x\">"
                + LiveReloadAssets.scriptTag + "</head><body></body></html>")
        let bodyOnly = String(decoding: LiveReloadAssets.inject(into: Data("<p>x</p></body>".utf8)), as: UTF8.self)
        #expect(bodyOnly == "<p>x</p>" + LiveReloadAssets.scriptTag + "</body>")
        let bare = String(decoding: LiveReloadAssets.inject(into: Data("<p>x</p>".utf8)), as: UTF8.self)
        #expect(bare == "<p>x</p>" + LiveReloadAssets.scriptTag)
    }

    @Test func statusEventCarriesDiagnosticsWithPlaces() throws {
        let diagnostic = Diagnostic(
            .projectFieldMissing(project: "任务 2「<b>经费</b>」", field: "年度工作任务"),
            at: SourceLocation(file: "Content/2026/a.tsv", row: 13, column: 2))
        let status = PreviewStatus(
            version: "v-1", ok: false, hasSite: true, summary: "构建失败", diagnostics: [diagnostic])
        let event = status.event
        #expect(event.hasPrefix("event: status\ndata: {"))
        #expect(event.hasSuffix("}\n\n"))
        // One data line: a newline inside would end the event early.
        #expect(event.split(separator: "\n").count == 2)
        let json = try JSONSerialization.jsonObject(with: Data(event.dropFirst("event: status\ndata: ".count).utf8))
        let entry = try #require(((json as? [String: Any])?["diagnostics"] as? [[String: Any]])?.first)
        #expect(entry["location"] as? String == "Content/2026/a.tsv:13:2")
        #expect(entry["rule"] as? String == "P002")
        #expect(entry["severity"] as? String == "error")

        // The error page escapes what the table says.
        let page = LiveReloadAssets.errorPage(status)
        #expect(page.contains("&lt;b&gt;经费&lt;/b&gt;"))
        #expect(!page.contains("<b>经费"))
    }

    @Test func hubSendsTheCurrentStatusFirstAndEndsOnClose() async {
        let hub = LiveReloadHub(status: .starting(version: "s-0"))
        let stream = hub.listen()
        #expect(hub.listenerCount == 1)
        hub.publish(PreviewStatus(version: "s-1", ok: true, hasSite: true, summary: "已构建"))
        hub.closeAll()
        var versions: [String] = []
        for await status in stream { versions.append(status.version) }
        #expect(versions == ["s-0", "s-1"])
        #expect(hub.listenerCount == 0)
        // After shutdown began, a new page gets an ended stream at once.
        var late = 0
        for await _ in hub.listen() { late += 1 }
        #expect(late == 0)
    }

    @Test func entityTagMatching() {
        let tag = "\"ab3-18eb-live\""
        #expect(PreviewResponder.matches([tag], tag))
        #expect(PreviewResponder.matches(["\"x\", W/\(tag)"], tag))
        #expect(PreviewResponder.matches(["*"], tag))
        #expect(!PreviewResponder.matches(["\"ab3-18eb\""], tag))
        #expect(!PreviewResponder.matches([], tag))
    }
}
