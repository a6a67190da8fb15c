import Foundation

/// Where each department's rows are in the site-wide open-data files a build published
/// (`SiteRenderer.openData`: departments, tasks, indicators), by render key, with the files as
/// `stat` saw them once published. A rebuild copies an unchanged department's rows from the
/// published files by these byte ranges (`OpenDataStreams`) instead of reading them from the
/// department's cache file: at 1,000 departments that was 1,000 files opened, read, checked and
/// decoded for 17 MB of rows, the largest part of a one-table rebuild after the existence checks.
///
/// The published files are trusted only while each is the file `stat` saw (`Fingerprint`): a file
/// edited or replaced in Public/ changes its modification or change time, and the rows are then
/// read from the department cache as before.
struct OpenDataSpans: Sendable, Archivable {
    /// Each open-data file as published, in `SiteRenderer.openData` order.
    var files: [BuildCache.Fingerprint]
    /// A department's rows in each file, by render key.
    var departments: [String: [Range<Int>]]
    /// Where each file's hash can resume (`ResumableSHA256`): a rebuild hashes a file only from
    /// the last checkpoint before its first changed byte.
    var checkpoints: [[ResumableSHA256.Checkpoint]]

    init(
        files: [BuildCache.Fingerprint], departments: [String: [Range<Int>]],
        checkpoints: [[ResumableSHA256.Checkpoint]]
    ) {
        self.files = files
        self.departments = departments
        self.checkpoints = checkpoints
    }

    func archive(into writer: inout ArchiveWriter) {
        writer.write(files)
        writer.write(departments.count)
        for (key, ranges) in departments.sorted(by: { $0.key < $1.key }) {
            writer.write(key)
            writer.write(ranges.count)
            for range in ranges {
                writer.write(range.lowerBound)
                writer.write(range.count)
            }
        }
        for file in checkpoints { writer.write(file) }
    }

    init(from reader: inout ArchiveReader) throws {
        files = try reader.array()
        let count = try reader.int()
        guard count >= 0 else { throw ArchiveReader.Malformed() }
        departments = Dictionary(minimumCapacity: count)
        for _ in 0..<count {
            let key = try reader.string()
            let ranges = try reader.int()
            guard ranges == files.count else { throw ArchiveReader.Malformed() }
            departments[key] = try (0..<ranges).map { _ in
                let start = try reader.int()
                let length = try reader.int()
                guard start >= 0, length >= 0, start <= Int.max - length else { throw ArchiveReader.Malformed() }
                return start..<start + length
            }
        }
        checkpoints = try files.map { _ in try reader.array() }
    }
}
