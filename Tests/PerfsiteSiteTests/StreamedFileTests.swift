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
