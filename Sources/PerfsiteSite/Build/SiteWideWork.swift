import Foundation
import Synchronization

/// Work started on a thread of its own and waited for later: the search index of a build, made
/// while the departments are rendered.
final class SiteWideWork: Sendable {
    private let outcome = Mutex<Result<Void, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Void) {
        Thread.detachNewThread { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            done.signal()
        }
    }

    /// Returns once the work has finished; throws its error if it failed.
    func wait() throws {
        done.wait()
        try outcome.withLock { $0! }.get()
    }
}
