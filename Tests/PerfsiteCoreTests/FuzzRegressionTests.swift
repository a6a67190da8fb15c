import Foundation
import Testing

@testable import PerfsiteCore

/// Every input the fuzzers (scripts/fuzz) ever crashed or leaked on, replayed through the same
/// entry point: `<target>-*` files in Fixtures/fuzz/, where the target names the reader.
@Suite struct FuzzRegressionTests {
    static let folder = TestSupport.fixtures.appendingPathComponent("fuzz")
    static let inputs: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }()

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let target = String(name.prefix { $0 != "-" })
        switch target {
        case "tsv", "csv", "xlsx", "html":
            let start = ContinuousClock.now
            _ = TableChecker().check(bytes: bytes, path: "Content/2026/fuzz.\(target)")
            #expect(ContinuousClock.now - start < .seconds(30), "a guard against hangs, not a performance claim")
        case "fragment":
            let normalizer = FragmentNormalizer()
            let first = normalizer.normalize(String(decoding: bytes, as: UTF8.self)).fragment.html
            let second = normalizer.normalize(first).fragment.html
            #expect(first == second, "not idempotent")
            #expect(!first.lowercased().contains("<script"))
        default:
            Issue.record("unknown fuzz target in \(name)")
        }
    }

    @Test func noZipRecordMeansNoArchive() {
        #expect(!XLSXTableReader.hasEndOfCentralDirectory(Array("PK\u{3}\u{4}短".utf8)))
        // A record whose comment runs past the end is incomplete.
        var bytes = [UInt8](repeating: 0, count: 30)
        bytes.replaceSubrange(8..<12, with: [0x50, 0x4B, 0x05, 0x06])
        bytes[28] = 0xFF
        #expect(!XLSXTableReader.hasEndOfCentralDirectory(bytes))
        bytes[28] = 0
        #expect(XLSXTableReader.hasEndOfCentralDirectory(bytes))
    }
}
