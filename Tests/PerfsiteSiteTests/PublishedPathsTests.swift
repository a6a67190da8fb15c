import Testing

@testable import PerfsiteSite

/// The bookkeeping of what a build publishes, which holds paths as hashed keys.
@Suite struct PublishedPathsTests {
    @Test func aPathIsClaimedOnce() throws {
        let published = PublishedPaths()
        #expect(try published.claim("2026/d1/index.html") == false)
        #expect(throws: PublishError.self) { try published.claim("2026/d1/index.html") }
        #expect(try published.claim("2026/d1/1/index.html") == false)
        #expect(published.contains("2026/d1/index.html") && published.contains("2026/d1/1/index.html"))
        #expect(!published.contains("2026/d1/2/index.html"))
    }

    /// Files of the previous manifest are kept by position, and one kept may be written once more.
    @Test func aKeptFileMayBeWrittenOnceMore() throws {
        let previous = ManifestFiles(
            Dictionary(
                uniqueKeysWithValues: ["2026/d1/index.html", "2026/d1/1/index.html", "2026/d2/index.html"].map {
                    ($0, FileDigest(of: Array($0.utf8)))
                }))
        let published = PublishedPaths(previous: previous)
        let folder = previous.range(under: "2026/d1/")
        #expect(folder.count == 2)
        published.keep(previous: folder)
        #expect(published.counts.unchanged == 2)
        #expect(published.contains("2026/d1/index.html") && !published.contains("2026/d2/index.html"))
        #expect(try published.claim("2026/d1/index.html") == true)
        #expect(published.counts.unchanged == 1)
        #expect(throws: PublishError.self) { try published.claim("2026/d1/index.html") }
        #expect(try published.claim("2026/d2/index.html") == false, "not kept: a new file")
        #expect(published.isKept(previous: previous.index(of: "2026/d1/1/index.html")!))
        #expect(!published.isKept(previous: previous.index(of: "2026/d1/index.html")!))
    }

    @Test func unsafePathsAreRefused() {
        #expect(throws: PublishError.self) { try PublishedPaths().claim("../outside.html") }
    }

    /// `isSafe` on bytes decides as the definition does — no empty, `.` or `..` component, not
    /// absolute — for every path of up to six characters of `a`, `.`, `/` and `é`.
    @Test func safePathsAreThoseWithoutEmptyDotOrDotDotComponents() {
        func definition(_ path: String) -> Bool {
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            return !path.hasPrefix("/") && !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        }
        var paths = [""]
        var all = [""]
        for _ in 1...6 {
            paths = paths.flatMap { path in ["a", ".", "/", "é"].map { path + $0 } }
            all += paths
        }
        #expect(all.count == 5_461)
        for path in all where PublishIO.isSafe(path) != definition(path) {
            Issue.record("isSafe(\"\(path)\") is \(PublishIO.isSafe(path))")
        }
        #expect(PublishIO.isSafe("2026/d1/1/print/index.html"))
        #expect(!PublishIO.isSafe("2026/d1/../../etc"))
    }

    @Test func ahundredThousandPathsHaveDistinctKeys() {
        let keys = Set((0..<100_000).map { PublishedPaths.Key("2026/d\($0 / 40)/\($0 % 40)/index.html") })
        #expect(keys.count == 100_000)
    }

    /// Claims spread over the sets the paths are kept in: each of 20,000 paths is taken once and
    /// refused the second time, and a path never claimed is not claimed.
    @Test func manyPathsAreEachClaimedOnce() throws {
        let published = PublishedPaths()
        let paths = (0..<20_000).map { "2026/d\($0 / 40)/\($0 % 40)/index.html" }
        for path in paths { #expect(try published.claim(path) == false) }
        #expect(paths.allSatisfy { published.isClaimed($0) })
        #expect(!paths.contains { published.isClaimed($0 + "x") })
        var refused = 0
        for path in paths.shuffled().prefix(2_000) {
            do { _ = try published.claim(path) } catch { refused += 1 }
        }
        #expect(refused == 2_000)
    }

    /// A path is its bytes, as the file system sees it: composed and decomposed spellings of the
    /// same text are two files, and both can be published.
    @Test func pathsAreTheirBytes() throws {
        let composed = "2026/d1/附件/é.html"
        let decomposed = "2026/d1/附件/e\u{301}.html"
        #expect(composed == decomposed, "equal as Strings")
        #expect(PublishedPaths.Key(composed) != PublishedPaths.Key(decomposed))
        #expect(
            PublishedPaths.Key(composed) == PublishedPaths.Key(String(decoding: Array(composed.utf8), as: UTF8.self)))
        let published = PublishedPaths()
        #expect(try published.claim(composed) == false)
        #expect(try published.claim(decomposed) == false)
        #expect(throws: PublishError.self) { try published.claim(composed) }
    }
}
