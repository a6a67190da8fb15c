import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The manifest's entries past its memory budget: runs sorted by path in one temporary file,
/// merged in path order when manifest.json is written. Every published file has an entry —
/// 1.2 million at 30,000 departments, 90 MB held until the end of the build before — and the
/// entries come in render order, not path order, so only a merge of sorted runs can write them
/// without holding them all.
final class ManifestSpill {
    private let path: String
    private let descriptor: Int32
    private var runs: [(start: Int, end: Int)] = []
    private var size = 0

    init() throws(PublishError) {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-manifest-\(UUID().uuidString)")
            .path
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure(path) }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    var runCount: Int { runs.count }

    /// Appends a run, its entries in path order and each path once (`Entry.append`).
    func append(run bytes: [UInt8]) throws(PublishError) {
        guard lseek(descriptor, off_t(size), SEEK_SET) == off_t(size) else { throw Self.failure(path) }
        if let code = PublishIO.writeAll(descriptor, bytes) {
            errno = code
            throw Self.failure(path)
        }
        runs.append((size, size + bytes.count))
        size += bytes.count
    }

    /// Every path of every run in path order, once, with the digest of the latest run that has it
    /// (a path recorded again later replaces its first record).
    func merge(_ visit: (_ path: ArraySlice<UInt8>, _ digest: FileDigest) throws -> Void) throws {
        var readers = try runs.map { run throws(PublishError) in try RunReader(descriptor, run, path: path) }
        while true {
            // A few dozen runs at most: the smallest head by a scan. Equal paths: the later run wins.
            var smallest: Int?
            for index in readers.indices {
                guard let head = readers[index].head else { continue }
                if let current = smallest, ManifestFiles.compare(head.path[...], readers[current].head!.path[...]) > 0 {
                    continue
                }
                smallest = index
            }
            guard let winner = smallest, let winning = readers[winner].head else { return }
            try visit(winning.path[...], winning.digest)
            for index in readers.indices where index != winner && readers[index].head?.path == winning.path {
                try readers[index].advance()
            }
            try readers[winner].advance()
        }
    }

    /// One entry as a run holds it: the path's length (LEB128), its bytes, the digest's 32 bytes.
    static func append(path: ArraySlice<UInt8>, digest: FileDigest, to bytes: inout [UInt8]) {
        var length = path.count
        while length >= 0x80 {
            bytes.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: path)
        digest.append(to: &bytes)
    }

    /// A run read front to back, 64 KB at a time.
    private struct RunReader {
        let descriptor: Int32
        let file: String
        var offset: Int
        let end: Int
        var buffer: [UInt8] = []
        var position = 0
        /// The entry read last; nil at the end of the run.
        var head: (path: [UInt8], digest: FileDigest)?

        init(_ descriptor: Int32, _ run: (start: Int, end: Int), path: String) throws(PublishError) {
            self.descriptor = descriptor
            file = path
            offset = run.start
            end = run.end
            try advance()
        }

        /// Makes at least `count` bytes available from `position`; false at the end of the run.
        mutating func fill(_ count: Int) throws(PublishError) -> Bool {
            if buffer.count - position >= count { return true }
            buffer.removeSubrange(..<position)
            position = 0
            while buffer.count < count, offset < end {
                let want = min(max(64 << 10, count - buffer.count), end - offset)
                var block = [UInt8](repeating: 0, count: want)
                let read = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, want, off_t(offset)) }
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { throw ManifestSpill.failure(file) }
                buffer += block[..<read]
                offset += read
            }
            return buffer.count >= count
        }

        mutating func advance() throws(PublishError) {
            guard try fill(1) else {
                head = nil
                return
            }
            var length = 0
            var shift = 0
            while true {
                guard try fill(1), shift < 63 else { throw ManifestSpill.failure(file) }
                let byte = buffer[position]
                position += 1
                length |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            guard try fill(length + 32) else { throw ManifestSpill.failure(file) }
            head = (
                Array(buffer[position..<position + length]),
                FileDigest(bytes: buffer[position + length..<position + length + 32])
            )
            position += length + 32
        }
    }

    static func failure(_ path: String) -> PublishError {
        PublishError(path: path, message: "无法写入清单的临时文件:\(PublishIO.describe(errno: errno))")
    }
}
