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

    @Test func aKeptFileMayBeWrittenOnceMore() throws {
        let published = PublishedPaths()
        published.keep(["2026/d1/index.html"])
        #expect(published.counts.unchanged == 1)
        #expect(try published.claim("2026/d1/index.html") == true)
        #expect(published.counts.unchanged == 0)
        #expect(throws: PublishError.self) { try published.claim("2026/d1/index.html") }
    }

    @Test func unsafePathsAreRefused() {
        #expect(throws: PublishError.self) { try PublishedPaths().claim("../outside.html") }
    }

    @Test func ahundredThousandPathsHaveDistinctKeys() {
        let keys = Set((0..<100_000).map { PublishedPaths.Key("2026/d\($0 / 40)/\($0 % 40)/index.html") })
        #expect(keys.count == 100_000)
    }
}
