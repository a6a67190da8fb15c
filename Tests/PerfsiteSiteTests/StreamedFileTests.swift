import Foundation
import Testing

@testable import PerfsiteSite

/// A streamed file is written behind the thread that appends to it: the bytes still arrive in
/// order and whole, the digest is of all of them, and a failed write is not lost.
@Suite struct StreamedFileTests {
    @Test func piecesArriveInOrderWithTheirDigest() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)").path
        defer { unlink(path) }
        let stream = try StreamedFile(path: "data/indicators.csv", diskPath: path)
        var everything: [UInt8] = []
        // More pieces than may wait for the writer, of sizes from nothing to 100 KB.
        for number in 0..<120 {
            let piece = [UInt8](repeating: UInt8(number), count: (number * 7_919) % 100_000)
            everything += piece
            try stream.append(piece)
        }
        #expect(stream.size == everything.count)
        let digest = try stream.close()
        #expect(digest == FileDigest(of: everything))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == everything)
        #expect(try StreamedFile(path: "manifest.json", diskPath: path, hashed: false).close() == nil)
    }

    /// A file that becomes a copy of another's bytes has that file's size, digest and
    /// checkpoints at once, and its bytes on disk only when they are asked for, once.
    @Test func aCopyIsMadeOnlyWhenAskedFor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = Array("年度,部门名称\n".utf8)
        let rows = (0..<40_000).flatMap { Array("2026,部门\($0)\n".utf8) }
        let previousPath = folder.appendingPathComponent("previous.csv").path
        try Data(header + rows).write(to: URL(fileURLWithPath: previousPath))
        var hasher = ResumableSHA256(takingCheckpoints: true)
        hasher.update(header + rows)
        let source = open(previousPath, O_RDONLY | O_CLOEXEC)
        try #require(source >= 0)
        let owner = ReplacedFiles([source])

        let path = folder.appendingPathComponent("new.csv").path
        let stream = try StreamedFile(path: "data/departments.csv", diskPath: path)
        try stream.append(header)
        try stream.becomeCopy(
            of: header.count..<header.count + rows.count, from: source, keeping: owner, digest: hasher.finalize(),
            checkpoints: hasher.checkpoints)
        #expect(stream.size == header.count + rows.count)
        #expect(try stream.close() == FileDigest(of: header + rows))
        #expect(stream.checkpoints.map(\.offset) == hasher.checkpoints.map(\.offset))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == header)
        try stream.makeCopy()
        try stream.makeCopy()  // once
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == header + rows)
    }

    @Test func aFailedWriteIsThrown() throws {
        // /dev/full fails every write with ENOSPC, as a full disk does.
        let stream = try StreamedFile(path: "data/indicators.csv", diskPath: "/dev/full")
        var failure: PublishError?
        do {
            for _ in 0..<50 { try stream.append(Array(repeating: 0x61, count: 4096)) }
            _ = try stream.close()
        } catch {
            failure = error
        }
        let message = try #require(failure).message
        #expect(message.contains("写入失败"))
        #expect(message.contains(PublishIO.describe(errno: ENOSPC)))
    }
}
