import Foundation
import PerfsiteCore
import Testing

@testable import PerfsiteSite

@Suite struct SiteBuildTests {
    @Test func sampleSiteShowsTheTable() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        let result = site.build()
        #expect(result.outcome.isPublished, "\(result.outcome)")
        #expect(result.warningCount == 1 && result.errorCount == 0)

        let folder = try site.departmentFolder()
        let department = try site.page(folder + "index.html")
        #expect(department.contains("<strong>1,944.64</strong> 万元"))
        #expect(department.contains("基本支出 1,022.51 + 项目支出 922.13"))
        let names = [
            "综合服务中心大院后勤外包服务项目", "机关大院和政务服务保障经费", "购买公务用车水电等服务人员", "管委大院保安队伍经费",
            "运作与事业发展保障经费", "网络线路租金", "信息化建设运行维护经费", "信息化建设安全维护及设备更换、升级", "办公场所租金", "后勤保障经费",
        ]
        for (index, name) in names.enumerated() {
            #expect(department.contains(">\(name)</a>"), "\(name)")
            #expect(department.contains("href=\"\(index + 1)/\""))
        }
        let project = try site.page(folder + "1/index.html")
        #expect(project.components(separatedBy: "<td class=\"value\">").count - 1 == 5)
        #expect(project.contains("<td>质量效果</td>\n<td class=\"comparator\">=</td>\n<td class=\"value\">98%</td>"))
        #expect(project.contains("rel=\"next\""))
        #expect(!project.contains("rel=\"prev\""))
        let home = try site.page("index.html")
        #expect(home.contains("1,944.64") && home.contains("洛阳高新技术产业开发区管理委员会"))
        #expect(try site.page("2026/index.html").contains("1 个部门"))
        #expect(try site.page("404.html").contains("页面不存在"))
        #expect(try site.page("sitemap.xml").components(separatedBy: "<url>").count - 1 == 1 + 1 + 1 + 10)
        #expect(try site.page("robots.txt").hasPrefix("User-agent: *"))
    }

    @Test func sameInputSameBytes() throws {
        let first = try TemporarySite()
        let second = try TemporarySite()
        defer {
            first.remove()
            second.remove()
        }
        try first.addSample()
        try second.addSample()
        #expect(first.build().outcome.isPublished)
        #expect(second.build().outcome.isPublished)
        let a = try first.snapshot()
        let b = try second.snapshot()
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a == b)
        // Then the search index: 11 documents' cards and the shards.
        // 15 pages, 11 print views, 3 downloads, 4 open-data files, sitemap, robots, manifest, 4 assets.
        #expect(a.keys.count { !$0.hasPrefix("search/") || $0 == "search/index.html" } == 40)
        let chunk = SearchIndexBuilder.cardsPerChunk
        #expect(a.keys.count { $0.hasPrefix("search/cards/") } == (11 + chunk - 1) / chunk)
        #expect(a.keys.contains("search/index.json"))
    }

    @Test func anErrorLeavesThePreviousSiteByteIdentical() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        #expect(site.build().outcome.isPublished)
        let before = try site.snapshot()
        let attributes = try FileManager.default.attributesOfItem(
            atPath: site.publicFolder.appendingPathComponent("index.html").path)

        // A sum broken on purpose: 财政拨款 no longer covers the spending.
        try site.addSample { $0.replacingOccurrences(of: "财政拨款\t1944.64", with: "财政拨款\t1900") }
        let broken = site.build()
        guard case .stoppedByErrors = broken.outcome else {
            Issue.record("expected the build to stop, got \(broken.outcome)")
            return
        }
        #expect(broken.diagnostics.contains { $0.rule.id == "B003" })
        #expect(try site.snapshot() == before)
        let after = try FileManager.default.attributesOfItem(
            atPath: site.publicFolder.appendingPathComponent("index.html").path)
        #expect(after[.modificationDate] as? Date == attributes[.modificationDate] as? Date)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".Public.staging").path))

        // --strict: the sample's one warning stops the build too.
        try site.addSample()
        guard case .stoppedByErrors = site.build(strict: true).outcome else {
            Issue.record("--strict must stop on the I005 warning")
            return
        }
        #expect(try site.snapshot() == before)
    }

    @Test func aThemeErrorLeavesThePreviousSiteAndNamesTheLine() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        #expect(site.build().outcome.isPublished)
        let before = try site.snapshot()
        try site.write(
            "<h1>{{name}}</h1>\n<p>\n{{#projects}}<li>{{name}}</li>\n",
            to: "Themes/default/templates/department.mustache")
        guard case .failed(let message) = site.build().outcome else {
            Issue.record("a broken template must fail the build")
            return
        }
        #expect(message.contains("Themes/default/templates/department.mustache:"), "\(message)")
        #expect(try site.snapshot() == before)
    }

    @Test func unchangedFilesKeepTheirInode() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        #expect(site.build().outcome.isPublished)
        let path = site.publicFolder.appendingPathComponent("index.html").path
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
        guard case .published(let files, let written, let unchanged, _) = site.build().outcome else {
            Issue.record("second build failed")
            return
        }
        #expect(written == 0 && unchanged == files)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64 == inode)
    }

    @Test func overridingOneTemplateChangesOnlyItsPages() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        #expect(site.build().outcome.isPublished)
        let before = try site.snapshot()
        let original = Theme.defaultFiles["templates/project.mustache"]!
        try site.write(
            original.replacingOccurrences(of: "<h1>{{name}}</h1>", with: "<h1 class=\"custom\">{{name}}</h1>"),
            to: "Themes/default/templates/project.mustache")
        #expect(site.build().outcome.isPublished)
        let after = try site.snapshot()
        let changed = after.keys.filter { after[$0] != before[$0] && $0 != "manifest.json" }.sorted()
        #expect(
            changed.count == 10
                && changed.allSatisfy { $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 4 })
        #expect(try site.page(site.departmentFolder() + "3/index.html").contains("<h1 class=\"custom\">"))
    }

    @Test func linksStayInsideTheSite() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        #expect(site.build().outcome.isPublished)
        for (path, bytes) in try site.snapshot() where path.hasSuffix(".html") && path != "404.html" {
            let html = String(decoding: bytes, as: UTF8.self)
            let folder = (path as NSString).deletingLastPathComponent
            for match in html.matches(of: /(?:href|src)="([^"]*)"/) {
                let link = String(match.output.1)
                if link.hasPrefix("#") { continue }
                #expect(!link.hasPrefix("/") && !link.contains("://"), "\(path): \(link)")
                let target = URL(fileURLWithPath: site.publicFolder.path + "/" + folder + "/" + link)
                    .standardizedFileURL.path
                let resolved = link.hasSuffix("/") || link == "./" ? target + "/index.html" : target
                #expect(FileManager.default.fileExists(atPath: resolved), "\(path): \(link) → \(resolved)")
            }
        }
    }

    @Test func notFoundPageIsRootedAtBaseURL() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        var settings = SiteSettings()
        settings.baseURL = "https://czj.example.gov.cn/yusuan/"
        #expect(site.build(settings: settings).outcome.isPublished)
        let page = try site.page("404.html")
        #expect(page.contains("href=\"https://czj.example.gov.cn/yusuan/assets/style."))
        #expect(try site.page("sitemap.xml").contains("<loc>https://czj.example.gov.cn/yusuan/2026/"))
        #expect(try site.page("robots.txt").contains("Sitemap: https://czj.example.gov.cn/yusuan/sitemap.xml"))
    }
}

