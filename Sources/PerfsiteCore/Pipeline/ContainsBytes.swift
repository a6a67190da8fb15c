#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// Whether `needle`'s UTF-8 bytes occur in this string's (`memchr` for its first byte, then
    /// `memcmp`; glibc's `memmem` is not in Swift's Glibc module). For what the readers look
    /// for in a cell — ASCII, the NUL, and Chinese characters, which have no decomposition and
    /// which no mark composes with — that is what `contains` answers. With Foundation imported,
    /// `contains` on two Strings is Foundation's, through `range(of:)` and CFString: 0.9% of a
    /// 1,000-department build (perf), for labels, units and decimal points.
    func containsBytes(_ needle: String) -> Bool {
        withUTF8Bytes { text in
            needle.withUTF8Bytes { needle in
                guard let needleStart = needle.baseAddress, !needle.isEmpty else { return true }
                guard let start = text.baseAddress, text.count >= needle.count else { return false }
                let lastStart = text.count - needle.count  // the last offset a match can start at
                var offset = 0
                while offset <= lastStart {
                    guard let hit = memchr(start + offset, Int32(needle[0]), lastStart - offset + 1) else {
                        return false
                    }
                    if memcmp(hit, needleStart, needle.count) == 0 { return true }
                    offset = UnsafeRawPointer(hit) - UnsafeRawPointer(start) + 1
                }
                return false
            }
        }
    }
}
