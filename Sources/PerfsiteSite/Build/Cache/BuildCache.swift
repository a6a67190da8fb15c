import Foundation
import PerfsiteCore

/// What a build leaves in the site's cache folder (`cacheDir` in perfsite.toml, `.perfsite-cache/`)
/// so that the next one does not redo it:
///
/// - `tables.bin`: every table checked without a finding, by path, with the `stat` fingerprint its
///   bytes had, their SHA-256, and its outline — a rebuild checks only the tables whose files
///   changed, as make and git decide what changed.
/// - `departments/<render key>.bin`: each department's open-data rows and its search documents'
///   cards and terms (`DepartmentDerivatives`), so a rebuild neither reads nor tokenizes an
///   unchanged department.
/// - `opendata.bin`: where the published open-data files hold each department's rows
///   (`OpenDataSpans`), so a rebuild copies them from there.
/// - `search/state.bin` and `search/terms-<n>.bin`: the search index's departments, terms and
///   posting lists (`SearchIndexState`), which a rebuild patches for the documents that changed.
///
/// Each file starts with the magic bytes and has the format version and a CRC-32 of its contents
/// (of each section, in a department's file): a file damaged on disk, or written by another
/// version, reads as a miss, never as a wrong department on the published site. A checksum, not a
/// cryptographic digest: it guards against damage, and whoever can write this folder can write
/// Content/ too. A rebuild reads every department's rows — 17 MB at 1,000 departments — and
/// SHA-256 over the whole files was 8% of a one-table rebuild's CPU.
///
/// Nothing in it is needed: a missing, stale or damaged file is a miss, and the build computes what
/// it would have held. Tables with findings are never stored, so their diagnostics always come from
/// the rules as they are. Everything is keyed by what it was made from (the perfsite binary, the
/// vocabulary, the render key), so deleting the folder is never required, only allowed.
struct BuildCache: Sendable {
    static let formatVersion = 8
    private static let magic = Array("perfsite-cache\n".utf8)

    /// A table file as `stat` saw it when its bytes were read. The bytes are taken as unchanged
    /// while every field is: saving a file changes its modification time, replacing it changes the
    /// inode, and even a copy that keeps the old modification time gets a new change time.
    struct Fingerprint: Hashable, Sendable, Archivable {
        var size: Int
        var modified: Int
        var changed: Int
        var inode: Int
        var device: Int

        init(_ info: stat) {
            size = Int(info.st_size)
            modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
            inode = Int(truncatingIfNeeded: info.st_ino)
            device = Int(truncatingIfNeeded: info.st_dev)
        }

        func archive(into writer: inout ArchiveWriter) {
            for field in [size, modified, changed, inode, device] { writer.write(field) }
        }

        init(from reader: inout ArchiveReader) throws {
            size = try reader.int()
            modified = try reader.int()
            changed = try reader.int()
            inode = try reader.int()
            device = try reader.int()
        }
    }

    /// A table checked without findings. A class: the build holds one per table until the end,
    /// and as a value its outline made every slot of the dictionary of them a kilobyte wide.
    final class Table: Sendable {
        let fingerprint: Fingerprint
        let digest: String
        let indicators: Int
        /// The department or project table, as `TableChecker.FileResult.outline`.
        let department: Department?
        let projectTable: ProjectTable?
        /// The table's entry in tables.bin, an archive of its own: made when the table is checked
        /// (on all cores), read again from the previous tables.bin for a table the cache gave.
        /// Saving the cache then copies bytes, where encoding every table's outline again was 6%
        /// of a one-table rebuild.
        private let entry: Entry

        /// Where the entry's bytes are until the cache is saved.
        private enum Entry {
            case inMemory([UInt8])
            /// Set aside with a large site's models (`ModelSpill`): at 30,000 departments the
            /// entries were 50 MB of the build's peak heap, held from the check to the end.
            case setAside(ModelSpill, ModelSpill.Location)
            /// In the tables.bin the build opened (`StoredTables`).
            case stored(StoredTables, ModelSpill.Location)
        }

        /// The entry's bytes; nil if they were set aside and cannot be read back.
        var encoded: [UInt8]? {
            switch entry {
            case .inMemory(let bytes): bytes
            case .setAside(let spill, let location): spill.bytes(at: location)
            case .stored(let file, let location): file.bytes(at: location)
            }
        }

