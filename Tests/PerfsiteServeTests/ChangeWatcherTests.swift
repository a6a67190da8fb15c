import Foundation
import Synchronization
import Testing

@testable import PerfsiteServe

/// The watcher on a real folder: files written, folders created after it started, a settings
/// file that appears later — with inotify and with polling.
@Suite final class ChangeWatcherTests {
    let base: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("Content/2026"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: base.appendingPathComponent("Content/2026/a.tsv"))
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    /// Collects reported paths; `wait` returns once one satisfies the condition.
    final class Seen: Sendable {
        let paths = Mutex<[String]>([])

        func record(_ path: String) { paths.withLock { $0.append(path) } }

        func wait(for seconds: Double = 5, _ condition: (String) -> Bool) async -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if paths.withLock({ $0.contains(where: condition) }) { return true }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return false
        }
    }

    static let modes: [ChangeWatcher.Mode] = [.inotify, .polling(interval: .milliseconds(100))]

    @Test(arguments: modes)
    func seesEditsNewFoldersAndLateFiles(mode: ChangeWatcher.Mode) async throws {
        let seen = Seen()
        let content = base.appendingPathComponent("Content").path
        let themes = base.appendingPathComponent("Themes").path
        let settings = base.appendingPathComponent("perfsite.toml").path
        let watcher = ChangeWatcher(paths: [content, themes, settings], mode: mode) { seen.record($0) }
        defer { watcher.stop() }
        #expect(watcher.mode == mode)
        // Polling compares against the first snapshot: let it be taken.
        try await Task.sleep(for: .milliseconds(250))

        try Data("changed".utf8).write(to: URL(fileURLWithPath: content + "/2026/a.tsv"))
        #expect(await seen.wait { $0.hasSuffix("Content/2026/a.tsv") })

        // A folder made after the watcher started, and a file inside it.
        try FileManager.default.createDirectory(atPath: content + "/2025", withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(250))
        try Data("b".utf8).write(to: URL(fileURLWithPath: content + "/2025/b.tsv"))
        #expect(await seen.wait { $0.hasSuffix("Content/2025/b.tsv") })

        // Themes/ and perfsite.toml did not exist when watching began.
        try FileManager.default.createDirectory(
            atPath: themes + "/default/templates", withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(250))
        try Data("{{title}}".utf8).write(to: URL(fileURLWithPath: themes + "/default/templates/home.mustache"))
        #expect(await seen.wait { $0.hasSuffix("home.mustache") })
        try Data("title = \"x\"".utf8).write(to: URL(fileURLWithPath: settings))
        #expect(await seen.wait { $0.hasSuffix("perfsite.toml") })

        // An editor's swap file is not a change; a file beside perfsite.toml is not watched.
        try Data("x".utf8).write(to: URL(fileURLWithPath: content + "/2026/.a.tsv.swp"))
        try Data("x".utf8).write(to: base.appendingPathComponent("notes.txt"))
        try await Task.sleep(for: .milliseconds(400))
        #expect(!seen.paths.withLock { $0.contains { $0.hasSuffix(".swp") || $0.hasSuffix("notes.txt") } })
    }

    @Test func stopsPromptly() {
        let watcher = ChangeWatcher(paths: [base.path], mode: .inotify) { _ in }
        let started = ContinuousClock.now
        watcher.stop()
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func editorScratchFiles() {
        for name in [".a.tsv.swp", "a.tsv~", "4913", ".#a.tsv", "#a.tsv#"] {
            #expect(ChangeWatcher.isEditorScratch(name), "\(name)")
        }
        for name in ["a.tsv", "perfsite.toml", "home.mustache", "2026"] {
            #expect(!ChangeWatcher.isEditorScratch(name), "\(name)")
        }
    }
}

/// Bursts of changes become one batch.
@Suite struct ChangeBatcherTests {
    @Test func aBurstIsOneBatch() async throws {
        // Generous times: a loaded CI machine may oversleep a 10 ms sleep several times over.
        let batcher = ChangeBatcher(quietPeriod: .milliseconds(300), longestWait: .seconds(10))
        let batches = batcher.batches()
        let producer = Task {
            // A burst: twenty changes at once, as a checkout or an editor's save makes them.
            for index in 0..<20 { batcher.record("/site/Content/\(index % 4).tsv") }
            try? await Task.sleep(for: .milliseconds(1200))
            batcher.record("/site/perfsite.toml")
            try? await Task.sleep(for: .milliseconds(1200))
            batcher.finish()
        }
        var received: [[String]] = []
        for await batch in batches { received.append(batch) }
        await producer.value
        #expect(received == [(0..<4).map { "/site/Content/\($0).tsv" }, ["/site/perfsite.toml"]])
    }

    @Test func aSteadyStreamStillGetsBatches() async throws {
        let batcher = ChangeBatcher(quietPeriod: .milliseconds(200), longestWait: .milliseconds(300))
        let batches = batcher.batches()
        let producer = Task {
            // Never quiet for 200 ms: only the longest wait cuts batches.
            for index in 0..<40 {
                batcher.record("/site/Content/\(index).tsv")
                try? await Task.sleep(for: .milliseconds(25))
            }
            try? await Task.sleep(for: .milliseconds(400))
            batcher.finish()
        }
        var received: [[String]] = []
        for await batch in batches { received.append(batch) }
        await producer.value
        #expect(received.count >= 2)
        #expect(Set(received.flatMap { $0 }).count == 40)
    }
}
