import Foundation
import PerfsiteCore

#if canImport(Glibc)
    import Glibc
#endif

/// The full models of a large site's tables, set aside in a temporary file between the check and
/// the rendering. Kept in memory they were 600 MB at 10,000 departments, so a large build kept
/// only outlines and read, parsed and checked every table a second time when rendering it — a
/// tenth of the build. Archived, a model is written once and read back in a fraction of the time
/// it took to make; memory holds an offset per table.
///
/// The file is unlinked as soon as it is made, so it goes away with the process however the build
/// ends. A model that cannot be written or read back is not an error:
/// its table is read again, as before.
///
/// The build cache's entries for the tables checked in this build go to the same file
/// (`BuildCache.Table`): held in memory until the cache is saved at the end, they were 50 MB of
/// the heap's peak at 30,000 departments (heaptrack).
final class ModelSpill: @unchecked Sendable {
    /// Where a model is in the file. No checksum: the file has no name, nothing else can write it.
    struct Location: Sendable {
        var offset: Int
        var length: Int
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var end = 0

    /// A spill in `folder` (beside the published folder: on a disk, where /tmp may be memory); nil
    /// when no file can be made there.
    init?(folder: String) {
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
        template += Array(".perfsite-models-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes the result's model; nil if it could not be.
    func store(_ result: TableChecker.FileResult) -> Location? {
        guard result.department != nil || result.projectTable != nil else { return nil }
        var writer = ArchiveWriter()
        writer.write(ArchivedModel(department: result.department, projectTable: result.projectTable))
        return store(bytes: writer.bytes)
    }

    /// Writes `bytes` after what the file holds; nil if they could not be written.
    func store(bytes: [UInt8]) -> Location? {
        lock.lock()
        let offset = end
        end += bytes.count
        lock.unlock()
        guard PublishIO.writeAll(descriptor, bytes, at: offset) == nil else { return nil }
        return Location(offset: offset, length: bytes.count)
    }

    /// The bytes stored at `location`; nil if they cannot be read whole.
    func bytes(at location: Location) -> [UInt8]? {
        PublishIO.read(descriptor, exactly: location.length, at: location.offset)
    }

    /// The model stored at `location`, as a check result without diagnostics (rendering reads
    /// none); nil if it does not read back as it was written.
    func load(_ location: Location, path: String) -> TableChecker.FileResult? {
        guard let bytes = bytes(at: location) else { return nil }
        var reader = ArchiveReader(bytes)
        guard let model = try? reader.read(ArchivedModel.self), reader.isAtEnd else { return nil }
        return TableChecker.FileResult(path: path, department: model.department, projectTable: model.projectTable)
    }
}
