import Foundation
import Mustache
import PerfsiteCore
import Testing

@testable import PerfsiteSite

/// swift-mustache (which passes the Mustache spec) behind `TemplateRenderer`, reading the same
/// view models through their template names: what perfsite rendered with before it had its own
/// renderer.
struct SwiftMustacheRenderer: TemplateRenderer {
    let library: MustacheLibrary

    init(themeFiles: [String: String]) throws {
        var library = MustacheLibrary()
        MustacheContentTypes.register(ByteWiseHTML(), named: "PERFSITE_HTML")
        for (path, text) in themeFiles where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: PERFSITE_HTML }}" + text), named: name)
        }
        self.library = library
    }

    func render(_ name: String, _ object: any TemplateObject) -> [UInt8] {
        Array((library.render(MustacheBridge(object: object), withTemplate: name) ?? "").utf8)
    }
}

struct ByteWiseHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
}

struct MustacheBridge: MustacheParent {
    let object: any TemplateObject

    func child(named key: String) -> Any? {
        switch object.templateValue(named: key) {
        case .missing: nil
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .object(let inner): MustacheBridge(object: inner.object)
        case .list(let items): items.map { MustacheBridge(object: $0.object) }
        }
    }
}

@Suite struct TemplateParityTests {
    /// Every page of a site with two years, a project table, a department with project tables only,
    /// and hostile names, rendered by both; the bytes must agree.
    func sitePages(
        renderer makeRenderer: (Theme) throws -> any TemplateRenderer, themeOverrides: [String: String] = [:]
    )
        throws -> [String: [UInt8]]
    {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample { $0.replacingOccurrences(of: "综合服务中心大院", with: "综合<服务>\"中心\"&大院") }
        try site.addSample(as: "Content/2025/sample.tsv") {
            $0.replacingOccurrences(of: "2026", with: "2025").replacingOccurrences(of: "\t152.9\t", with: "\t52.9\t")
                .replacingOccurrences(of: "1944.64", with: "1844.64").replacingOccurrences(of: "922.13", with: "822.13")
        }
        let project = try String(
            contentsOf: TemporarySite.packageRoot.appendingPathComponent(
                "Tests/PerfsiteCoreTests/Fixtures/project-table.tsv"),
            encoding: .utf8)
        try site.write(project, to: "Content/2026/project.tsv")
        try site.write(
            project.replacingOccurrences(of: "洛阳高新技术产业开发区管理委员会", with: "只有项目表的局"), to: "Content/2026/only.tsv")
        for (path, text) in themeOverrides { try site.write(text, to: "Themes/default/" + path) }
        let checker = TableChecker()
        let report = CheckReport(
            files: try FileManager.default.subpathsOfDirectory(atPath: site.content.path).sorted()
                .filter { $0.hasSuffix(".tsv") }.map { checker.check(path: site.content.path + "/" + $0) })
        #expect(report.diagnostics.allSatisfy { $0.severity != .error }, "\(report.diagnostics.map(\.formatted))")
        let (assembled, _) = SiteAssembler.assemble(
            report.departments, projectTables: report.projectTables, settings: SiteSettings())
        var theme = try Theme.load(name: "default", themesDirectory: site.themes.path)
        theme.renderer = try makeRenderer(theme)
        let pages = PageCollector()
        let renderer = SiteRenderer(theme: theme, settings: SiteSettings())
        try renderer.renderSitePages(assembled) { pages.add($0) }
        for entry in assembled.departments {
            for file in renderer.departmentFiles(entry) { pages.add(file) }
        }
        return pages.files
    }

