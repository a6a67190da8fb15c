import Crypto
import Foundation
import PerfsiteCore

/// What a department's folder of pages was made from, as one SHA-256: the perfsite binary, the
/// theme, the settings, and every table the folder's pages show — its overall table, its project
/// tables, the previous year's table it is compared with, and the years it links. A build whose
/// key for a folder equals the one the previous build recorded in manifest.json links the previous
/// folder's files instead of rendering them again: the bytes would be the same, so a rebuild after
/// one table changed renders one department (and the site-wide listings) instead of all.
struct RenderKeys: Sendable {
    /// Digest of everything that is the same for every department of this build.
    let buildStamp: String
    /// SHA-256 of each source table, by the path the checker read it under.
    let sources: [String: String]

    init(theme: Theme, settings: SiteSettings, sources: [String: String]) {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data(text.utf8))
            hasher.update(data: [0])
        }
        add("perfsite")
        add(Self.executableStamp)
        for (path, text) in theme.files.sorted(by: { $0.key < $1.key }) {
            add(path)
            add(text)
        }
        add(settings.title)
        add(settings.region)
        add(settings.baseURL)
        add(settings.theme)
        add(settings.contentDir)
        add(settings.precompress ? "precompress" : "")
        for (key, value) in settings.vocabularyAliases.sorted(by: { $0.key < $1.key }) { add(key + "=" + value) }
        for (key, value) in settings.departmentCodes.sorted(by: { $0.key < $1.key }) { add(key + "=" + value) }
        buildStamp = Manifest.hex(digest: hasher.finalize())
        self.sources = sources
    }

    /// The running binary's size and modification time: a rebuilt perfsite renders everything again.
    static let executableStamp: String = {
        let path = CommandLine.arguments.first.flatMap { $0.contains("/") ? $0 : nil } ?? "/proc/self/exe"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)-\(modified)"
    }()

    /// The key of one department folder; nil when a source's digest is unknown (render it).
    func key(for entry: SiteDepartment) -> String? {
        var parts = [buildStamp, entry.path, entry.years.map(String.init).joined(separator: ",")]
        var sources = entry.projectTables.map { (role: $0.id, path: $0.table.sourcePath) }
        if let path = entry.department?.sourcePath { sources.append((role: "overall", path: path)) }
        if let path = entry.previous?.sourcePath { sources.append((role: "previous", path: path)) }
        // Roles and digests, never paths: the same tables built from another folder give the same key.
        for source in sources {
            guard let digest = self.sources[source.path] else { return nil }
            parts.append(source.role + ":" + digest)
        }
        return Manifest.hex(Data(parts.joined(separator: "\n").utf8))
    }
}
