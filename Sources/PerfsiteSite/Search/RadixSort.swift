extension Array where Element == UInt64 {
    /// Sorts ascending with a least-significant-digit radix sort on bytes, passing over the bytes
    /// that every key has alike. Every document's Han terms are sorted to make them distinct, and
    /// the standard library's sort (a merge sort, stable, with a comparison per step) was 1.5% of a
    /// 1,000-department build's samples; a term key is two code points packed in 42 bits, of which
    /// the Han ranges vary in about five bytes. Short arrays, where the 256 counters cost more than
    /// they save, use the standard sort.
    mutating func sortByRadix() {
        guard count > 64 else { return sort() }
        var allSet = UInt64.max
        var anySet: UInt64 = 0
        for key in self {
            allSet &= key
            anySet |= key
        }
        let varying = allSet ^ anySet
        var scratch = [UInt64](repeating: 0, count: count)
        withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { other in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
                    var source = keys
                    var target = other
                    for shift in stride(from: UInt64(0), to: 64, by: 8) where (varying >> shift) & 0xFF != 0 {
                        counts.initialize(repeating: 0)
                        for key in source { counts[Int((key >> shift) & 0xFF)] += 1 }
                        var offset = 0
                        for digit in 0..<256 {
                            let digitCount = counts[digit]
                            counts[digit] = offset
                            offset += digitCount
                        }
                        for key in source {
                            let digit = Int((key >> shift) & 0xFF)
                            target[counts[digit]] = key
                            counts[digit] += 1
                        }
                        swap(&source, &target)
                    }
                    if source.baseAddress != keys.baseAddress {
                        _ = keys.update(fromContentsOf: source)
                    }
                }
            }
        }
    }
}