    @Test func everyPageKindRendersToTheSameBytesAsSwiftMustache() throws {
        let ours = try sitePages { $0.renderer }
        let theirs = try sitePages { try SwiftMustacheRenderer(themeFiles: $0.files) }
        #expect(ours.count > 40)
        #expect(Set(ours.keys) == Set(theirs.keys))
        for (path, bytes) in ours where path.hasSuffix(".html") {
            #expect(difference(bytes, theirs[path] ?? []) == nil, "\(path)")
        }
        // Every page kind was there: home, year, department (with comparison), project-table only,
        // task, print, project table, search, 404.
        let html = ours.filter { $0.key.hasSuffix(".html") }
        #expect(
            html.keys.contains("index.html") && html.keys.contains("404.html")
                && html.keys.contains("search/index.html"))
        #expect(html.keys.contains { $0.hasSuffix("/print/index.html") })
        #expect(html.values.contains { String(decoding: $0, as: UTF8.self).contains("与 2025 年相比") })
        #expect(html.values.contains { String(decoding: $0, as: UTF8.self).contains("本部门本年度未公开部门整体支出绩效目标表") })
    }

    /// Whitespace rules beyond what the default theme uses: standalone tags indented, comments,
    /// inverted sections, an indented partial, changed delimiters, dotted names, the implicit
    /// iterator — in a site's override of the 404 template.
    @Test func overridesWithEveryTagKindRenderTheSame() throws {
        let template = """
            {{<layout}}
              {{$main}}
              {{! a comment on its own line }}
                {{#chrome}}
                <p>{{siteTitle}}</p>
                  {{^region}}
                  no region
                  {{/region}}
                {{/chrome}}
                {{chrome.pageTitle}} {{{chrome.csp}}} {{&chrome.root}}
              {{=<% %>=}}
              <p><% chrome.siteTitle %></p>
              <%={{ }}=%>
                {{>partial}}
              {{#chrome.breadcrumbs}}[{{title}}]{{/chrome.breadcrumbs}}
              {{/main}}
            {{/layout}}

            """
        let partial =
            "line one {{chrome.siteTitle}}\n  line two\n{{#chrome.hasBreadcrumbs}}crumbs\n{{/chrome.hasBreadcrumbs}}"
        let overrides = ["templates/404.mustache": template, "templates/partial.mustache": partial]
        let ours = try sitePages(renderer: { $0.renderer }, themeOverrides: overrides)
        let theirs = try sitePages(
            renderer: { try SwiftMustacheRenderer(themeFiles: $0.files) }, themeOverrides: overrides)
        let page = String(decoding: try #require(ours["404.html"]), as: UTF8.self)
        #expect(page.contains("line one") && page.contains("no region"))
        #expect(difference(ours["404.html"] ?? [], theirs["404.html"] ?? []) == nil)
    }

    @Test func syntaxErrorsNameTheLine() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write(
            "{{<layout}}\n{{$main}}\n<p>{{#open}}</p>\n{{/main}}\n{{/layout}}\n",
            to: "Themes/default/templates/404.mustache")
        #expect {
            try Theme.load(name: "default", themesDirectory: site.themes.path)
        } throws: { error in
            let description = (error as? ThemeError)?.description ?? ""
            return description.contains("404.mustache:4") && description.contains("不匹配")
        }
    }
}

/// Where two renderings first differ, with some text around it; nil when they are the same.
func difference(_ ours: [UInt8], _ theirs: [UInt8]) -> String? {
    guard ours != theirs else { return nil }
    let offset = (0..<min(ours.count, theirs.count)).first { ours[$0] != theirs[$0] } ?? min(ours.count, theirs.count)
    func around(_ bytes: [UInt8]) -> String {
        String(decoding: bytes[max(0, offset - 80)..<min(bytes.count, offset + 80)], as: UTF8.self)
    }
    return "at byte \(offset):\nours:   \(around(ours))\ntheirs: \(around(theirs))"
}

/// Collects emitted files from the renderer's threads.
final class PageCollector: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var files: [String: [UInt8]] = [:]

    func add(_ file: OutputFile) {
        lock.lock()
        files[file.path] = file.bytes
        lock.unlock()
    }
}
