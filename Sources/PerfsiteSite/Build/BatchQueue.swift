import Foundation

/// Hands batches from the thread that renders departments to the one that builds the search
/// index, so that both run at once. At most `capacity` batches wait: memory stays bounded when
/// the index builder falls behind.
final class BatchQueue<Element: Sendable>: Sequence, IteratorProtocol, @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [[Element]] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int = 2) { self.capacity = capacity }

    /// Adds a batch, waiting while the queue is full.
    func push(_ batch: [Element]) {
        condition.lock()
        while waiting.count >= capacity && !closed { condition.wait() }
        if !closed { waiting.append(batch) }
        condition.broadcast()
        condition.unlock()
    }

    /// No more batches: the consumer's sequence ends once it has taken the waiting ones.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for one; nil once closed and empty.
    func next() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !closed { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        condition.broadcast()
        return waiting.removeFirst()
    }
}
