import Foundation
import Synchronization

/// Work started on a thread of its own and waited for later: the search index of a build and its
/// site-wide pages, made while the departments are rendered, and the previous manifest, read while
/// the tables are checked.
final class SiteWideWork<Value: Sendable>: Sendable {
    private let outcome = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            done.signal()
        }
    }

    /// Returns the work's value once it has finished; throws its error if it failed. May be called
    /// again (a build waits in its normal course and, on the way out after a failure, in a defer).
    func wait() throws -> Value {
        done.wait()
        done.signal()
        return try outcome.withLock { $0! }.get()
    }
}
