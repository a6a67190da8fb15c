import CZlibSystem
import Synchronization

/// A zlib deflate stream that is reset for each part instead of made anew, handed from one part
/// to the next through a pool shared by the rendering threads.
///
/// Why: `deflateInit2` allocates about 270 KB of state, and freeing it lets glibc give the pages
/// back to the system (one `madvise` per workbook under strace), so every workbook paid for the
/// allocation, the page faults and the clearing twice, once per variable part. In C, on a
/// department's 20 KB sheet: 88 µs a part made anew, 29 µs reset. zlib was 5.2% of a
/// 1,000-department build's samples (perf).
final class DeflateStream: @unchecked Sendable {
    // @unchecked: a stream is used by one thread at a time, between `take` and `give`.

    /// zlib keeps a pointer back to its `z_stream`, so it must not move: it lives in memory of
    /// its own rather than in a stored property.
    private let stream: UnsafeMutablePointer<z_stream>
    let level: Int32

    private init?(level: Int32) {
        self.level = level
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard
            deflateInit2_(
                stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// `bytes` as a raw deflate stream (no zlib header), as ZIP wants it; nil if zlib fails.
    /// `level`: zlib's 1 (fastest) to 9 (smallest).
    static func deflate(_ bytes: [UInt8], level: Int32) -> [UInt8]? {
        guard let stream = take(level: level) else { return nil }
        let deflated = stream.deflate(bytes)
        // A stream zlib failed on is not given back: the next part gets a new one.
        if deflated != nil { give(stream) }
        return deflated
    }

    private func deflate(_ bytes: [UInt8]) -> [UInt8]? {
        guard deflateReset(stream) == Z_OK else { return nil }
        let capacity = Int(deflateBound(stream, uLong(bytes.count)))
        var result = Z_STREAM_ERROR
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            bytes.withUnsafeBufferPointer { input in
                // zlib does not write through next_in; its C type is only missing the const.
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                result = CZlibSystem.deflate(stream, Z_FINISH)
            }
            written = result == Z_STREAM_END ? Int(stream.pointee.total_out) : 0
        }
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        return result == Z_STREAM_END ? output : nil
    }

    /// Streams not in use, at most one per thread that has deflated at once.
    private static let idle = Mutex<[DeflateStream]>([])

    private static func take(level: Int32) -> DeflateStream? {
        let reused = idle.withLock { streams in
            streams.lastIndex { $0.level == level }.map { streams.remove(at: $0) }
        }
        return reused ?? DeflateStream(level: level)
    }

    private static func give(_ stream: DeflateStream) {
        idle.withLock { $0.append(stream) }
    }
}
