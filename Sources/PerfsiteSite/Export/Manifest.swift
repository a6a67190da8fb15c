import Crypto
import Foundation

/// `manifest.json`: the SHA-256 of every source table and of every published file, so anyone can
/// check that a published page comes from the named table and was not altered on the web server
/// (`scripts/verify-manifest Public`).
final class Manifest: @unchecked Sendable {
    private let lock = NSLock()
    private var published: [String: FileDigest] = [:]
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
    @discardableResult func record(_ file: OutputFile) -> FileDigest {
        let digest = FileDigest(of: file.bytes)
        lock.lock()
        published[file.path] = digest
        lock.unlock()
        return digest
    }

    /// A file linked from the previous build, with the digest that build recorded.
    func record(path: String, digest: FileDigest) {
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
        var files: [String: FileDigest] = [:]
        var renderKeys: [String: String] = [:]
        /// Files by their department folder (`2026/d1/`), grouped once: filtering all files for
        /// each department was quadratic and dominated a rebuild of 1,000 departments.
        private var byFolder: [Substring: [(path: String, digest: FileDigest)]] = [:]

        init() {}

        init(contentsOf url: URL) {
            guard let data = try? Data(contentsOf: url),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return }
            for (path, hex) in object["files"] as? [String: String] ?? [:] {
                // An entry that does not read as a digest is left out: its file is written again.
                if let digest = FileDigest(hex: hex) { files[path] = digest }
            }
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
        func files(under folder: String) -> [(path: String, digest: FileDigest)] {
            byFolder[folder[...]] ?? []
        }
    }

    /// Writes manifest.json into `target` a piece at a time — at 10,000 departments it lists
    /// 400,000 files and is 40 MB — given the source tables (published path → hex SHA-256).
    func write(to target: any PublishTarget, sources: [String: String], generator: String) throws {
        lock.lock()
        let files = published
        let keys = renderKeys
        lock.unlock()
        let stream = try target.beginStream("manifest.json")
        var json = JSONText()
        func flushIfLarge() throws {
            guard json.bytes.count >= 1 << 20 else { return }
            try stream.append(json.bytes)
            json = JSONText()
        }
        json.raw("{\n  \"version\": 1,\n  \"generator\": ")
        json.string(generator)
        json.raw(",\n  \"algorithm\": \"sha256\",\n  \"sources\": {")
        for (index, (path, digest)) in sources.sorted(by: { $0.key < $1.key }).enumerated() {
            json.raw(index == 0 ? "\n    " : ",\n    ")
            json.string(path)
            json.raw(": \"\(digest)\"")
        }
        json.raw("\n  },\n  \"files\": {")
        for (index, path) in files.keys.sorted().enumerated() {
            json.raw(index == 0 ? "\n    " : ",\n    ")
            json.string(path)
            json.raw(": \"\(files[path]!.hex)\"")
            try flushIfLarge()
        }
        json.raw("\n  },\n  \"renderKeys\": {")
        for (index, (path, key)) in keys.sorted(by: { $0.key < $1.key }).enumerated() {
            json.raw(index == 0 ? "\n    " : ",\n    ")
            json.string(path)
            json.raw(": \"\(key)\"")
        }
        json.raw("\n  }\n}\n")
        try stream.append(json.bytes)
        _ = try target.finishStream(stream)
    }
}
