import Crypto
import Foundation

/// `manifest.json`: the SHA-256 of every source table and of every published file, so anyone can
/// check that a published page comes from the named table and was not altered on the web server
/// (`scripts/verify-manifest Public`).
final class Manifest: @unchecked Sendable {
    private let lock = NSLock()
    /// The files recorded since the last spill, packed (`ManifestFiles`): at 10,000 departments
    /// there are 400,000 files, and a `[String: FileDigest]` of them (a heap object per path, a hash
    /// table kept under three quarters full) was a fifth of the build's peak heap (heaptrack).
    private var run = ManifestFiles()
    /// Past this many bytes of files in memory, they go to disk as a sorted run (`ManifestSpill`).
    private let memoryBudget: Int
    private var spill: ManifestSpill?
    /// A spill that failed: `write` throws it, as recording has no caller to tell.
    private var spillFailure: PublishError?

    /// The previous build's files, and a bit per file kept as it is (`record(_:ranges:)`). Kept
    /// files are nearly all of a rebuild's: they stay where they are, in path order, and `write`
    /// merges them with the files recorded in this build, where copying them into the runs and
    /// sorting them all again was a tenth of a one-table rebuild at 1,000 departments.
    private let previous: ManifestFiles
    private var keptPrevious: EntrySet
    /// The previous manifest.json, which `previous` was read from, for copying the kept files'
    /// entries (`PreviousManifestText`).
    private let previousText: PreviousManifestText?

    init(
        memoryBudget: Int = 8 << 20, previous: ManifestFiles = ManifestFiles(),
        previousText: PreviousManifestText? = nil
    ) {
        self.memoryBudget = memoryBudget
        self.previous = previous
        self.previousText = previousText
        keptPrevious = EntrySet(capacity: previous.count)
    }

    /// Runs of at least this many kept entries are copied from the previous manifest.json, each
    /// by a `copy_file_range`; shorter ones are spelled. Chosen, not measured: at 1,000
    /// departments nearly every run is a department's 39 files or longer.
    static let copiedRunMinimum = 32

    /// How many sorted runs went to disk so far: for tests.
    var spilledRuns: Int {
        lock.lock()
        defer { lock.unlock() }
        return spill?.runCount ?? 0
    }

    /// Appends a file; the caller holds the lock. A path recorded twice (a reused folder found
    /// incomplete and rendered after all) keeps its last digest (`ManifestFiles.finish`, and the
    /// merge of spilled runs).
    private func append(_ path: some Collection<UInt8>, _ digest: FileDigest) {
        run.append(path: path, digest: digest)
        if run.byteCount >= memoryBudget && spillFailure == nil {
            do throws(PublishError) {
                try spillRun()
            } catch {
                spillFailure = error
            }
        }
    }

    /// The files in memory, sorted, to disk as a run; the caller holds the lock.
    private func spillRun() throws(PublishError) {
        if spill == nil { spill = try ManifestSpill() }
        run.finish()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(run.byteCount)
        run.forEach { path, digest in ManifestSpill.append(path: path, digest: digest, to: &bytes) }
        try spill?.append(run: bytes)
        run = ManifestFiles()
    }

    private var renderKeys: [String: String] = [:]

    /// Lower-case hex SHA-256. Written out by hand: `String(format:)` per byte was 7% of a build.
    static func hex(_ bytes: some DataProtocol) -> String {
        hex(digest: SHA256.hash(data: bytes))
    }

    /// A digest already computed, as lower-case hex.
    static func hex(digest: SHA256.Digest) -> String { FileDigest(digest).hex }

    /// Records a file and returns its digest, which publishing compares with the previous one.
    @discardableResult func record(_ file: OutputFile) -> FileDigest {
        let digest = FileDigest(of: file.bytes)
        lock.lock()
        append(file.path.utf8, digest)
        lock.unlock()
        return digest
    }

    /// A file linked from the previous build, with the digest that build recorded.
    func record(path: String, digest: FileDigest) {
        lock.lock()
        append(path.utf8, digest)
        lock.unlock()
    }

