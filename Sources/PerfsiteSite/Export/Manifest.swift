import Crypto
import Foundation

/// `manifest.json`: the SHA-256 of every source table and of every published file, so anyone can
/// check that a published page comes from the named table and was not altered on the web server
/// (`scripts/verify-manifest Public`).
final class Manifest: @unchecked Sendable {
    private let lock = NSLock()
    private var published: [String: String] = [:]

    /// Lower-case hex SHA-256. Written out by hand: `String(format:)` per byte was 7% of a build.
    static func hex(_ bytes: some DataProtocol) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    func record(_ file: OutputFile) {
        let digest = Self.hex(file.bytes)
        lock.lock()
        published[file.path] = digest
        lock.unlock()
    }

    /// The manifest, given the source files (path as diagnostics name them → bytes).
    func file(sources: [String: String], generator: String) -> OutputFile {
        lock.lock()
        let files = published
        lock.unlock()
        var json = JSONText()
        json.raw("{\n  \"version\": 1,\n  \"generator\": ")
        json.string(generator)
        json.raw(",\n  \"algorithm\": \"sha256\",\n  \"sources\": {")
        for (index, (path, digest)) in sources.sorted(by: { $0.key < $1.key }).enumerated() {
            json.raw(index == 0 ? "\n    " : ",\n    ")
            json.string(path)
            json.raw(": \"\(digest)\"")
        }
        json.raw("\n  },\n  \"files\": {")
        for (index, (path, digest)) in files.sorted(by: { $0.key < $1.key }).enumerated() {
            json.raw(index == 0 ? "\n    " : ",\n    ")
            json.string(path)
            json.raw(": \"\(digest)\"")
        }
        json.raw("\n  }\n}\n")
        return OutputFile(path: "manifest.json", bytes: json.bytes)
    }
}
