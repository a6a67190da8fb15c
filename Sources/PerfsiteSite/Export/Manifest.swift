import Crypto
import Foundation

/// `manifest.json`: the SHA-256 of every source table and of every published file, so anyone can
/// check that a published page comes from the named table and was not altered on the web server
/// (`scripts/verify-manifest Public`).
final class Manifest: @unchecked Sendable {
    private let lock = NSLock()
    private var published: [String: String] = [:]

    static func hex(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
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