    /// The files of a department folder linked from the previous build, under one lock for the
    /// folder rather than one per file, as every core links folders at once.
    func record(files: [(path: String, digest: FileDigest)]) {
        lock.lock()
        for file in files { append(file.path.utf8, file.digest) }
        lock.unlock()
    }

    /// Files of the previous manifest (the one given to `init`) kept as they are, by position
    /// (`ManifestFiles.range`), with the digests it gave them. A kept file recorded again later
    /// takes the later digest.
    func record(previous ranges: [Range<Int>]) {
        lock.lock()
        for range in ranges { keptPrevious.insert(range) }
        lock.unlock()
    }

    private func isKept(_ index: Int) -> Bool { keptPrevious.contains(index) }

    /// Calls `visit` with the kept previous files in path order, each time `advance(to:)` is
    /// given the next path recorded in this build (or nil at the end): those before it, and not
    /// one with the same path, which the recorded one replaces.
    private struct KeptFiles {
        let manifest: Manifest
        var next = 0

        mutating func advance(
            to path: ArraySlice<UInt8>?, _ visit: (Int, ArraySlice<UInt8>, FileDigest) throws -> Void
        ) rethrows {
            let previous = manifest.previous
            while next < previous.count {
                let index = next
                guard manifest.isKept(index) else {
                    next += 1
                    continue
                }
                let keptPath = previous.path(at: index)
                if let path {
                    let order = ManifestFiles.compare(keptPath, path)
                    if order > 0 { return }  // after the recorded path: not yet
                    if order == 0 {
                        next += 1  // replaced by the recorded one
                        return
                    }
                }
                try visit(index, keptPath, previous.digest(at: index))
                next += 1
            }
        }
    }

    /// The render key of a department folder (see RenderKeys), or the key of a search shard
    /// (`SearchIndexBuilder.ShardReuse`) under its JSON's path.
    func record(renderKey key: String, of name: String) {
        lock.lock()
        renderKeys[name] = key
        lock.unlock()
    }

    /// What a previous manifest.json says: its files' digests and its folders' render keys.
    struct Previous: Sendable {
        var files = ManifestFiles()
        var renderKeys: [String: String] = [:]
        /// Read line by line, without the JSON parser: what perfsite writes always is (tests check).
        private(set) var readByLines = false
        /// The file as read, for copying the entries of kept files; nil when it was not read by
        /// lines, or its entries were not in path order.
        private(set) var text: PreviousManifestText?

        init() {}

        init(contentsOf url: URL) {
            // manifest.json as perfsite writes it is read line by line, 256 KB at a time: at
            // 10,000 departments it lists 400,000 files, and JSONSerialization's tree of it took
            // 150 MB and a second. Anything else (edited by hand, escapes in a path) is parsed
            // as JSON.
            let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            var before = stat()
            guard fstat(descriptor, &before) == 0 else { return }
            var reader = ManifestLines()
            // Where each file's line starts, for copying it into the next manifest (UInt32: the
            // file is 40 MB at 10,000 departments).
            var lineStarts: [UInt32] = []
            let copyable = Int(before.st_size) < Int(PreviousManifestText.notCopyable)
            // An entry's line is about 110 bytes at 1,000 departments.
            if copyable { lineStarts.reserveCapacity(Int(before.st_size) / 96) }
            files.reserveCapacity(Int(before.st_size) / 96)
            readByLines = reader.read(descriptor) { section, key, value, lineStart in
                switch section {
                case .files:
                    guard let digest = FileDigest(hexDigits: value) else { return false }
                    files.append(path: key, digest: digest)
                    if copyable {
                        lineStarts.append(
                            PreviousManifestText.isAsWritten(path: key, digest: value)
                                ? UInt32(lineStart) : PreviousManifestText.notCopyable)
                    }
                case .renderKeys:
                    renderKeys[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
                }
                return true
            }
            if !readByLines {
                self = Previous()
                guard let data = try? Data(contentsOf: url),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                else { return }
                // An entry that does not read as a digest is left out: its file is written again.
                files = ManifestFiles(
                    (object["files"] as? [String: String] ?? [:]).compactMapValues { FileDigest(hex: $0) })
                renderKeys = object["renderKeys"] as? [String: String] ?? [:]
            } else if copyable && files.isSorted {
                // Its entries' positions are then those of the lines (`finish` keeps the order).
                text = PreviousManifestText(
                    descriptor: descriptor, fingerprint: BuildCache.Fingerprint(before), lineStarts: lineStarts)
            }
            files.finish()
        }

        /// The files under a department folder (`2026/d1/`), with their digests.
        func files(under folder: String) -> [(path: String, digest: FileDigest)] { files.files(under: folder) }
    }