/// Every stored property of every view model is reachable by its name from the templates.
@Suite struct ViewModelTests {
    func check(_ model: some TemplateObject) {
        for child in Mirror(reflecting: model).children {
            let label = child.label!
            let named = flattened(value(model.templateValue(named: label)))
            #expect(named == flattened(child.value), "\(type(of: model)).\(label)")
        }
    }

    func value(_ value: TemplateValue) -> Any {
        switch value {
        case .missing: Optional<Int>.none as Any
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .object(let context): context.object
        case .list(let items): items.map(\.object)
        }
    }

    /// The description of a value with any layers of Optional removed.
    func flattened(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return String(describing: value) }
        return mirror.children.first.map { flattened($0.value) } ?? "nil"
    }

    @Test func allFieldsAreNamed() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        let result = site.build()
        #expect(result.outcome.isPublished)
        let department = try #require(result.report.departments.first)
        let renderer = SiteRenderer(
            theme: try Theme.load(name: "default", themesDirectory: site.themes.path), settings: SiteSettings())
        let entry = SiteDepartment(id: "d1", department: department)
        let chrome = renderer.chrome(folder: "2026/d1/", title: "t", crumbs: [("首页", ""), ("x", nil)])
        check(chrome)
        check(chrome.breadcrumbs[0])
        let table = DepartmentsTable(caption: "c", departments: [entry], links: PageLinks(folder: ""))
        check(table)
        check(table.rows[0])
        for group in SiteRenderer.indicatorGroups(department.projects[0].indicators) {
            check(group)
            group.rows.forEach(check)
        }
        let pageText = String(decoding: renderer.departmentPage(entry), as: UTF8.self)
        #expect(pageText.contains(">综合服务中心大院后勤外包服务项目</a>"))
    }
}

/// A name with a quote followed by a combining mark cannot break out of an attribute on any page.
@Suite struct TemplateEscapingTests {
    @Test func combiningMarkAfterQuoteStaysInsideTheAttribute() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let hostile = "某局\"\u{301} onmouseover=\"alert(1)"
        try site.addSample { $0.replacingOccurrences(of: "部门名称\t洛阳高新技术产业开发区管理委员会", with: "部门名称\t" + hostile) }
        let result = site.build()
        #expect(result.outcome.isPublished, "\(result.diagnostics.map(\.formatted))")
        for (path, bytes) in try site.snapshot() where path.hasSuffix(".html") {
            let page = String(decoding: bytes, as: UTF8.self)
            #expect(!page.contains("onmouseover=\"alert"), "\(path)")
            #expect(
                !Array(page.utf8).containsSequence(Array("\"\u{301}".utf8)), "\(path)")
        }
    }
}

extension Array where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