        /// The entry of a table checked in this build, set aside in `spill` when there is one.
        init(
            fingerprint: Fingerprint, digest: String, indicators: Int, outline: TableChecker.FileResult,
            setAsideIn spill: ModelSpill? = nil
        ) {
            self.fingerprint = fingerprint
            self.digest = digest
            self.indicators = indicators
            department = outline.department
            projectTable = outline.projectTable
            var writer = ArchiveWriter()
            writer.write(fingerprint)
            writer.write(digest)
            writer.write(indicators)
            writer.write(department)
            writer.write(projectTable)
            let bytes = writer.bytes
            if let spill, let location = spill.store(bytes: bytes) {
                entry = .setAside(spill, location)
            } else {
                entry = .inMemory(bytes)
            }
        }

        /// The table an entry of tables.bin holds, `location` saying where it is there.
        init(encoded: [UInt8], in file: StoredTables, at location: ModelSpill.Location) throws {
            var reader = ArchiveReader(encoded)
            fingerprint = try reader.read()
            digest = try reader.string()
            indicators = try reader.int()
            department = try reader.optional()
            projectTable = try reader.optional()
            guard reader.isAtEnd else { throw ArchiveReader.Malformed() }
            entry = .stored(file, location)
        }

        func result(path: String) -> TableChecker.FileResult {
            TableChecker.FileResult(path: path, department: department, projectTable: projectTable)
        }
    }

    let directory: URL
    /// The cache's files are named by path strings: `URL.appendingPathComponent` and `URL.path`
    /// for each department's file were 1.7% of a 1,000-department build's samples (perf).
    private let folder: String
    /// What a table's check depends on beside its bytes: the perfsite binary and the vocabulary.
    let stamp: String
    /// The tables the previous build stored: each is read and decoded when the check asks for it
    /// (`table(at:fingerprint:)`), on all cores, where decoding all 1,000 outlines while opening
    /// the cache had kept a one-table rebuild waiting 15 ms.
    private let tables: StoredTables?

    /// tables.bin as the build opened it, and where each table's entry is in it. Kept open, not
    /// in memory: the entries of tables the cache gives are read when asked for and when the
    /// cache is saved, and held in memory from the start to the end they were 13 MB of the
    /// 144 MB peak heap of a one-table rebuild at 10,000 departments (heaptrack). The open file
    /// is the one whose CRC-32 was checked: a build replaces tables.bin by renaming another
    /// file over it, never by writing into it.
    final class StoredTables: Sendable {
        private let descriptor: Int32
        let entries: [String: ModelSpill.Location]

        /// The file's tables, if it is whole, of this format version and written under `stamp`.
        init?(path: String, stamp: String) {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            // Read whole once, for the CRC-32 and the entries' places; only those are kept.
            guard let bytes = PublishIO.contents(ofOpen: descriptor)?.bytes, var reader = BuildCache.reader(of: bytes)
            else {
                close(descriptor)
                return nil
            }
            var entries: [String: ModelSpill.Location] = [:]
            do {
                guard try reader.string() == stamp else { throw ArchiveReader.Malformed() }
                let count = try reader.int()
                entries.reserveCapacity(max(0, count))
                for _ in 0..<max(0, count) {
                    let path = try reader.string()
                    let length = try reader.int()
                    entries[path] = ModelSpill.Location(offset: reader.offset, length: length)
                    try reader.skip(length)
                }
                guard reader.isAtEnd else { throw ArchiveReader.Malformed() }
            } catch {
                close(descriptor)  // damaged: check every table
                return nil
            }
            self.descriptor = descriptor
            self.entries = entries
        }

        deinit { close(descriptor) }

        /// An entry's bytes; nil if they cannot be read whole.
        func bytes(at location: ModelSpill.Location) -> [UInt8]? {
            PublishIO.read(descriptor, exactly: location.length, at: location.offset)
        }
    }

    private static func tablesFile(in folder: String) -> String { folder + "/tables.bin" }
    private var departmentsFolder: String { folder + "/departments" }

