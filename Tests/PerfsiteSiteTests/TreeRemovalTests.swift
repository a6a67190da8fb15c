import Foundation
import Testing

@testable import PerfsiteSite

@Suite struct TreeRemovalTests {
    /// A previous site as the swap leaves it: files at every depth, empty folders, and links —
    /// one to a folder outside the tree, whose files must survive, and one dangling. All of the
    /// tree goes (its 40 department folders removed as separate subtrees), and nothing a link
    /// points to.
    @Test func removesTheTreeAndNothingItLinksTo() throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("perfsite-tree-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        let tree = root.appendingPathComponent("Public")
        let outside = root.appendingPathComponent("outside")
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("kept.txt"))
        var files: [String] = ["index.html", "search/cards/0.json"]
        for department in 0..<40 {
            for task in 1...3 { files.append("2026/d\(department)/\(task)/print/index.html") }
            files.append("2026/d\(department)/index.html")
        }
        for file in files {
            let url = tree.appendingPathComponent(file)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.utf8).write(to: url)
        }
        try manager.createDirectory(
            at: tree.appendingPathComponent("2026/empty/deeper"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(at: tree.appendingPathComponent("2026/d3/linked"), withDestinationURL: outside)
        try manager.createSymbolicLink(
            at: tree.appendingPathComponent("dangling"), withDestinationURL: root.appendingPathComponent("missing"))

        #expect(PublishIO.removeTree(tree.path))
        #expect(!manager.fileExists(atPath: tree.path))
        #expect(try String(contentsOf: outside.appendingPathComponent("kept.txt"), encoding: .utf8) == "keep")
        // A path that is a file, and one that is not there.
        let file = root.appendingPathComponent("file.txt")
        try Data("x".utf8).write(to: file)
        #expect(PublishIO.removeTree(file.path))
        #expect(!manager.fileExists(atPath: file.path))
        #expect(!PublishIO.removeTree(root.appendingPathComponent("missing").path))
    }
}
