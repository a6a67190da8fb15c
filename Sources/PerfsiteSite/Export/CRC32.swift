import CLibDeflate
import Foundation

/// The CRC-32 of ZIP and gzip (libdeflate's, four times zlib's speed here): the checksum a ZIP
/// entry records, and the one that guards the build cache's files.
enum CRC32 {
    /// The CRC-32 of `bytes`, continuing one computed over the bytes before them (0 to start).
    static func of(_ bytes: some ContiguousBytes, continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { buffer in
            libdeflate_crc32(crc, buffer.baseAddress, buffer.count)
        }
    }
}
