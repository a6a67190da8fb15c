import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The site-wide open-data files (`SiteRenderer.openData`) as a build writes them: a department's
/// rows at a time, in site order, on one thread (`SiteBuilder.renderDepartments`). Rows are given
/// as bytes, or as byte ranges of the previous build's published files (`PreviousOpenData`) for a
/// department whose render key did not change; consecutive ranges are copied as one. Where each
/// department's rows end up is recorded, for the next build (`OpenDataSpans`).
///
/// While a file is still the previous one's bytes at the same places (its header, then the rows
/// of unchanged departments in the same order: every department before the first changed one),
/// those bytes are copied by the kernel up to the previous file's last hash checkpoint, and the
/// hash resumes there (`ResumableSHA256`) instead of reading and hashing them again.
/// Unchecked Sendable: one thread appends at a time, and the build reads `spans` only after
/// waiting for it.
final class OpenDataStreams: @unchecked Sendable {
    /// One department's rows, one entry per open-data file.
    enum Rows: Sendable {
        case bytes([[UInt8]])
        /// Byte ranges of the previous build's files.
        case previous([Range<Int>])
    }

    private let streams: [StreamedFile]
    private let previous: PreviousOpenData?
    /// Per file, whether what is written and pending so far is the previous file's first bytes.
    private var samePrefix: [Bool]
    /// Per file, a range of the previous file still to be copied: ranges that follow each other
    /// are copied with one read.
    private var pending: [Range<Int>?]
    /// Where each department's rows are in the new files, by render key.
    private(set) var spans: [String: [Range<Int>]] = [:]
    /// How many departments' rows came from the previous files.
    private(set) var copiedDepartments = 0
    /// How many bytes were copied with the hash resumed after them, not computed over them.
    private(set) var bytesNotRehashed = 0

    /// Once a file is no longer the previous one's first bytes, pending rows are copied when there
    /// are this many bytes of them, not when the run of unchanged departments ends: a one-table
    /// rebuild's run ends at the last department, and copying and hashing everything after the
    /// changed one there (17 MB at 1,000 departments, before the prefix was copied unhashed) left
    /// this thread working 27 ms after the departments pass had ended.
    static let eagerCopy = 1 << 20

    /// Starts each file with its header.
    init(streams: [StreamedFile], headers: [[UInt8]], previous: PreviousOpenData?) throws(PublishError) {
        self.streams = streams
        self.previous = previous
        pending = Array(repeating: nil, count: streams.count)
        for (stream, header) in zip(streams, headers) { try stream.append(header) }
        samePrefix = streams.indices.map { file in previous?.file(file, startsWith: headers[file]) ?? false }
    }

    /// Where an unchanged department's rows are in the previous build's files, if known there.
    func previousRows(key: String) -> [Range<Int>]? { previous?.rows(key: key) }

    /// Appends a department's rows; `key` is its render key, under which the rows' place is
    /// recorded (none without one).
    func append(_ rows: Rows, key: String?) throws(PublishError) {
        var placed: [Range<Int>] = []
        placed.reserveCapacity(streams.count)
        switch rows {
        case .bytes(let pieces):
            for (file, piece) in zip(streams.indices, pieces) {
                let start = size(of: file)
                if !piece.isEmpty {
                    // Rows made again that are the previous file's bytes where they go (an edit
                    // that changes another file's rows: a task's text leaves indicators.csv as it
                    // was) are copied as those bytes, and the file stays the previous one's so far.
                    if samePrefix[file], let previous, previous.file(file, has: piece, at: start) {
                        try appendPrevious(start..<start + piece.count, to: file, at: start)
                    } else {
                        try copyPending(file)
                        samePrefix[file] = false
                        try streams[file].append(piece)
                    }
                }
                placed.append(start..<start + piece.count)
            }
        case .previous(let ranges):
            guard previous != nil, ranges.count == streams.count else {
                throw PublishError(path: streams.first?.path ?? "data/", message: "开放数据的旧文件无法读取")
            }
            for (file, range) in zip(streams.indices, ranges) {
                let start = size(of: file)
                if !range.isEmpty { try appendPrevious(range, to: file, at: start) }
                placed.append(start..<start + range.count)
            }
            copiedDepartments += 1
        }
        if let key { spans[key] = placed }
    }