    /// Where the run of kept entries from `position` of `order` (which holds a kept entry as
    /// `~index`) ends, before `limit`: each the previous manifest's next entry, its line right
    /// after the one before in the previous manifest.json.
    private static func keptRun(
        from position: Int, before limit: Int, order: [Int], previous: ManifestFiles, text: PreviousManifestText
    ) -> Int {
        var end = position + 1
        while end < limit, order[end] == order[end - 1] - 1,
            text.line(~order[end], follows: ~order[end - 1], pathLength: previous.path(at: ~order[end - 1]).count)
        {
            end += 1
        }
        return end
    }

    /// Writes manifest.json into `target` a piece at a time — at 10,000 departments it lists
    /// 400,000 files and is 40 MB — given the source tables (published path → hex SHA-256).
    /// Returns how many entries were copied from the previous manifest.json.
    @discardableResult
    func write(to target: any PublishTarget, sources: [String: String], generator: String) throws -> Int {
        lock.lock()
        let keys = renderKeys
        defer { lock.unlock() }
        if let spillFailure { throw spillFailure }
        // Unhashed: no manifest lists manifest.json, and whether it changed is a byte comparison.
        let stream = try target.beginStream("manifest.json", hashed: false)
        // The entries of an object of strings that are hex digits or paths, one a line, in key order.
        func entries(_ object: [String: String], into json: inout JSONText) {
            for (index, (key, value)) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                json.raw(index == 0 ? "\n    " : ",\n    ")
                json.string(key)
                json.raw(": \"\(value)\"")
            }
        }
        var header = JSONText()
        header.raw("{\n  \"version\": 1,\n  \"generator\": ")
        header.string(generator)
        header.raw(",\n  \"algorithm\": \"sha256\",\n  \"sources\": {")
        entries(sources, into: &header)
        header.raw("\n  },\n  \"files\": {")
        var footer = JSONText()
        footer.raw("\n  },\n  \"renderKeys\": {")
        entries(keys, into: &footer)
        footer.raw("\n  }\n}\n")

        var copied = 0
        if let spill {
            var json = header
            var written = 0
            func entry(_ path: ArraySlice<UInt8>, _ digest: FileDigest) throws {
                json.raw(literal: written == 0 ? "\n    " : ",\n    ")
                written += 1
                json.string(utf8: path)
                json.raw(literal: ": ")
                json.string(hexOf: digest)
                if json.bytes.count >= 1 << 20 {
                    try stream.append(json.bytes)
                    json = JSONText()
                }
            }
            var kept = KeptFiles(manifest: self)
            if !run.isEmpty { try spillRun() }
            try spill.merge { path, digest in
                try kept.advance(to: path) { _, keptPath, keptDigest in try entry(keptPath, keptDigest) }
                try entry(path, digest)
            }
            try kept.advance(to: nil) { _, keptPath, keptDigest in try entry(keptPath, keptDigest) }
            try stream.append(json.bytes)
            try stream.append(footer.bytes)
        } else {
            // In memory, the order of the entries is settled first (the kept previous files and
            // the recorded ones, merged), then their JSON is made on all cores, a few thousand at
            // a time, and written in order.
            run.finish()
            var order: [Int] = []  // ≥ 0: the run's entry; < 0: the previous manifest's, as ~index
            order.reserveCapacity(run.count + previous.count)
            var recorded = 0
            var kept = KeptFiles(manifest: self)
            run.forEach { path, _ in
                kept.advance(to: path) { index, _, _ in order.append(~index) }
                order.append(recorded)
                recorded += 1
            }
            kept.advance(to: nil) { index, _, _ in order.append(~index) }
            // A copy fails on the writer's thread, and is thrown by whichever append or flush comes
            // next: by `writeEntries` itself when the writer is quicker than this thread.
            var failure: (any Error)?
            do {
                copied = try Self.writeEntries(
                    order, files: run, previous: previous, copyingFrom: previousText, between: header, and: footer,
                    into: stream)
                try stream.flush()
            } catch { failure = error }
            if let text = previousText, !text.isUnchanged {
                // The previous manifest changed while its entries were being copied: written
                // again, every entry spelled.
                try stream.restart()
                copied = try Self.writeEntries(
                    order, files: run, previous: previous, copyingFrom: nil, between: header, and: footer,
                    into: stream)
            } else if let failure {
                throw failure
            }
        }
        _ = try target.finishStream(stream)
        return copied
    }

