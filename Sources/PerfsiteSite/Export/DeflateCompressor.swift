import CLibDeflate
import Synchronization

/// Raw DEFLATE for the workbooks' parts, through libdeflate: at zlib's fastest level a
/// department's 20 KB sheet took 74 µs with a reused zlib stream and 42 µs with libdeflate's
/// compressor at level 1, for output within a byte of zlib's (C, on this machine); zlib's own code
/// was 5% of a 1,000-department build's samples. libdeflate compresses a whole buffer at once,
/// which is all a workbook part is.
///
/// A compressor holds 200 KB of tables at level 1 (650 KB at 6), so compressors are kept in a
/// pool shared by the rendering threads instead of made for every part. zlib's streams, made and
/// freed for every part, had cost 88 µs a part against 29 µs reset (C, a 20 KB sheet): the
/// allocation, its page faults and the clearing of its tables.
final class DeflateCompressor: @unchecked Sendable {
    // @unchecked: a compressor is used by one thread at a time, between `take` and `give`.

    private let compressor: OpaquePointer
    let level: Int32

    private init?(level: Int32) {
        guard let compressor = libdeflate_alloc_compressor(level) else { return nil }
        self.compressor = compressor
        self.level = level
    }

    deinit { libdeflate_free_compressor(compressor) }

    /// `bytes` as a raw DEFLATE stream (no zlib header), as ZIP wants it; nil if it would not be
    /// smaller than `bytes`, or if no compressor can be made. `level`: 1 (fastest) to 12 (smallest).
    static func deflate(_ bytes: [UInt8], level: Int32) -> [UInt8]? {
        guard let compressor = take(level: level) else { return nil }
        defer { give(compressor) }
        return compressor.deflate(bytes)
    }

    private func deflate(_ bytes: [UInt8]) -> [UInt8]? {
        // At most one byte shorter than the input: libdeflate returns 0 when the stream does
        // not fit, which is when storing the part is as small.
        guard bytes.count > 1 else { return nil }
        let output = [UInt8](unsafeUninitializedCapacity: bytes.count - 1) { out, written in
            written = bytes.withUnsafeBytes { input in
                libdeflate_deflate_compress(compressor, input.baseAddress, input.count, out.baseAddress, out.count)
            }
        }
        return output.isEmpty ? nil : output
    }

    /// Compressors not in use, at most one per thread that has compressed at once.
    private static let idle = Mutex<[DeflateCompressor]>([])

    private static func take(level: Int32) -> DeflateCompressor? {
        let reused = idle.withLock { compressors in
            compressors.lastIndex { $0.level == level }.map { compressors.remove(at: $0) }
        }
        return reused ?? DeflateCompressor(level: level)
    }

    private static func give(_ compressor: DeflateCompressor) {
        idle.withLock { $0.append(compressor) }
    }
}