    /// Appends `range` of the previous file number `file`, the new file being `start` bytes long.
    /// While the file is the previous one's first bytes, nothing is copied yet: if it stays so to
    /// the end, it is the previous file (`finish`).
    private func appendPrevious(_ range: Range<Int>, to file: Int, at start: Int) throws(PublishError) {
        // Rows at another place than in the previous file end the same prefix, which is copied
        // first, in the kernel to its last checkpoint.
        if range.lowerBound != start && samePrefix[file] {
            try copyPending(file)
            samePrefix[file] = false
        }
        if let waiting = pending[file], waiting.upperBound == range.lowerBound {
            pending[file] = waiting.lowerBound..<range.upperBound
        } else {
            try copyPending(file)
            pending[file] = range
        }
        if !samePrefix[file] && pending[file]!.count >= Self.eagerCopy { try copyPending(file) }
    }

    /// Copies what is still pending; the streams are then whole. A file that is the previous
    /// one's bytes from end to end (an edit that changed none of its rows) is not copied at all:
    /// its stream stands for the previous file (`StreamedFile.becomeCopy`), which the publisher
    /// keeps, and copies only if it must write the file after all. A one-table rebuild that
    /// changes a task's text had copied indicators.csv whole (14.5 MB at 1,000 departments) only
    /// for the publisher to find it unchanged.
    func finish() throws(PublishError) {
        for file in streams.indices {
            if samePrefix[file], let previous, let range = pending[file], range.lowerBound == streams[file].size,
                range.upperBound == previous.size(of: file)
            {
                let (digest, hashedFrom) = try previous.digest(of: file, path: streams[file].path)
                try streams[file].becomeCopy(
                    of: range, from: previous.descriptor(of: file), keeping: previous, digest: digest,
                    checkpoints: previous.checkpoints(of: file))
                bytesNotRehashed += max(0, hashedFrom - range.lowerBound)
                pending[file] = nil
                continue
            }
            try copyPending(file)
        }
    }

    /// The file's size once what is pending is copied.
    private func size(of file: Int) -> Int { streams[file].size + (pending[file]?.count ?? 0) }

    private func copyPending(_ file: Int) throws(PublishError) {
        try copyToCheckpoint(file)
        guard let range = pending[file], let previous else { return }
        pending[file] = nil
        try previous.copy(range, of: file, into: streams[file])
    }

    /// While the file is the previous one's first bytes: copies what is pending up to the last
    /// checkpoint within it in the kernel, unhashed, and resumes the hash there.
    private func copyToCheckpoint(_ file: Int) throws(PublishError) {
        guard samePrefix[file], let range = pending[file], let previous else { return }
        let written = streams[file].size
        let usable = previous.checkpoints(of: file).prefix { $0.offset <= range.upperBound }
        guard let last = usable.last, last.offset > written else { return }
        try previous.copy(written..<last.offset, of: file, into: streams[file], resumingFrom: Array(usable))
        bytesNotRehashed += last.offset - written
        pending[file] = last.offset < range.upperBound ? last.offset..<range.upperBound : nil
    }
}

/// The previous build's open-data files, open for reading, with where each department's rows
/// are in them — when the cache recorded it and every file is still the one it recorded.
/// Opened before the build writes anything: an in-place build renames the new files over these,
/// and the open descriptors still read the old ones.
final class PreviousOpenData: Sendable {
    private let files: ReplacedFiles
    private let sizes: [Int]
    private let spans: OpenDataSpans
    private let checkpoints: [[ResumableSHA256.Checkpoint]]

