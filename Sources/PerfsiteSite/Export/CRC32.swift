import CZlibSystem
import Foundation

/// zlib's CRC-32: the checksum a ZIP entry records, and the one that guards the build cache's files.
enum CRC32 {
    /// The CRC-32 of `bytes`, continuing one computed over the bytes before them (0 to start).
    static func of(_ bytes: some ContiguousBytes, continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { buffer in
            UInt32(CZlibSystem.crc32(uLong(crc), buffer.bindMemory(to: Bytef.self).baseAddress, uInt(buffer.count)))
        }
    }
}
