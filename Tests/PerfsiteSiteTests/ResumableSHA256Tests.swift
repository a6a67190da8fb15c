import CSHA256
import Crypto
import Foundation
import Testing

@testable import PerfsiteSite

/// The hand-written SHA-256 gives swift-crypto's digests, on the processor's instructions and in
/// portable C, however the bytes are cut, and when it resumes from another file's checkpoints.
@Suite struct ResumableSHA256Tests {
    /// Bytes that look random and are the same on every run: SHA-256 of the seed and a counter.
    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 32)
        var counter: UInt64 = 0
        while bytes.count < count {
            bytes += SHA256.hash(data: Array("\(seed)/\(counter)".utf8))
            counter += 1
        }
        return Array(bytes.prefix(count))
    }

    /// Lengths around the block and padding edges, and across several checkpoints.
    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 262_143, 262_144, 262_145, 1_000_003])
    func digestsAreSHA256(length: Int) {
        let bytes = Self.randomBytes(length, seed: UInt64(length))
        let expected = FileDigest(SHA256.hash(data: bytes))
        var whole = ResumableSHA256(takingCheckpoints: true)
        whole.update(bytes)
        #expect(whole.finalize() == expected)
        #expect(whole.count == length)
        #expect(whole.checkpoints.map(\.offset) == Array(stride(from: 262_144, through: length, by: 262_144)))
        // Cut at random places, pieces of 0 to 200 bytes and now and then 100 KB.
        let cuts = Self.randomBytes(length / 50 + 16, seed: UInt64(length) &+ 7)
        var pieces = ResumableSHA256(takingCheckpoints: true)
        var offset = 0
        var cut = 0
        while offset < length {
            let (first, second) = (cuts[cut % cuts.count], cuts[(cut + 1) % cuts.count])
            cut += 2
            let step = first % 10 == 0 ? 100_000 : Int(second) * 200 / 255
            let end = min(length, offset + step)
            pieces.update(Array(bytes[offset..<end]))
            offset = end
        }
        #expect(pieces.finalize() == expected)
        #expect(pieces.checkpoints == whole.checkpoints)
    }

    @Test func bothBlockFunctionsAgree() {
        let bytes = Self.randomBytes(64 * 1000, seed: 42)
        var accelerated: SIMD8<UInt32> = [1, 2, 3, 4, 5, 6, 7, 8]
        var portable = accelerated
        bytes.withUnsafeBufferPointer { data in
            withUnsafeMutableBytes(of: &accelerated) {
                perfsite_sha256_blocks($0.baseAddress!.assumingMemoryBound(to: UInt32.self), data.baseAddress!, 1000)
            }
            withUnsafeMutableBytes(of: &portable) {
                perfsite_sha256_blocks_portable(
                    $0.baseAddress!.assumingMemoryBound(to: UInt32.self), data.baseAddress!, 1000)
            }
        }
        #expect(accelerated == portable)
        #expect(accelerated != [1, 2, 3, 4, 5, 6, 7, 8])
    }

    /// A file that shares a first megabyte and a half with another is hashed from the last
    /// checkpoint inside it: the same digest and checkpoints as hashing it whole.
    @Test func resumesFromAnotherFilesCheckpoints() throws {
        let previous = Self.randomBytes(3_000_000, seed: 1)
        var changed = previous
        changed.replaceSubrange(1_500_000..<1_500_010, with: Array("改动".utf8))
        var old = ResumableSHA256(takingCheckpoints: true)
        old.update(previous)
        var header = ResumableSHA256(takingCheckpoints: true)
        header.update(Array(changed[0..<300]))  // hashed before the resumption is known
        let usable = old.checkpoints.filter { $0.offset <= 1_500_000 }
        #expect(usable.count == 5)
        header.resume(from: usable)
        header.update(Array(changed[usable.last!.offset...]))
        var fresh = ResumableSHA256(takingCheckpoints: true)
        fresh.update(changed)
        #expect(header.finalize() == FileDigest(SHA256.hash(data: changed)))
        #expect(header.checkpoints == fresh.checkpoints)
        #expect(header.checkpoints.prefix(5) == old.checkpoints.prefix(5))
        #expect(header.checkpoints[5] != old.checkpoints[5])
    }
}
