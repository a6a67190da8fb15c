#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A few dozen texts, each with a value, found by their exact UTF-8 bytes: the entries of the
/// same length are compared with `memcmp`, one after the other. For the indicator vocabulary
/// (`CanonicalTextTable`), which every word of every indicator cell is looked up in, that is
/// cheaper than a Dictionary of `ExactText`, whose lookup hashes the word's bytes with SipHash
/// before it compares anything (dictionary lookups were 2.8% of a 1,000-department build, perf).
/// The bytes are kept in one buffer, so a lookup takes no reference counts.
struct ExactTextTable<Value: Sendable & Hashable>: Sendable, Hashable {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var counts: [Int] = []
    private var values: [Value] = []

    /// Entries in the order of their bytes, so that equal tables compare equal however the
    /// dictionary they came from was ordered. Texts must be distinct.
    init(_ entries: [(text: String, value: Value)]) {
        for entry in entries.sorted(by: { $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }) {
            starts.append(bytes.count)
            counts.append(entry.text.utf8.count)
            bytes += entry.text.utf8
            values.append(entry.value)
        }
    }

    /// The value of the entry whose bytes are `text`'s.
    subscript(_ text: String) -> Value? {
        let found = text.withUTF8Bytes { wanted -> Int? in
            bytes.withUnsafeBufferPointer { bytes -> Int? in
                for index in counts.indices where counts[index] == wanted.count {
                    if wanted.isEmpty
                        || memcmp(bytes.baseAddress! + starts[index], wanted.baseAddress!, wanted.count) == 0
                    {
                        return index
                    }
                }
                return nil
            }
        }
        return found.map { values[$0] }
    }
}
