import Foundation
import Synchronization

/// Merges a burst of changes into one rebuild. Saving a table from Excel or a template from an
/// editor touches a file several times (write, rename, attribute change), and a `git checkout`
/// touches hundreds: the batch is taken once no change has arrived for `quietPeriod`, or after
/// `longestWait` at the latest so that a steady stream of changes still gets rebuilds.
public final class ChangeBatcher: Sendable {
    public let quietPeriod: Duration
    public let longestWait: Duration

    private struct Pending {
        var paths: Set<String> = []
        var lastChange: ContinuousClock.Instant?
        var firstChange: ContinuousClock.Instant?
    }

    private let pending = Mutex(Pending())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    public init(quietPeriod: Duration = .milliseconds(150), longestWait: Duration = .seconds(2)) {
        self.quietPeriod = quietPeriod
        self.longestWait = longestWait
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Records a change; safe from any thread.
    public func record(_ path: String) {
        let now = ContinuousClock.now
        pending.withLock {
            $0.paths.insert(path)
            $0.lastChange = now
            if $0.firstChange == nil { $0.firstChange = now }
        }
        wake.yield()
    }

    /// Ends `batches()` once the current wait is over.
    public func finish() { wake.finish() }

    /// The batches, each the sorted paths changed since the previous one.
    public func batches() -> AsyncStream<[String]> {
        AsyncStream { continuation in
            let task = Task {
                for await _ in wakeups {
                    while !Task.isCancelled {
                        let (quietFor, waitedFor) = pending.withLock { state -> (Duration?, Duration?) in
                            let now = ContinuousClock.now
                            return (state.lastChange.map { now - $0 }, state.firstChange.map { now - $0 })
                        }
                        guard let quietFor, let waitedFor else { break }
                        if quietFor >= quietPeriod || waitedFor >= longestWait {
                            let paths = pending.withLock { state -> [String] in
                                defer { state = Pending() }
                                return state.paths.sorted()
                            }
                            continuation.yield(paths)
                            break
                        }
                        try? await Task.sleep(for: min(quietPeriod - quietFor, longestWait - waitedFor))
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
