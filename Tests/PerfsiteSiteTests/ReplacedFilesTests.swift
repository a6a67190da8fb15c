import Foundation
import Testing

@testable import PerfsiteSite

/// The previous build's files a rebuild copies from are closed when it says so, on another
/// thread, or when they are freed.
@Suite struct ReplacedFilesTests {
    /// Opens a new file of its own, replaced (unlinked) as a rebuild replaces the old one.
    private func openReplacedFile() throws -> (descriptor: Int32, identity: [UInt64]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replaced-\(UUID().uuidString)").path
        try Data("上次发布的文件\n".utf8).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        unlink(path)
        return (descriptor, try #require(identity(of: descriptor)))
    }

    /// The device and inode a descriptor is open on, nil once it is closed. Compared, not just
    /// asked: another test may open a file that gets the same number once it is closed.
    private func identity(of descriptor: Int32) -> [UInt64]? {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? [UInt64(info.st_dev), UInt64(info.st_ino)] : nil
    }

    @Test func closingInBackgroundClosesEachFile() async throws {
        let first = try openReplacedFile()
        let second = try openReplacedFile()
        let files = ReplacedFiles([first.descriptor, second.descriptor])
        #expect(files[0] == first.descriptor && files[1] == second.descriptor)
        files.closeInBackground()
        files.closeInBackground()  // a second call is harmless (nothing here can see a second close)
        var waited = 0
        while waited < 2_000
            && (identity(of: first.descriptor) == first.identity || identity(of: second.descriptor) == second.identity)
        {
            try await Task.sleep(for: .milliseconds(5))
            waited += 5
        }
        #expect(identity(of: first.descriptor) != first.identity)
        #expect(identity(of: second.descriptor) != second.identity)
    }

    @Test func filesNotClosedInBackgroundAreClosedWhenFreed() throws {
        let file = try openReplacedFile()
        do {
            let files = ReplacedFiles([file.descriptor])
            #expect(PublishIO.read(files[0], count: 7, at: 0) == Array("上次".utf8) + [0xE5])
        }
        #expect(identity(of: file.descriptor) != file.identity)
    }
}
