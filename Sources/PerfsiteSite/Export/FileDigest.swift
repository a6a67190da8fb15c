import Crypto
import Foundation

/// A SHA-256 in 32 bytes. The manifest keeps one for every published file — 400,000 at 10,000
/// departments — and as 64 hex characters on the heap they took 25 MB more.
struct FileDigest: Hashable, Sendable {
    private let first: UInt64
    private let second: UInt64
    private let third: UInt64
    private let fourth: UInt64

    init(_ digest: SHA256.Digest) { self.init(bytes: digest) }

    init(of bytes: some DataProtocol) { self.init(SHA256.hash(data: bytes)) }

    /// From the digest's 32 bytes, in order (as `append(to:)` gives them).
    init(bytes: some Sequence<UInt8>) {
        var words: InlineArray<4, UInt64> = [0, 0, 0, 0]
        for (index, byte) in bytes.enumerated() { words[index / 8] = words[index / 8] << 8 | UInt64(byte) }
        (first, second, third, fourth) = (words[0], words[1], words[2], words[3])
    }

    /// The 32 bytes of the digest, in order.
    func append(to bytes: inout [UInt8]) {
        for word in [first, second, third, fourth] {
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
    }

    /// From 64 lower- or upper-case hex digits; nil for anything else.
    init?(hex: String) { self.init(hexDigits: hex.utf8) }

    /// From the UTF-8 of 64 hex digits. A rebuild reads one per file of the previous manifest.
    init?(hexDigits digits: some Collection<UInt8>) {
        guard digits.count == 64,
            let words = digits.withContiguousStorageIfAvailable(Self.words(hexDigits:))
                ?? Array(digits).withUnsafeBufferPointer(Self.words(hexDigits:))
        else { return nil }
        (first, second, third, fourth) = words
    }

    /// Each pair of hex digits' value, by the pair's two bytes as a little-endian UInt16 (the
    /// first digit in the low byte); 0xFFFF for a pair that is not two hex digits. A rebuild
    /// reads one digest per file of the previous manifest: a lookup per digit had been 1.9% of a
    /// one-table rebuild's instructions at 1,000 departments. 128 KB, of which a digest's pairs
    /// touch a few kilobytes.
    private static let pairValues: [UInt16] = {
        func value(_ byte: Int) -> Int? {
            switch UInt8(byte) {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - Int(UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - Int(UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - Int(UInt8(ascii: "A")) + 10
            default: nil
            }
        }
        let single = (0..<256).map(value)
        return (0..<65536).map { pair in
            guard let high = single[pair & 0xFF], let low = single[pair >> 8] else { return 0xFFFF }
            return UInt16(high << 4 | low)
        }
    }()

    /// The four words of 64 hex digits, or nil when one is not a hex digit.
    private static func words(hexDigits digits: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        pairValues.withUnsafeBufferPointer { values in
            let raw = UnsafeRawPointer(digits.baseAddress!)
            var invalid: UInt16 = 0
            func word(_ offset: Int) -> UInt64 {
                var word: UInt64 = 0
                for pair in 0..<8 {
                    let bytes = UInt16(
                        littleEndian: raw.loadUnaligned(fromByteOffset: offset + 2 * pair, as: UInt16.self))
                    let value = values[Int(bytes)]
                    invalid |= value
                    word = word << 8 | UInt64(value & 0xFF)
                }
                return word
            }
            let words = (word(0), word(16), word(32), word(48))
            // A pair's value is below 256; 0xFFFF sets the high byte.
            return invalid & 0xFF00 == 0 ? words : nil
        }
    }

    /// Lower-case hex, as manifest.json writes it (and every render key and table digest: see
    /// `Manifest.hex`).
    var hex: String {
        var text = [UInt8]()
        text.reserveCapacity(64)
        appendHex(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The 64 lower-case hex digits, appended: manifest.json has one per file, and a String for
    /// each was a quarter of writing it.
    func appendHex(to bytes: inout [UInt8]) {
        // Into 64 bytes made room for at once: a manifest writes one per published file, and an
        // append per digit (and an array of the four words per call) was a tenth of writing it.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 64))
        let words = (first, second, third, fourth)
        bytes.withUnsafeMutableBufferPointer { buffer in
            func put(_ word: UInt64, at offset: Int) {
                for position in 0..<16 {
                    let digit = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * position)) & 0xF
                    buffer[offset + position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") - 10 + digit
                }
            }
            put(words.0, at: start)
            put(words.1, at: start + 16)
            put(words.2, at: start + 32)
            put(words.3, at: start + 48)
        }
    }
}
