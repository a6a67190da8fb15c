import CSHA256

/// SHA-256 that can start again part-way through a file: it notes its state every 256 KB
/// (`Checkpoint`), and a later hash of a file whose first bytes are the same continues from the
/// last checkpoint inside them instead of from the first byte. A one-table rebuild rewrites the
/// site-wide open-data files, 17 MB at 1,000 departments, and all but the changed department's
/// rows are the previous build's bytes: hashing them again was the largest part of the rows
/// thread, which the build waits for (`OpenDataStreams`).
///
/// The blocks are hashed by `perfsite_sha256_blocks` (C, with the processor's SHA instructions
/// where it has them), because swift-crypto's `SHA256` does not expose its state.
struct ResumableSHA256: Sendable {
    /// The state after the first `offset` bytes of a file, `offset` a multiple of
    /// `checkpointInterval`.
    struct Checkpoint: Sendable, Equatable, Archivable {
        var offset: Int
        var state: SIMD8<UInt32>

        init(offset: Int, state: SIMD8<UInt32>) {
            self.offset = offset
            self.state = state
        }

        func archive(into writer: inout ArchiveWriter) {
            writer.write(offset)
            for index in 0..<8 { writer.write(Int(state[index])) }
        }

        init(from reader: inout ArchiveReader) throws {
            offset = try reader.int()
            state = SIMD8()
            for index in 0..<8 {
                let word = try reader.int()
                guard let value = UInt32(exactly: word) else { throw ArchiveReader.Malformed() }
                state[index] = value
            }
            guard offset > 0, offset % Self.interval == 0 else { throw ArchiveReader.Malformed() }
        }

        /// Checkpoints are this far apart: at most this much is hashed again before the first
        /// changed byte; 70 checkpoints for 17 MB of open data.
        static let interval = 256 << 10
    }

    /// FIPS 180-4 §5.3.3.
    private static let initialState: SIMD8<UInt32> = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    private var state = Self.initialState
    /// Bytes hashed through the block function: a multiple of 64.
    private var blocksHashed = 0
    /// The bytes after those, fewer than 64.
    private var partial: [UInt8] = []
    /// Taken only when asked for: most hashed files are pages, far smaller than the interval.
    private let takesCheckpoints: Bool
    /// The checkpoints so far, in order of offset.
    private(set) var checkpoints: [Checkpoint] = []

    init(takingCheckpoints: Bool = false) {
        takesCheckpoints = takingCheckpoints
        partial.reserveCapacity(64)
    }

    /// How many bytes have been hashed.
    var count: Int { blocksHashed + partial.count }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var start = bytes.baseAddress else { return }
        var remaining = bytes.count
        if !partial.isEmpty {
            let taken = min(64 - partial.count, remaining)
            partial.append(contentsOf: UnsafeRawBufferPointer(start: start, count: taken))
            start += taken
            remaining -= taken
            guard partial.count == 64 else { return }
            partial.withUnsafeBytes { Self.compress(&state, $0.baseAddress!, count: 1) }
            passed(blocks: 1)
            partial.removeAll(keepingCapacity: true)
        }
        while remaining >= 64 {
            // Up to the next checkpoint at most, so that none is passed over.
            let toCheckpoint = Checkpoint.interval - blocksHashed % Checkpoint.interval
            let blocks = min(remaining, toCheckpoint) / 64
            hashBlocks(start, count: blocks)
            start += blocks * 64
            remaining -= blocks * 64
        }
        if remaining > 0 { partial.append(contentsOf: UnsafeRawBufferPointer(start: start, count: remaining)) }
    }

    private mutating func hashBlocks(_ blocks: UnsafeRawPointer, count: Int) {
        Self.compress(&state, blocks, count: count)
        passed(blocks: count)
    }

    /// Counts blocks hashed, and takes a checkpoint when they end on one.
    private mutating func passed(blocks count: Int) {
        blocksHashed += count * 64
        if takesCheckpoints && blocksHashed % Checkpoint.interval == 0 {
            checkpoints.append(Checkpoint(offset: blocksHashed, state: state))
        }
    }

    /// SHA-256's compression function over `count` blocks, on `state`.
    private static func compress(_ state: inout SIMD8<UInt32>, _ blocks: UnsafeRawPointer, count: Int) {
        withUnsafeMutableBytes(of: &state) { words in
            perfsite_sha256_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks, count)
        }
    }

    /// Continues from the last of `checkpoints`, taken of a file whose first bytes up to it are
    /// this file's: what was hashed so far is replaced by that state (the caller has the bytes
    /// up to it written some other way), and the earlier checkpoints are this file's too.
    mutating func resume(from checkpoints: [Checkpoint]) {
        guard let last = checkpoints.last else { return }
        precondition(last.offset >= count, "a hash resumes forward")
        state = last.state
        blocksHashed = last.offset
        partial.removeAll(keepingCapacity: true)
        self.checkpoints = takesCheckpoints ? checkpoints : []
    }

    /// The digest of everything hashed: the padding and the length (FIPS 180-4 §5.1.1) as one or
    /// two last blocks.
    func finalize() -> FileDigest {
        var tail = partial
        let bits = UInt64(count) &* 8
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
        var final = state
        tail.withUnsafeBytes { Self.compress(&final, $0.baseAddress!, count: tail.count / 64) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in 0..<8 {
            let word = final[index]
            bytes += [
                UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                UInt8(truncatingIfNeeded: word),
            ]
        }
        return FileDigest(bytes: bytes)
    }
}
