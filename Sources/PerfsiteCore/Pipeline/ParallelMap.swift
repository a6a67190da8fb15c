import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores, results in input order. Tables are independent until site assembly, so
    /// reading, normalizing and validating them is embarrassingly parallel.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        if count < 2 { return map(transform) }
        let slots = ResultSlots<Result>(count: count)
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(transform(elements[index]), at: index)
        }
        return slots.results
    }
}

/// Write-once slots filled from many threads; each index is written by exactly one iteration.
private final class ResultSlots<Result: Sendable>: @unchecked Sendable {
    private var storage: [Result?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func store(_ result: Result, at index: Int) {
        lock.lock()
        storage[index] = result
        lock.unlock()
    }

    var results: [Result] { storage.map { $0! } }
}
