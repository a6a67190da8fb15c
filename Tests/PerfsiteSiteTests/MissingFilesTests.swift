import Foundation
import Testing

@testable import PerfsiteSite

/// `InPlaceFolder.missingFiles` asks for most files one by one and lists the folders that hold
/// many: both ways must find the same files missing, whatever was deleted, replaced by a folder or
/// by a link that points nowhere.
@Suite struct MissingFilesTests {
    @Test func listedFoldersAndSingleFilesFindTheSameMissingFiles() throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("perfsite-missing-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        var paths = ["404.html", "index.html", "manifest.json", "search/index.json"]
        for card in 0..<300 { paths.append("search/cards/\(card).json") }
        // A folder with enough files to be listed, whose files sort around a subfolder's.
        for list in 0..<40 { paths.append("search/lists/a\(list).json") }
        paths.append("search/lists/b/inner.json")
        for list in 0..<40 { paths.append("search/lists/c\(list).json") }
        for department in 0..<30 {
            paths.append("2026/d\(department)/index.html")
            paths.append("2026/d\(department)/2026-d\(department).csv")
            for task in 1...4 { paths.append("2026/d\(department)/\(task)/index.html") }
        }
        for path in paths {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        let files = ManifestFiles(Dictionary(uniqueKeysWithValues: paths.map { ($0, FileDigest(of: Array($0.utf8))) }))
        let plan = InPlaceFolder.FileCheck.plan(files)
        let listed = plan.compactMap { check -> Range<Int>? in
            if case .listFolder(let range, _) = check { range } else { nil }
        }
        #expect(listed.map(\.count).sorted() == [40, 40, 300], "the cards and both runs of lists")
        let planned = plan.flatMap { check -> Range<Int> in
            switch check {
            case .eachFile(let range), .listFolder(let range, _): range
            }
        }
        #expect(planned == Array(0..<files.count), "every file once, in order")

        #expect(missing(files, in: root).isEmpty)

        // Deleted, replaced by a folder, replaced by a link to nowhere, a link to a file, and a
        // whole folder gone: in listed folders and in asked-for ones.
        var gone: Set<String> = ["search/cards/7.json", "search/lists/c25.json", "2026/d3/2/index.html", "index.html"]
        for path in gone { try manager.removeItem(at: root.appendingPathComponent(path)) }
        try manager.removeItem(at: root.appendingPathComponent("search/cards/8.json"))
        try manager.createDirectory(
            at: root.appendingPathComponent("search/cards/8.json"), withIntermediateDirectories: false)
        try manager.removeItem(at: root.appendingPathComponent("search/cards/9.json"))
        try manager.createSymbolicLink(
            at: root.appendingPathComponent("search/cards/9.json"),
            withDestinationURL: root.appendingPathComponent("nowhere"))
        gone.insert("search/cards/9.json")
        try manager.removeItem(at: root.appendingPathComponent("search/cards/10.json"))
        try manager.createSymbolicLink(
            at: root.appendingPathComponent("search/cards/10.json"),
            withDestinationURL: root.appendingPathComponent("search/cards/11.json"))
        try manager.removeItem(at: root.appendingPathComponent("2026/d5"))
        gone.formUnion(paths.filter { $0.hasPrefix("2026/d5/") })
        // Asked for one by one, a folder in a file's place counts as there, as it always did.
        #expect(missing(files, in: root) == gone)

        try manager.removeItem(at: root.appendingPathComponent("search/lists"))
        gone.formUnion(paths.filter { $0.hasPrefix("search/lists/") })
        #expect(missing(files, in: root) == gone, "a folder that cannot be listed: its files are missing")
    }

    /// The plan, on random sites: runs of at least `listedRun` files in one folder (not the
    /// root) are listed, everything else asked for in pieces of at most 2,048, every file once
    /// and in order — as grouping the paths by the folder before their last slash gives.
    @Test func thePlanListsEachLongRunOfOneFolder() {
        var generator = SystemRandomNumberGenerator()
        let folders = [
            "", "a/", "a/b/", "ab/", "a/bb/", "b/", "search/cards/", "search/lists/", "2026/d1/", "2026/d1/2/",
            "2026/d10/", "2026/d2/",
        ]
        for _ in 0..<100 {
            var paths: Set<String> = []
            for folder in folders where Bool.random(using: &generator) {
                for file in 0..<Int.random(in: 1...80, using: &generator) { paths.insert("\(folder)f\(file)") }
            }
            let files = ManifestFiles(Dictionary(uniqueKeysWithValues: paths.map { ($0, FileDigest(of: [1])) }))
            var expected: [InPlaceFolder.FileCheck] = []
            var single: [Int] = []
            func flush() {
                for start in stride(from: 0, to: single.count, by: 2048) {
                    let piece = single[start..<min(start + 2048, single.count)]
                    expected.append(.eachFile(piece.first!..<piece.last! + 1))
                }
                single = []
            }
            let sorted = (0..<files.count).map { String(decoding: files.path(at: $0), as: UTF8.self) }
            var index = 0
            while index < sorted.count {
                let folder = sorted[index].range(of: "/", options: .backwards).map { sorted[index][..<$0.upperBound] }
                var end = index + 1
                while end < sorted.count,
                    sorted[end].range(of: "/", options: .backwards).map({ sorted[end][..<$0.upperBound] }) == folder
                {
                    end += 1
                }
                if end - index >= InPlaceFolder.FileCheck.listedRun, let folder {
                    flush()
                    expected.append(.listFolder(index..<end, nameStart: folder.utf8.count))
                } else {
                    single += Array(index..<end)
                }
                index = end
            }
            flush()
            #expect(InPlaceFolder.FileCheck.plan(files) == expected, "\(sorted)")
        }
    }

    private func missing(_ files: ManifestFiles, in root: URL) -> Set<String> {
        let found = InPlaceFolder.missingFiles(of: files, in: root)
        return Set((0..<files.count).filter(found.contains).map { String(decoding: files.path(at: $0), as: UTF8.self) })
    }
}