    /// Nil unless each of `paths` (in Public/, `SiteRenderer.openData` order) is listed in the
    /// previous manifest, opens, and has the fingerprint `spans` recorded for it.
    init?(spans: OpenDataSpans, paths: [String], in destination: URL, listed: ManifestFiles) {
        guard spans.files.count == paths.count, paths.allSatisfy({ listed[$0] != nil }) else { return nil }
        var descriptors: [Int32] = []
        var sizes: [Int] = []
        for (path, fingerprint) in zip(paths, spans.files) {
            let descriptor = open(destination.appendingPathComponent(path).path, O_RDONLY | O_CLOEXEC)
            var info = stat()
            guard descriptor >= 0, fstat(descriptor, &info) == 0, BuildCache.Fingerprint(info) == fingerprint else {
                if descriptor >= 0 { close(descriptor) }
                for descriptor in descriptors { close(descriptor) }
                return nil
            }
            descriptors.append(descriptor)
            sizes.append(Int(info.st_size))
        }
        files = ReplacedFiles(descriptors)
        self.sizes = sizes
        self.spans = spans
        // Checkpoints past a file's end, or out of order, are none.
        checkpoints = zip(spans.checkpoints, sizes).map { file, size in
            let ordered = zip(file, file.dropFirst()).allSatisfy { $0.offset < $1.offset }
            return ordered && (file.last?.offset ?? 0) <= size ? file : []
        }
    }

    /// Once the streams copied from them are finished (`ReplacedFiles`).
    func closeInBackground() { files.closeInBackground() }

    /// A department's rows in the previous files, if they are there whole.
    func rows(key: String) -> [Range<Int>]? {
        guard let ranges = spans.departments[key], ranges.count == sizes.count,
            zip(ranges, sizes).allSatisfy({ $0.upperBound <= $1 })
        else { return nil }
        return ranges
    }

    /// Where the hash of previous file number `file` can resume.
    func checkpoints(of file: Int) -> [ResumableSHA256.Checkpoint] {
        file < checkpoints.count ? checkpoints[file] : []
    }

    /// The size of previous file number `file`.
    func size(of file: Int) -> Int { sizes[file] }

    /// The descriptor previous file number `file` is open as.
    func descriptor(of file: Int) -> Int32 { files[file] }

    /// The SHA-256 of previous file number `file`, hashed from its last checkpoint (the whole file
    /// without one), and where that was.
    func digest(of file: Int, path: String) throws(PublishError) -> (FileDigest, hashedFrom: Int) {
        var hasher = ResumableSHA256()
        let usable = checkpoints(of: file)
        hasher.resume(from: usable)
        let start = usable.last?.offset ?? 0
        try read(start..<sizes[file], of: file, path: path) { hasher.update($0) }
        return (hasher.finalize(), start)
    }

    /// Whether previous file number `file` has `bytes` at `offset`.
    func file(_ file: Int, has bytes: [UInt8], at offset: Int) -> Bool {
        offset + bytes.count <= sizes[file] && PublishIO.read(files[file], count: bytes.count, at: offset) == bytes
    }

    /// Whether previous file number `file` starts with `header`.
    func file(_ file: Int, startsWith header: [UInt8]) -> Bool {
        header.count <= sizes[file] && PublishIO.read(files[file], count: header.count, at: 0) == header
    }

    /// Appends `range` of previous file number `file` to `stream` in the kernel, the hash resuming
    /// from the last of `checkpoints` (`StreamedFile.append(copyOf:from:keeping:resumingFrom:)`).
    func copy(
        _ range: Range<Int>, of file: Int, into stream: StreamedFile,
        resumingFrom checkpoints: [ResumableSHA256.Checkpoint]
    ) throws(PublishError) {
        try stream.append(copyOf: range, from: files[file], keeping: self, resumingFrom: checkpoints)
    }

    /// Appends `range` of previous file number `file` to `stream`, 256 KB at a time: each piece
    /// read into an array of its own, which the stream's writer then owns.
    func copy(_ range: Range<Int>, of file: Int, into stream: StreamedFile) throws(PublishError) {
        try read(range, of: file, path: stream.path) { piece throws(PublishError) in try stream.append(piece) }
    }

    /// Hands `range` of previous file number `file` to `body` 256 KB at a time; `path` names the
    /// file being made from it in the error.
    private func read(
        _ range: Range<Int>, of file: Int, path: String, _ body: ([UInt8]) throws(PublishError) -> Void
    ) throws(PublishError) {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let wanted = min(256 << 10, range.upperBound - offset)
            let piece = PublishIO.read(files[file], count: wanted, at: offset)
            guard let piece, piece.count == wanted else {
                // A failed read, or a file shorter than its fingerprint said.
                let reason = piece == nil ? errno : EIO
                throw PublishError(path: path, message: "无法读取上次发布的文件:\(PublishIO.describe(errno: reason))")
            }
            try body(piece)
            offset += wanted
        }
    }
}
