import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The previous manifest.json, open as it was read, with where each of its files' lines starts.
/// A rebuild keeps nearly every file, and the kept files' entries in the new manifest are the
/// same bytes, in the same order, as in the old one: `Manifest.write` copies runs of them from
/// here instead of spelling each path and digest again. Writing the 39,000 entries of a
/// 1,000-department site was 5.5% of a one-table rebuild's samples (perf), 11-21 ms at its end.
///
/// A line is copied only when it is exactly what `Manifest.write` would write for its entry; the
/// file's `stat` fingerprint is asked again once the copies are done, and a manifest.json edited
/// meanwhile is written again without copying.
final class PreviousManifestText: Sendable {
    private let file: ReplacedFiles
    private var descriptor: Int32 { file[0] }
    private let fingerprint: BuildCache.Fingerprint
    /// Per entry of the previous files, in path order: where its line starts in the file, or
    /// `notCopyable`.
    private let lineStarts: [UInt32]
    static let notCopyable = UInt32.max

    /// The lines of `lineStarts` in the file open as `descriptor` (which it duplicates, the caller
    /// keeping its own), if its fingerprint is still `fingerprint`.
    init?(descriptor: Int32, fingerprint: BuildCache.Fingerprint, lineStarts: [UInt32]) {
        let duplicate = dup(descriptor)
        guard duplicate >= 0 else { return nil }
        file = ReplacedFiles([duplicate])
        self.fingerprint = fingerprint
        self.lineStarts = lineStarts
        guard isUnchanged else { return nil }
    }

    /// Once the new manifest replaced it (`ReplacedFiles`).
    func closeInBackground() { file.closeInBackground() }

    /// Whether a line (`    "path": "digest",`, the comma optional) is as `Manifest.write` writes
    /// that entry: a path `JSONText.string` writes as it is, and a digest in lower case. `digest`
    /// holds hex digits already (`FileDigest(hexDigits:)` read it). Every entry of a rebuild's
    /// previous manifest is asked: a reduction, where a loop that stopped at the first upper-case
    /// digit was 6% of a one-table rebuild's samples (perf).
    static func isAsWritten(path: UnsafeBufferPointer<UInt8>, digest: UnsafeBufferPointer<UInt8>) -> Bool {
        // Digits (0x30-0x39) and a-f (0x61-0x66) have bit 0x20 set; A-F (0x41-0x46) do not.
        // Eight digits at a time, then the bytes past the last whole eight.
        var common: UInt64 = ~0
        let raw = UnsafeRawBufferPointer(digest)
        let whole = digest.count / 8 * 8
        for offset in stride(from: 0, to: whole, by: 8) {
            common &= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        var rest: UInt8 = 0xFF
        for byte in digest[whole...] { rest &= byte }
        return common & 0x2020_2020_2020_2020 == 0x2020_2020_2020_2020 && rest & 0x20 != 0
            && JSONText.needsNoEscape(path)
    }

    /// The file is the one read: not edited or replaced since.
    var isUnchanged: Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && BuildCache.Fingerprint(info) == fingerprint
    }

    /// Whether entry `next` is copyable and its line comes right after entry `index`'s, whose
    /// path has `length` bytes: that line then ends in a comma (`    "` + path + `": "` + 64
    /// digits + `",` and the newline: 76 bytes beside the path).
    func line(_ next: Int, follows index: Int, pathLength length: Int) -> Bool {
        let start = lineStarts[index]
        let nextStart = lineStarts[next]
        return start != Self.notCopyable && nextStart != Self.notCopyable
            && Int(nextStart) == Int(start) + length + 76
    }

    /// Where the entries `first...last` are in the file, from the first one's opening quote to the
    /// last one's closing quote (`last` has a path of `lastPathLength` bytes): each one but the
    /// last followed by `,\n    `, as `Manifest.write` separates them. Nil when a line is not
    /// copyable.
    func byteRange(_ first: Int, through last: Int, lastPathLength: Int) -> Range<Int>? {
        guard lineStarts[first] != Self.notCopyable, lineStarts[last] != Self.notCopyable else { return nil }
        let start = Int(lineStarts[first]) + 4
        let end = Int(lineStarts[last]) + 4 + lastPathLength + 70
        return end > start ? start..<end : nil
    }

    /// Appends `range` of the file to `stream`, copied by the kernel. Whether the file was still
    /// the one read is asked afterwards (`isUnchanged`), once the stream is flushed.
    func copy(_ range: Range<Int>, into stream: StreamedFile) throws(PublishError) {
        try stream.append(copyOf: range, from: descriptor, keeping: self)
    }
}
