import Foundation
import Synchronization

/// The current build status and the pages listening for the next one. Each open page holds one
/// Server-Sent Events stream; a new status goes to all of them, and a page that connects gets the
/// current status at once (so a page opened while a build failed shows the errors).
public final class LiveReloadHub: Sendable {
    private struct State {
        var status: PreviewStatus
        var listeners: [Int: AsyncStream<PreviewStatus>.Continuation] = [:]
        var nextListener = 0
        var closed = false
    }

    private let state: Mutex<State>

    public init(status: PreviewStatus) {
        state = Mutex(State(status: status))
    }

    public var status: PreviewStatus { state.withLock { $0.status } }

    public var listenerCount: Int { state.withLock { $0.listeners.count } }

    /// Sets the status and sends it to every open page.
    public func publish(_ status: PreviewStatus) {
        let listeners = state.withLock { state in
            state.status = status
            return Array(state.listeners.values)
        }
        for listener in listeners { listener.yield(status) }
    }

    /// A stream of statuses, starting with the current one. It ends when the page goes away (the
    /// consumer stops) or when the server shuts down (`closeAll`).
    public func listen() -> AsyncStream<PreviewStatus> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: PreviewStatus.self, bufferingPolicy: .bufferingNewest(4))
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            let id = state.nextListener
            state.nextListener += 1
            state.listeners[id] = continuation
            continuation.yield(state.status)
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.listeners.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every stream, so that shutting down does not wait for pages that never close.
    public func closeAll() {
        let listeners = state.withLock { state in
            state.closed = true
            defer { state.listeners = [:] }
            return Array(state.listeners.values)
        }
        for listener in listeners { listener.finish() }
    }
}
