import Foundation
import Testing

@testable import PerfsiteSite

/// The previous manifest is read line by line when perfsite wrote it, and as JSON otherwise:
/// both must give what a JSON parser reads from the file.
@Suite struct ManifestTests {
    func expected(_ url: URL, data: Data? = nil) throws -> (files: [String: FileDigest], keys: [String: String]) {
        let object = try #require(
            try JSONSerialization.jsonObject(with: data ?? Data(contentsOf: url)) as? [String: Any])
        let files = try #require(object["files"] as? [String: String])
        return (files.compactMapValues(FileDigest.init(hex:)), object["renderKeys"] as? [String: String] ?? [:])
    }

    @Test func aBuiltSitesManifestReadsAsJSONReadsIt() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        try site.addSample(as: "Content/2025/sample.tsv") { $0.replacingOccurrences(of: "2026年", with: "2025年") }
        #expect(site.build().outcome.isPublished)
        let url = site.publicFolder.appendingPathComponent("manifest.json")
        let previous = Manifest.Previous(contentsOf: url)
        let (files, keys) = try expected(url)
        #expect(previous.readByLines)
        #expect(files.count > 100)
        #expect(previous.files.dictionary == files)
        #expect(previous.renderKeys == keys)
        // A key per department folder, one per search shard under its JSON's path, and the
        // site-wide pages' under the home page's.
        let folders = keys.keys.filter { $0.hasSuffix("/") }.sorted()
        #expect(folders.count == 2)
        #expect(keys["index.html"] != nil)
        #expect(keys.keys.filter { $0.hasPrefix("search/shards/") }.count == keys.count - 3)
        #expect(previous.files(under: "2026/" + folders.last!.split(separator: "/")[1] + "/").count > 10)
    }

    /// The copied bytes are the entries as `Manifest.write` spells them, and none are copied from a
    /// manifest.json changed since it was read.
    @Test func entriesAreCopiedAsWrittenAndNotFromAChangedFile() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.addSample()
        #expect(site.build().outcome.isPublished)
        let url = site.publicFolder.appendingPathComponent("manifest.json")
        let previous = Manifest.Previous(contentsOf: url)
        let text = try #require(previous.text)
        let files = previous.files
        let spelled = (0...40).map { index in
            "\"\(String(decoding: files.path(at: index), as: UTF8.self))\": \"\(files.digest(at: index).hex)\""
        }.joined(separator: ",\n    ")
        let range = try #require(text.byteRange(0, through: 40, lastPathLength: files.path(at: 40).count))
        #expect(String(decoding: try Data(contentsOf: url)[range], as: UTF8.self) == spelled)
        #expect((0..<40).allSatisfy { text.line($0 + 1, follows: $0, pathLength: files.path(at: $0).count) })

        // Every file kept: the new manifest's entries are the old one's bytes, copied.
        func rewritten(from previous: Manifest.Previous) throws -> (bytes: Data, copied: Int) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = Manifest(previous: previous.files, previousText: previous.text)
            manifest.record(previous: [0..<previous.files.count])
            let target = try StagingFolder(destination: folder, previousFiles: ManifestFiles())
            let copied = try manifest.write(to: target, sources: [:], generator: "test")
            try target.commit(removeOldLater: false)
            return (try Data(contentsOf: folder.appendingPathComponent("manifest.json")), copied)
        }
        let copied = try rewritten(from: previous)
        #expect(copied.copied == files.count)
        let old = try String(contentsOf: url, encoding: .utf8)
        let new = String(decoding: copied.bytes, as: UTF8.self)
        func entries(_ manifest: String) -> Substring? {
            guard let start = manifest.range(of: "\"files\": {"),
                let end = manifest.range(of: "\n  },\n  \"renderKeys\"")
            else { return nil }
            return manifest[start.upperBound..<end.lowerBound]
        }
        #expect(entries(new) != nil && entries(new) == entries(old))

        // Appended to where it is: the same file, with a new size and new times. The copies are
        // made, found to come from a changed file, and every entry is spelled instead.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        #expect(!text.isUnchanged)
        let spelledAgain = try rewritten(from: previous)
        #expect(spelledAgain.copied == 0)
        #expect(spelledAgain.bytes == copied.bytes)

        // Cut short: the copies fail past its new end, and the manifest is spelled all the same,
        // whether the failure is thrown by the append after the copy (the writer's thread was
        // quicker) or by the flush after the last. Which one it is varies from run to run: CI
        // saw the first where this machine had always seen the second, so both are tried often.
        let truncated = try FileHandle(forWritingTo: url)
        try truncated.truncate(atOffset: 100)
        try truncated.close()
        for _ in 0..<50 {
            let spelledAfterFailure = try rewritten(from: previous)
            #expect(spelledAfterFailure.copied == 0)
            #expect(spelledAfterFailure.bytes == copied.bytes)
        }
    }

    @Test func anythingElseIsReadAsJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let digest = String(repeating: "ab", count: 32)
        let url = folder.appendingPathComponent("manifest.json")
        // One line, an escaped path, keys in another order: not the written layout.
        let text = """
            {"renderKeys":{"2026/d1/":"k"},"files":{"2026/d1/a\\"b.html":"\(digest)","2026/d1/index.html":"\(digest)"}}
            """
        try Data(text.utf8).write(to: url)
        let previous = Manifest.Previous(contentsOf: url)
        #expect(!previous.readByLines)
        #expect(previous.files.dictionary.keys.sorted() == ["2026/d1/a\"b.html", "2026/d1/index.html"])
        #expect(previous.renderKeys == ["2026/d1/": "k"])
        // Cut off half-way: nothing is trusted.
        let written = """
            {
              "version": 1,
              "files": {
                "2026/d1/index.html": "\(digest)",
            """
        try Data(written.utf8).write(to: url)
        #expect(Manifest.Previous(contentsOf: url).files.isEmpty)
    }

    /// A manifest is read a megabyte at a time: lines cut by a read are joined again, and upper-
    /// case digests read as their lower-case selves.
    @Test func aManifestLongerThanOneReadIsReadWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("manifest.json")
        var generator = SystemRandomNumberGenerator()
        var lines: [String] = []
        for index in 0..<30_000 {
            let digest = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
                .joined()
            lines.append(
                "    \"2026/d\(index)/项目\(index % 7)/index.html\": \"\(index % 3 == 0 ? digest.uppercased() : digest)\""
            )
        }
        let text =
            "{\n  \"version\": 1,\n  \"sources\": {\n    \"a.tsv\": \"x\"\n  },\n  \"files\": {\n"
            + lines.sorted().joined(separator: ",\n")
            + "\n  },\n  \"renderKeys\": {\n    \"2026/d1/\": \"k\"\n  }\n}\n"
        #expect(text.utf8.count > 3 << 20)
        try Data(text.utf8).write(to: url)
        let previous = Manifest.Previous(contentsOf: url)
        #expect(previous.readByLines)
        #expect(previous.files.count == 30_000)
        #expect(previous.files.dictionary == (try expected(url).files))
        #expect(previous.renderKeys == ["2026/d1/": "k"])
    }

    /// manifest.json is not hashed: whether it changed is a comparison of its bytes with the
    /// published one's, a megabyte at a time.
    @Test func filesAreComparedByteByByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(5 << 19) + 7).map { _ in UInt8.random(in: 0...255, using: &generator) }
        func file(_ name: String, _ contents: [UInt8]) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try Data(contents).write(to: URL(fileURLWithPath: path))
            return path
        }
        let original = try file("a", bytes)
        #expect(PublishIO.sameContents(original, try file("same", bytes)))
        for position in [0, 1 << 20, bytes.count - 1] {
            var changed = bytes
            changed[position] ^= 1
            #expect(!PublishIO.sameContents(original, try file("changed-\(position)", changed)), "byte \(position)")
        }
        #expect(!PublishIO.sameContents(original, try file("shorter", Array(bytes.dropLast()))))
        #expect(!PublishIO.sameContents(original, folder.appendingPathComponent("missing").path))
        #expect(PublishIO.sameContents(try file("empty", []), try file("empty too", [])))
    }

    /// Digests read from hex: either case, exactly 64 digits, nothing else.
    @Test func digestsReadFromExactlySixtyFourHexDigits() {
        let digest = FileDigest(of: Array("预算公开".utf8))
        #expect(FileDigest(hex: digest.hex) == digest)
        #expect(FileDigest(hex: digest.hex.uppercased()) == digest)
        #expect(FileDigest(hex: String(repeating: "0", count: 64))?.hex == String(repeating: "0", count: 64))
        #expect(FileDigest(hex: String(repeating: "f", count: 64))?.hex == String(repeating: "f", count: 64))
        for wrong in ["g", " ", "/", ":", "@", "`", "G", "é"] {
            #expect(FileDigest(hex: wrong + digest.hex.dropFirst(wrong.utf8.count)) == nil, "\(wrong)")
        }
        // A wrong byte in every position, odd and even (digits are read two at a time).
        let digits = Array(digest.hex.utf8)
        for position in digits.indices {
            for wrong in [UInt8(ascii: "g"), UInt8(ascii: "/"), UInt8(ascii: "`"), 0x00, 0xFF] {
                var changed = digits
                changed[position] = wrong
                #expect(FileDigest(hexDigits: changed) == nil, "\(wrong) at \(position)")
            }
        }
        // Random digests, in random mixes of case, read back as they were.
        for _ in 0..<200 {
            let random = FileDigest(of: (0..<16).map { _ in UInt8.random(in: 0...255) })
            let mixed = String(random.hex.map { Bool.random() ? Character($0.uppercased()) : $0 })
            #expect(FileDigest(hex: mixed) == random, "\(mixed)")
        }
        #expect(FileDigest(hex: String(digest.hex.dropLast())) == nil)
        #expect(FileDigest(hex: digest.hex + "0") == nil)
    }

    /// A digest is written as the 64 lower-case hex digits of its 32 bytes, every nibble value in
    /// every position.
    @Test func digestsWrittenAsHex() {
        for seed in 0..<16 {
            let bytes = (0..<32).map { UInt8(($0 + seed) % 16 << 4 | (3 * $0 + seed) % 16) }
            let expected = bytes.map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined()
            var written: [UInt8] = Array("x".utf8)
            FileDigest(bytes: bytes).appendHex(to: &written)
            #expect(String(decoding: written, as: UTF8.self) == "x" + expected)
        }
    }
}

