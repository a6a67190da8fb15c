import Crypto
import Foundation

/// `manifest.json`: the SHA-256 of every source table and of every published file, so anyone can
/// check that a published page comes from the named table and was not altered on the web server
/// (`scripts/verify-manifest Public`).
final class Manifest: @unchecked Sendable {
    private let lock = NSLock()
    private var published: [String: String] = [:]
    private var renderKeys: [String: String] = [:]

    /// Lower-case hex SHA-256. Written out by hand: `String(format:)` per byte was 7% of a build.
    static func hex(_ bytes: some DataProtocol) -> String {
        hex(digest: SHA256.hash(data: bytes))
    }

    /// A digest already computed, as lower-case hex.
    static func hex(digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Records a file and returns its digest, which publishing compares with the previous one.
    @discardableResult func record(_ file: OutputFile) -> String {
        let digest = Self.hex(file.bytes)
        lock.lock()
        published[file.path] = digest
        lock.unlock()
        return digest
    }

    /// A file linked from the previous build, with the digest that build recorded.
    func record(path: String, digest: String) {
        lock.lock()
        published[path] = digest
        lock.unlock()
    }

    /// The render key of a department folder (see RenderKeys).
    func record(folder: String, key: String) {
        lock.lock()
        renderKeys[folder] = key
        lock.unlock()
    }

    /// What a previous manifest.json says: its files' digests and its folders' render keys.
    struct Previous: Sendable {
        var files: [String: String] = [:]
        var renderKeys: [String: String] = [:]
        /// Files by their department folder (`2026/d1/`), grouped once: filtering all files for
        /// each department was quadratic and dominated a rebuild of 1,000 departments.
        private var byFolder: [Substring: [(path: String, digest: String)]] = [:]

        init() {}

        init(contentsOf url: URL) {
            guard let data = try? Data(contentsOf: url),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return }
            files = object["files"] as? [String: String] ?? [:]
            renderKeys = object["renderKeys"] as? [String: String] ?? [:]
            for (path, digest) in files {
                guard let folder = Self.departmentFolder(of: path) else { continue }
                byFolder[folder, default: []].append((path, digest))
            }
        }

        /// `2026/d1/` for `2026/d1/3/index.html`: the first two components and their slashes.
        static func departmentFolder(of path: String) -> Substring? {
            guard let first = path.firstIndex(of: "/"),
                let second = path[path.index(after: first)...].firstIndex(of: "/")
            else { return nil }
            return path[...second]
        }

        /// The files under a department folder (`2026/d1/`), with their digests.
        func files(under folder: String) -> [(path: String, digest: String)] {
            byFolder[folder[...]] ?? []
        }
    }

    /// The manifest, given the source files (path as diagnostics name them → bytes).
    func file(sources: [String: String], generator: String) -> OutputFile {
        lock.lock()
        let files = published
        let keys = renderKeys
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
        json.raw("\n  },\n  \"renderKeys\": {")
        for (index, (path, key)) in keys.sorted(by: { $0.key < $1.key }).enumerated() {
            json.raw(index == 0 ? "\n    " : ",\n    ")
            json.string(path)
            json.raw(": \"\(key)\"")
        }
        json.raw("\n  }\n}\n")
        return OutputFile(path: "manifest.json", bytes: json.bytes)
    }
}
