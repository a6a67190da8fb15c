import Foundation
import Synchronization

/// Work started on a thread of its own and waited for later: the site-wide files of a build,
/// made while the departments are rendered.
final class SiteWideWork: Sendable {
    private let outcome = Mutex<Result<Duration, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Duration) {
        Thread.detachNewThread { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            done.signal()
        }
    }

    /// How long the work took, once it has finished; its error if it failed.
    func wait() throws -> Duration {
        done.wait()
        return try outcome.withLock { $0! }.get()
    }
}
