import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the layout `Manifest.write` gives — one `"key": "value"` entry per line inside the
/// `files` and `renderKeys` objects — straight from the file's bytes. A rebuild reads the whole
/// previous manifest (39,000 lines at 1,000 departments) before it can keep anything; through
/// `FileHandle`, a slice per line and a generic hex parser it was 70 ms of one core, longer than
/// checking the tables it runs beside.
struct ManifestLines {
    enum Section { case files, renderKeys }

    private enum State { case top, files, renderKeys, other }
    private var state = State.top
    private var sawFiles = false

    /// Calls `entry` for each entry line, with the key's and the value's bytes (valid only during
    /// the call) and where the line starts in the file. False when a line is not that layout, or
    /// `entry` says no: the caller then parses the file as JSON.
    mutating func read(
        _ descriptor: Int32,
        entry: (Section, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, _ lineStart: Int) -> Bool
    ) -> Bool {
        // Room for a chunk after the unfinished line carried over, so the buffer grows only for a
        // line longer than a chunk. It had been one chunk of a megabyte, grown by another at every
        // read that left a line unfinished (nearly all): 5 MB allocated, zeroed and copied for a
        // 4.4 MB manifest. A quarter of a megabyte: each of its pages is a page fault, once.
        let chunk = 256 << 10
        var buffer = [UInt8](repeating: 0, count: 2 * chunk)
        var pending = 0  // bytes of an unfinished line at the start of `buffer`
        var bufferStart = 0  // where `buffer` starts in the file
        while true {
            if buffer.count - pending < chunk { buffer += [UInt8](repeating: 0, count: chunk) }
            let count = buffer.withUnsafeMutableBytes { bytes in
                Glibc.read(descriptor, bytes.baseAddress! + pending, bytes.count - pending)
            }
            guard count >= 0 else { return false }
            if count == 0 { break }
            let filled = pending + count
            let consumed = buffer.withUnsafeMutableBufferPointer { buffer -> Int? in
                let base = buffer.baseAddress!
                var start = 0
                while start < filled, let newline = memchr(base + start, 0x0A, filled - start) {
                    let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    let line = UnsafeBufferPointer(start: base + start, count: end - start)
                    guard take(line, at: bufferStart + start, entry) else {
                        return nil
                    }
                    start = end + 1
                }
                return start
            }
            guard let consumed else { return false }
            pending = filled - consumed
            bufferStart += consumed
            if pending > 0 && consumed > 0 {
                buffer.withUnsafeMutableBytes { bytes in
                    _ = memmove(bytes.baseAddress!, bytes.baseAddress! + consumed, pending)
                }
            }
        }
        if pending > 0 {
            let last = buffer.withUnsafeBufferPointer {
                take(UnsafeBufferPointer(rebasing: $0[..<pending]), at: bufferStart, entry)
            }
            guard last else { return false }
        }
        return sawFiles && state == .top
    }

    private static let filesOpening = Array("  \"files\": {".utf8)
    private static let keysOpening = Array("  \"renderKeys\": {".utf8)

    private mutating func take(
        _ line: UnsafeBufferPointer<UInt8>, at lineStart: Int,
        _ entry: (Section, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, Int) -> Bool
    ) -> Bool {
        switch state {
        case .top:
            if line.elementsEqual(Self.filesOpening) {
                state = .files
                sawFiles = true
            } else if line.elementsEqual(Self.keysOpening) {
                state = .renderKeys
            } else if line.count >= 4, line[0] == 0x20, line[1] == 0x20, line[2] == 0x22, line[line.count - 1] == 0x7B {
                state = .other  // `  "name": {`, an object this reader skips
            }
            return true
        case .other:
            if Self.isClosing(line) { state = .top }
            return true
        case .files, .renderKeys:
            if Self.isClosing(line) {
                state = .top
                return true
            }
            guard let (key, value) = Self.entry(line) else { return false }
            return entry(state == .files ? .files : .renderKeys, key, value, lineStart)
        }
    }

    /// `  },` or `  }`.
    private static func isClosing(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        (line.count == 3 || (line.count == 4 && line[3] == UInt8(ascii: ",")))
            && line[0] == 0x20 && line[1] == 0x20 && line[2] == UInt8(ascii: "}")
    }

    /// `    "key": "value",` (the comma optional) with no backslash and no quote in key or value.
    private static func entry(
        _ line: UnsafeBufferPointer<UInt8>
    ) -> (key: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)? {
        let quote = UInt8(ascii: "\"")
        guard line.count > 10, let base = line.baseAddress,
            base[0] == 0x20, base[1] == 0x20, base[2] == 0x20, base[3] == 0x20, base[4] == quote,
            memchr(base, Int32(UInt8(ascii: "\\")), line.count) == nil
        else { return nil }
        var end = line.count
        if base[end - 1] == UInt8(ascii: ",") { end -= 1 }
        guard base[end - 1] == quote else { return nil }
        end -= 1
        let keyStart = 5
        guard let keyQuote = memchr(base + keyStart, Int32(quote), end - keyStart) else { return nil }
        let keyEnd = base.distance(to: keyQuote.assumingMemoryBound(to: UInt8.self))
        let valueStart = keyEnd + 4
        guard valueStart <= end, base[keyEnd + 1] == UInt8(ascii: ":"), base[keyEnd + 2] == 0x20,
            base[keyEnd + 3] == quote,
            memchr(base + valueStart, Int32(quote), end - valueStart) == nil
        else { return nil }
        return (
            UnsafeBufferPointer(start: base + keyStart, count: keyEnd - keyStart),
            UnsafeBufferPointer(start: base + valueStart, count: end - valueStart)
        )
    }
}
