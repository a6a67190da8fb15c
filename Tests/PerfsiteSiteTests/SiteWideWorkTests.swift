import Testing

@testable import PerfsiteSite

@Suite struct SiteWideWorkTests {
    struct Failure: Error, Equatable {}

    /// A build waits for site-wide work in its normal course and again, after a failure, on the
    /// way out: the second wait returns at once with the same outcome instead of blocking forever.
    @Test func waitingTwiceGivesTheSameOutcome() throws {
        let work = SiteWideWork { 6 * 7 }
        #expect(try work.wait() == 42)
        #expect(try work.wait() == 42)
        let failing = SiteWideWork<Int> { throw Failure() }
        #expect(throws: Failure.self) { try failing.wait() }
        #expect(throws: Failure.self) { try failing.wait() }
    }
}