    /// Writes `header`, the entries in `order` (≥ 0: an entry of `files`; < 0: the previous
    /// manifest's, as ~index) and `footer`. Runs of kept entries whose lines follow each other in
    /// the previous manifest.json (`text`) are copied from it by the kernel; the others are spelled,
    /// sixteen pieces of 4,096 entries at a time on all cores (at 10,000 departments the whole list
    /// is 40 MB of JSON). Returns how many entries were copied.
    private static func writeEntries(
        _ order: [Int], files: ManifestFiles, previous: ManifestFiles, copyingFrom text: PreviousManifestText?,
        between header: JSONText, and footer: JSONText, into stream: StreamedFile
    ) throws -> Int {
        /// A piece of the entries: bytes spelled, or where a run of them is in the previous file.
        enum Segment {
            case bytes([UInt8])
            case copy(Range<Int>)
        }
        try stream.append(header.bytes)
        var copied = 0
        let pieces = stride(from: 0, to: order.count, by: 4096).map { $0..<min($0 + 4096, order.count) }
        for start in stride(from: 0, to: pieces.count, by: 16) {
            let made = pieces[start..<min(start + 16, pieces.count)].map { $0 }.parallelMap { range in
                var segments: [Segment] = []
                var piece = JSONText()
                var copiedHere = 0
                var position = range.lowerBound
                // The end of a run found too short to copy: its entries are spelled without
                // looking for a run again at each.
                var spelledUntil = range.lowerBound
                while position < range.upperBound {
                    let index = order[position]
                    piece.raw(literal: position == 0 ? "\n    " : ",\n    ")
                    if index < 0, position >= spelledUntil, let text {
                        let end = keptRun(
                            from: position, before: range.upperBound, order: order, previous: previous, text: text)
                        let last = ~order[end - 1]
                        if end - position >= copiedRunMinimum,
                            let bytes = text.byteRange(
                                ~index, through: last, lastPathLength: previous.path(at: last).count)
                        {
                            segments.append(.bytes(piece.bytes))
                            segments.append(.copy(bytes))
                            piece = JSONText()
                            copiedHere += end - position
                            position = end
                            continue
                        }
                        spelledUntil = end
                    }
                    piece.string(utf8: index >= 0 ? files.path(at: index) : previous.path(at: ~index))
                    piece.raw(literal: ": ")
                    piece.string(hexOf: index >= 0 ? files.digest(at: index) : previous.digest(at: ~index))
                    position += 1
                }
                if !piece.bytes.isEmpty { segments.append(.bytes(piece.bytes)) }
                return (segments: segments, copied: copiedHere)
            }
            for piece in made {
                for segment in piece.segments {
                    switch segment {
                    case .bytes(let bytes): try stream.append(bytes)
                    case .copy(let range): try text!.copy(range, into: stream)
                    }
                }
                copied += piece.copied
            }
        }
        try stream.append(footer.bytes)
        return copied
    }
}