extension ManifestTests {
    /// Paths in code point order, each once with the digest recorded last, whatever order and
    /// however often the threads of a build recorded them — held in memory, or spilled to disk
    /// as sorted runs (a budget of one byte makes every record a run of its own).
    @Test(arguments: [8 << 20, 1, 150]) func filesAreListedOnceInPathOrder(memoryBudget: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = Manifest(memoryBudget: memoryBudget)
        let first = FileDigest(of: Array("first".utf8))
        let second = FileDigest(of: Array("second".utf8))
        manifest.record(path: "2026/d1/index.html", digest: first)
        manifest.record(files: [
            (path: "2026/d10/index.html", digest: first), (path: "2026/d1/1/index.html", digest: first),
        ])
        manifest.record(path: "sources/2026/部门.tsv", digest: first)
        manifest.record(path: "2026/d1/index.html", digest: second)
        manifest.record(path: "2026/d1", digest: first)
        let target = try StagingFolder(destination: folder, previousFiles: ManifestFiles())
        try manifest.write(to: target, sources: [:], generator: "test")
        try target.commit(removeOldLater: false)
        let url = folder.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let expectedOrder = [
            "2026/d1", "2026/d1/1/index.html", "2026/d1/index.html", "2026/d10/index.html", "sources/2026/部门.tsv",
        ]
        let positions = expectedOrder.map { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let (files, _) = try expected(url)
        #expect(files.count == 5)
        #expect(files["2026/d1/index.html"] == second)
        #expect(Manifest.Previous(contentsOf: url).files.dictionary == files)
    }

    /// A spilled manifest, merged from its runs, is byte for byte the one kept in memory: 20,000
    /// records of 8,000 paths (one path in three recorded again later with another digest) in a
    /// shuffled order, with runs of a few hundred entries.
    @Test func aSpilledManifestIsTheSameBytes() throws {
        var generator = SystemRandomNumberGenerator()
        var records: [(path: String, digest: FileDigest)] = (0..<8_000).map { number in
            let department = String(number / 40, radix: 16)
            return ("2026/d\(department)/\(number % 40)/index.html", FileDigest(of: Array("\(number)".utf8)))
        }
        records.shuffle(using: &generator)
        records += records.enumerated().filter { $0.offset % 3 == 0 }.map {
            ($0.element.path, FileDigest(of: Array("again \($0.offset)".utf8)))
        }
        records += records.prefix(8_000)
        var manifests: [Data] = []
        for budget in [64 << 20, 16 << 10] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = Manifest(memoryBudget: budget)
            for record in records { manifest.record(path: record.path, digest: record.digest) }
            #expect(budget > 1 << 20 ? manifest.spilledRuns == 0 : manifest.spilledRuns > 50)
            let target = try StagingFolder(destination: folder, previousFiles: ManifestFiles())
            try manifest.write(
                to: target, sources: ["sources/2026/部门.tsv": String(repeating: "0", count: 64)], generator: "test")
            try target.commit(removeOldLater: false)
            manifests.append(try Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        }
        #expect(manifests[0] == manifests[1])
        let files = try expected(URL(fileURLWithPath: "/dev/null"), data: manifests[1]).files
        #expect(files.count == 8_000)
        let last = Dictionary(records.map { ($0.path, $0.digest) }, uniquingKeysWith: { _, later in later })
        #expect(files == last)
    }

    /// Files kept from the previous manifest, by position, are merged with those recorded in
    /// this build: each path once, in path order, a kept file recorded again with its new digest,
    /// a file not kept left out — in memory or spilled to runs.
    @Test(arguments: [8 << 20, 1]) func keptFilesAreMergedWithRecordedOnes(memoryBudget: Int) throws {
        let old = FileDigest(of: Array("old".utf8))
        let new = FileDigest(of: Array("new".utf8))
        let previousPaths = (0..<300).map { "2026/d\(String($0 / 10, radix: 16))/\($0 % 10)/index.html" }
        let previous = ManifestFiles(Dictionary(uniqueKeysWithValues: previousPaths.map { ($0, old) }))
        let manifest = Manifest(memoryBudget: memoryBudget, previous: previous)
        // Every folder but d3 kept; d5 written again; new files before, between and after them all.
        let kept = (0..<30).filter { $0 != 3 }.map { previous.range(under: "2026/d\(String($0, radix: 16))/") }
        manifest.record(previous: kept)
        for path in previousPaths where path.hasPrefix("2026/d5/") { manifest.record(path: path, digest: new) }
        for path in ["2025/index.html", "2026/d3a/index.html", "2026/d5/extra.html", "search/index.json"] {
            manifest.record(path: path, digest: new)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = try StagingFolder(destination: folder, previousFiles: ManifestFiles())
        try manifest.write(to: target, sources: [:], generator: "test")
        try target.commit(removeOldLater: false)
        let url = folder.appendingPathComponent("manifest.json")
        var expected = Dictionary(
            uniqueKeysWithValues: previousPaths.filter { !$0.hasPrefix("2026/d3/") }.map { ($0, old) })
        for path in previousPaths where path.hasPrefix("2026/d5/") { expected[path] = new }
        for path in ["2025/index.html", "2026/d3a/index.html", "2026/d5/extra.html", "search/index.json"] {
            expected[path] = new
        }
        let read = Manifest.Previous(contentsOf: url)
        #expect(read.readByLines, "in path order, one entry per line")
        #expect(read.files.dictionary == expected)
        let text = try String(contentsOf: url, encoding: .utf8)
        let listed = text.split(separator: "\n").filter { $0.hasPrefix("    \"") && $0.contains(".html\"") }
            .map { String($0.dropFirst(5).prefix { $0 != "\"" }) }
        #expect(listed == listed.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(listed.count == expected.count - 1)
    }

    /// The previous manifest's files, packed: a lookup by path, a department's files as one
    /// range, and files given out of order or twice sorted with the last digest kept.
    @Test func previousFilesAreFoundByPathAndByFolder() {
        let first = FileDigest(of: Array("first".utf8))
        let second = FileDigest(of: Array("second".utf8))
        var files = ManifestFiles()
        for path in ["2026/d1/index.html", "2026/d10/index.html", "2026/d1/3/print/index.html", "index.html"] {
            files.append(path: Array(path.utf8)[...], digest: first)
        }
        files.append(path: Array("2026/d1/index.html".utf8)[...], digest: second)
        files.append(path: Array("2026/d1-x/a.csv".utf8)[...], digest: first)
        files.finish()
        #expect(files.count == 5)
        #expect(files["2026/d1/index.html"] == second)
        #expect(files["2026/d10/index.html"] == first && files["2026/d1"] == nil && files["2026/d2/index.html"] == nil)
        #expect(files.files(under: "2026/d1/").map(\.path) == ["2026/d1/3/print/index.html", "2026/d1/index.html"])
        #expect(files.files(under: "2026/d10/").map(\.path) == ["2026/d10/index.html"])
        #expect(files.files(under: "2027/").isEmpty)
        var paths: [String] = []
        files.forEach { path, _ in paths.append(String(decoding: path, as: UTF8.self)) }
        #expect(paths == paths.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) } && paths.count == 5)
        #expect(ManifestFiles(files.dictionary).dictionary == files.dictionary)
        #expect(ManifestFiles().isEmpty && ManifestFiles()["index.html"] == nil)
    }

    /// `range(under:)` finds by two binary searches what walking every path in order finds:
    /// folders, file names (with a `.gz` beside them), missing and empty prefixes, and paths
    /// whose next byte is just above the prefix's last.
    @Test func aFoldersFilesAreTheOnesThatStartWithIt() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["2026/", "d1", "d10", "d1/", "d2", "/", "index.html", ".gz", "0", "项目", "x", "-"]
        for _ in 0..<200 {
            var paths: Set<String> = []
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                paths.insert(
                    (0..<Int.random(in: 1...5, using: &generator)).map { _ in pieces.randomElement()! }.joined())
            }
            let digest = FileDigest(of: Array("x".utf8))
            let files = ManifestFiles(Dictionary(uniqueKeysWithValues: paths.map { ($0, digest) }))
            var prefixes = ["", "2026/", "2026/d1/", "index.html", "zzz", "项目"]
            prefixes += paths.map { String($0.prefix(Int.random(in: 0...$0.count, using: &generator))) }
            for prefix in prefixes {
                let expected = (0..<files.count).filter { files.path(at: $0).starts(with: prefix.utf8) }
                let found = files.range(under: prefix)
                #expect(Array(found) == expected, "\(prefix) in \(paths.sorted())")
            }
        }
    }

    /// A line is as written when its digest is all lower case (and its path needs no escape):
    /// an upper-case letter in any of the 64 places makes it not, eight places at a time or not.
    @Test func aLineIsAsWrittenOnlyInLowerCase() {
        let path = Array("2026/d1/index.html".utf8)
        let digits = Array(String(repeating: "0123456789abcdef", count: 4).utf8)
        func asWritten(_ digest: [UInt8], _ path: [UInt8] = path) -> Bool {
            digest.withUnsafeBufferPointer { digest in
                path.withUnsafeBufferPointer { PreviousManifestText.isAsWritten(path: $0, digest: digest) }
            }
        }
        #expect(asWritten(digits))
        for position in digits.indices where digits[position] >= UInt8(ascii: "a") {
            var upper = digits
            upper[position] -= 0x20
            #expect(!asWritten(upper), "upper case at \(position)")
        }
        #expect(!asWritten(digits, Array("2026/\"quoted\".html".utf8)))
        #expect(asWritten(Array(digits.prefix(61))) && !asWritten(Array(digits.prefix(60)) + [UInt8(ascii: "F")]))
    }
}