    /// The cache in `directory`, with the tables stored under the same stamp.
    init(directory: URL, stamp: String) {
        self.directory = directory
        folder = directory.path
        self.stamp = stamp
        tables = StoredTables(path: Self.tablesFile(in: folder), stamp: stamp)
        // Once here, rather than before each of the thousands of files a build stores.
        for folder in [departmentsFolder, searchFolder] {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// The stored table at `path`, if its file is still the one that was checked; nil also for
    /// an entry that does not decode.
    func table(at path: String, fingerprint: Fingerprint) -> Table? {
        guard let tables, let location = tables.entries[path], let encoded = tables.bytes(at: location),
            let table = try? Table(encoded: encoded, in: tables, at: location), table.fingerprint == fingerprint
        else { return nil }
        return table
    }

    /// Stores the tables of this build, for the next one. A file modified in the last seconds
    /// before `started` is left out: a second save within the file system's timestamp resolution
    /// would leave its fingerprint as it was, so it is checked again next time (git's "racy
    /// clean" rule).
    func save(tables: [String: Table], started: Date) {
        let trustedBefore = Int((started.timeIntervalSince1970 - 2) * 1_000_000_000)
        var writer = ArchiveWriter()
        writer.write(stamp)
        let trusted = tables.filter { $0.value.fingerprint.modified < trustedBefore }.sorted { $0.key < $1.key }
        writer.write(trusted.count)
        // Each table's entry written from the bytes it holds (or read back one at a time, when set
        // aside), not copied into one archive: that copy was the build's peak at 30,000
        // departments (tables.bin is 36 MB there). Paths are distinct, so each is written whole,
        // as one writer for the file would write it.
        write(to: Self.tablesFile(in: folder)) { emit in
            try emit(writer.bytes)
            for (path, table) in trusted {
                guard let encoded = table.encoded else { throw Unreadable() }
                var entry = ArchiveWriter()
                entry.write(path)
                entry.write(encoded.count)
                try emit(entry.bytes)
                try emit(encoded)
            }
        }
    }

    /// An entry set aside that cannot be read back: the file is not written.
    private struct Unreadable: Error {}

    /// The derivatives stored for a department's render key.
    func derivatives(key: String) -> DepartmentDerivatives? {
        // One read of the file for both sections.
        guard let sections = Self.sections(wanted: [0, 1], of: departmentFile(key)),
            let rows = Self.rows(from: sections[0]), let documents = Self.documents(from: sections[1])
        else { return nil }
        return DepartmentDerivatives(openDataRows: rows, indexed: documents)
    }

    /// A department's open-data rows alone: all a rebuild needs of a department the search index
    /// update does not touch; the documents' section, as large again, is neither decoded nor
    /// checked.
    func openDataRows(key: String) -> [[UInt8]]? {
        Self.sections(wanted: [0], of: departmentFile(key)).flatMap { Self.rows(from: $0[0]) }
    }

    /// A department's search documents, carded and tokenized.
    func documents(key: String) -> [IndexedDocument]? {
        Self.sections(wanted: [1], of: departmentFile(key)).flatMap { Self.documents(from: $0[0]) }
    }

    private func departmentFile(_ key: String) -> String { departmentsFolder + "/" + key + ".bin" }

    private static func rows(from section: ArchiveReader) -> [[UInt8]]? {
        var reader = section
        guard let rows = try? DepartmentDerivatives.rows(from: &reader), reader.isAtEnd else { return nil }
        return rows
    }

    private static func documents(from section: ArchiveReader) -> [IndexedDocument]? {
        var reader = section
        guard let documents = try? reader.array(IndexedDocument.self), reader.isAtEnd else { return nil }
        return documents
    }

    func store(_ derivatives: DepartmentDerivatives, key: String) {
        var rows = ArchiveWriter()
        DepartmentDerivatives.write(rows: derivatives.openDataRows, into: &rows)
        var documents = ArchiveWriter()
        documents.write(derivatives.documents)
        writeSections([rows.bytes, documents.bytes], to: departmentFile(key))
    }

    /// Removes the derivatives of render keys this build did not use: the cache stays the size of
    /// the site.
    func keepDerivatives(of keys: Set<String>) {
        let folder = departmentsFolder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasSuffix(".bin") && !keys.contains(String(name.dropLast(4))) {
            unlink(folder + "/" + name)
        }
    }

    // MARK: Where the published open-data files hold each department's rows (`OpenDataSpans`).

    private var openDataFile: String { folder + "/opendata.bin" }

    /// What the previous build recorded, if it was made with this cache's stamp.
    func openDataSpans() -> OpenDataSpans? { stamped(OpenDataSpans.self, at: openDataFile) }

    /// Records where this build's published files hold each department's rows; nil removes the
    /// record (the next build reads every department's rows from its cache file).
    func saveOpenDataSpans(_ spans: OpenDataSpans?) { saveStamped(spans, to: openDataFile) }

    // MARK: The search index's state (`SearchIndexState`), in `search/`.

    private var searchFolder: String { folder + "/search" }
    private var searchStateFile: String { searchFolder + "/state.bin" }

    /// The state the previous build saved, if it was made with this cache's stamp.
    func searchState() -> SearchIndexState? { stamped(SearchIndexState.self, at: searchStateFile) }

    /// Saves the state after its terms files; nil removes it (the next build makes the whole index).
    func saveSearchState(_ state: SearchIndexState?) { saveStamped(state, to: searchStateFile) }

    /// A file holding one value after this cache's stamp: the value, if the stamp is this one.
    private func stamped<Value: Archivable>(_: Value.Type, at path: String) -> Value? {
        guard var reader = Self.reader(of: path), (try? reader.string()) == stamp,
            let value = try? reader.read(Value.self), reader.isAtEnd
        else { return nil }
        return value
    }

    /// Writes `value` after this cache's stamp; nil removes the file.
    private func saveStamped(_ value: (some Archivable)?, to path: String) {
        guard let value else {
            unlink(path)
            return
        }
        var writer = ArchiveWriter()
        writer.write(stamp)
        writer.write(value)
        write(writer.bytes, to: path)
    }

    /// The magic bytes and the CRC-32 of the rest (the version and the archive), little-endian.
    private static let headerSize = magic.count + 4

    /// A reader past the header and the format version, if the file starts with the magic bytes,
    /// the rest has the CRC-32 written after them, and its version is this one; nil otherwise.
    private static func reader(of path: String, checksum expected: UInt32? = nil) -> ArchiveReader? {
        PublishIO.contents(of: path).flatMap { reader(of: $0, checksum: expected) }
    }

    /// `reader(of:checksum:)` for a file's bytes.
    private static func reader(of bytes: [UInt8], checksum expected: UInt32? = nil) -> ArchiveReader? {
        guard bytes.count > headerSize, bytes.starts(with: magic) else { return nil }
        let stored = bytes[magic.count..<headerSize].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        guard CRC32.of(bytes[headerSize...]) == UInt32(littleEndian: stored),
            expected == nil || expected == UInt32(littleEndian: stored)
        else { return nil }
        var reader = ArchiveReader(bytes, from: headerSize)
        guard (try? reader.int()) == formatVersion else { return nil }
        return reader
    }

    /// Writes the magic bytes, the CRC-32 of the rest, the format version and the archive; returns
    /// the CRC-32.
    @discardableResult
    private func write(_ archive: [UInt8], to path: String) -> UInt32 {
        write(to: path) { emit in try emit(archive) }
    }

    /// `write` for an archive given in pieces, which `pieces` passes to `emit` one after the other.
    /// The CRC-32 comes before the bytes it covers, so it is written last, over the zeros written
    /// in its place: the pieces are not all held at once (tables.bin is 36 MB at 30,000
    /// departments). Returns the CRC-32; 0 if the file could not be written, which no file's
    /// check then matches.
    @discardableResult
    private func write(
        to path: String, pieces: (_ emit: ([UInt8]) throws -> Void) throws -> Void
    ) -> UInt32 {
        var version = ArchiveWriter()
        version.write(Self.formatVersion)
        var crc = CRC32.of(version.bytes)
        let written = Self.writeFile(to: path) { descriptor in
            try Self.writeAll(descriptor, Self.magic + [0, 0, 0, 0] + version.bytes)
            try pieces { piece in
                crc = CRC32.of(piece, continuing: crc)
                try Self.writeAll(descriptor, piece)
            }
            try Self.writeAll(descriptor, withUnsafeBytes(of: crc.littleEndian, Array.init), at: Self.magic.count)
        }
        return written ? crc : 0
    }

    /// A department's file holds two archives, its open-data rows and its search documents, each
    /// with its own length and CRC-32 after the magic bytes and the version: a rebuild reads every
    /// department's rows and the documents of only the few the search index update needs, so
    /// checking a section costs what the section is, not the file.
    private func writeSections(_ sections: [[UInt8]], to path: String) {
        var header = ArchiveWriter()
        header.write(Self.formatVersion)
        var pieces = [Self.magic + header.bytes]
        for section in sections {
            var lengthAndCRC: [UInt8] = []
            withUnsafeBytes(of: UInt32(section.count).littleEndian) { lengthAndCRC += $0 }
            withUnsafeBytes(of: CRC32.of(section).littleEndian) { lengthAndCRC += $0 }
            pieces += [lengthAndCRC, section]
        }
        Self.writeFile(to: path) { descriptor in
            for piece in pieces { try Self.writeAll(descriptor, piece) }
        }
    }

    /// Readers of the `wanted` sections of a department's file (`writeSections`), in the order
    /// asked, if the file has this version and each of them is whole and has its CRC-32; nil
    /// otherwise.
    private static func sections(wanted: [Int], of path: String) -> [ArchiveReader]? {
        // The first 64 KB alone when only the first section is wanted: a rebuild reads every
        // department's rows (the first section), and the documents after them are as large again.
        // Rows longer than that (or a damaged file) are read again whole.
        guard let (start, fileSize) = PublishIO.contents(of: path, first: wanted == [0] ? 64 << 10 : .max)
        else { return nil }
        if let found = sections(wanted: wanted, in: start) { return found }
        guard start.count < fileSize, let whole = PublishIO.contents(of: path) else { return nil }
        return sections(wanted: wanted, in: whole)
    }

    private static func sections(wanted: [Int], in bytes: [UInt8]) -> [ArchiveReader]? {
        guard bytes.starts(with: magic) else { return nil }
        var header = ArchiveReader(bytes, from: magic.count)
        guard (try? header.int()) == formatVersion, let last = wanted.max() else { return nil }
        var found: [Int: ArchiveReader] = [:]
        var start = header.offset
        for section in 0...last {
            guard bytes.count - start >= 8 else { return nil }
            let (length, crc) = bytes.withUnsafeBytes { raw in
                (
                    Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt32.self))),
                    UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self))
                )
            }
            start += 8
            guard bytes.count - start >= length else { return nil }
            if wanted.contains(section) {
                let contents = Array(bytes[start..<start + length])
                guard CRC32.of(contents) == crc else { return nil }
                found[section] = ArchiveReader(contents)
            }
            start += length
        }
        return wanted.map { found[$0]! }
    }

    /// Written beside and renamed into place, so a reader (another build, `perfsite serve`) sees
    /// the old file or the new one, never part of one. A cache that cannot be written is no
    /// error: the next build just does more. The folders are made when the cache is opened.
    /// Writes a file through `contents` into a temporary one beside `path`, renamed over `path`
    /// once whole; returns whether it was.
    @discardableResult
    private static func writeFile(to path: String, contents: (Int32) throws -> Void) -> Bool {
        // `.name.pid.random` beside `path` (which always has a folder: the cache's own).
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8.index(after: $0) } ?? path.startIndex
        let temporary = "\(path[..<slash]).\(path[slash...]).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let failed = (try? contents(descriptor)) == nil
        close(descriptor)
        if failed || rename(temporary, path) != 0 {
            unlink(temporary)
            return false
        }
        return true
    }

    private struct WriteFailed: Error {}

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], at offset: Int? = nil) throws {
        if PublishIO.writeAll(descriptor, bytes, at: offset) != nil { throw WriteFailed() }
    }
}

extension BuildCache: SearchTermStore {
    func storeTermFile(_ file: SearchTermFile, index: Int) -> UInt32 {
        var writer = ArchiveWriter()
        writer.write(file)
        return write(writer.bytes, to: searchFolder + "/terms-\(index).bin")
    }

    func termFile(index: Int, checksum: UInt32) -> SearchTermFile? {
        guard
            var reader = Self.reader(of: searchFolder + "/terms-\(index).bin", checksum: checksum),
            let file = try? reader.read(SearchTermFile.self), reader.isAtEnd
        else { return nil }
        return file
    }
}
