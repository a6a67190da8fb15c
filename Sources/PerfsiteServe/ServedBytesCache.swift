import Foundation
import Synchronization

/// The bytes last sent for each file, keyed by path and entity tag: a page asked for again is
/// answered from memory, without reading the file or adding the reload script again. The tag
/// comes from the file's size and mtime, so a rebuilt file misses and is read afresh. Bounded:
/// past `capacity` bytes the cache starts over (a preview's working set is a few pages).
final class ServedBytesCache: Sendable {
    private struct State {
        var entries: [String: (tag: String, bytes: Data)] = [:]
        var size = 0
    }

    private let state = Mutex(State())
    let capacity: Int
    let largestFile: Int

    init(capacity: Int = 64 << 20, largestFile: Int = 4 << 20) {
        self.capacity = capacity
        self.largestFile = largestFile
    }

    func bytes(path: String, tag: String) -> Data? {
        state.withLock { state in
            guard let entry = state.entries[path], entry.tag == tag else { return nil }
            return entry.bytes
        }
    }

    func store(_ bytes: Data, path: String, tag: String) {
        guard bytes.count <= largestFile else { return }
        state.withLock { state in
            if state.size + bytes.count > capacity { state = State() }
            if let old = state.entries[path] { state.size -= old.bytes.count }
            state.entries[path] = (tag, bytes)
            state.size += bytes.count
        }
    }
}
