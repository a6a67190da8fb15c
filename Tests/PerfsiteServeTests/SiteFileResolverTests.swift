import Foundation
import Testing

@testable import PerfsiteServe

/// The preview server's path resolution, on a real folder with a secret file beside it.
@Suite final class SiteFileResolverTests {
    let base: URL
    let site: URL

    deinit { try? FileManager.default.removeItem(at: base) }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-serve-\(UUID().uuidString)")
        site = base.appendingPathComponent("Public")
        try FileManager.default.createDirectory(
            at: site.appendingPathComponent("2026/d1"), withIntermediateDirectories: true)
        try Data("<h1>首页</h1>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("dept".utf8).write(to: site.appendingPathComponent("2026/d1/index.html"))
        try Data("a,b".utf8).write(to: site.appendingPathComponent("2026/d1/2026-d1.csv"))
        try Data("secret".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("escape.txt").path,
            withDestinationPath: base.appendingPathComponent("secret.txt").path)
    }

    var resolver: SiteFileResolver { SiteFileResolver(root: site) }

    @Test func filesAndFolders() {
        guard case .file(let home, let type) = resolver.resolve("/") else {
            Issue.record("home")
            return
        }
        #expect(home.lastPathComponent == "index.html" && type == "text/html; charset=utf-8")
        #expect(resolver.resolve("/2026/d1") == .redirect("/2026/d1/"))
        guard case .file(_, let csv) = resolver.resolve("/2026/d1/2026-d1.csv?download=1") else {
            Issue.record("csv")
            return
        }
        #expect(csv == "text/csv; charset=utf-8")
        #expect(resolver.resolve("/2026/d2/") == .notFound)
        #expect(resolver.resolve("/%E4%B8%8D%E5%AD%98%E5%9C%A8") == .notFound)
    }

    @Test(arguments: [
        "/../secret.txt", "/2026/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
        "/2026\\..\\..\\secret.txt", "/%5c..%5csecret.txt", "/index.html%00.csv", "/%zz", "secret.txt", "/./index.html",
    ])
    func traversalIsRefused(_ target: String) {
        #expect(resolver.resolve(target) == .rejected, "\(target)")
    }

    @Test func symlinksMayNotLeaveTheSite() {
        #expect(resolver.resolve("/escape.txt") == .notFound)
    }

    @Test func entityTagsFollowTheFile() throws {
        let file = site.appendingPathComponent("index.html")
        let first = try #require(SiteFileResolver.entityTag(for: file))
        #expect(SiteFileResolver.entityTag(for: file) == first)
        try Data("<h1>改了</h1>".utf8).write(to: file)
        #expect(SiteFileResolver.entityTag(for: file) != first)
    }
}
