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
    ///
    /// Asked of the file the process runs, links followed (`stat` of /proc/self/exe), never of the
    /// name it was started by. FileManager's attributes are a link's own: for `perfsite` found on
    /// PATH they were those of /proc/self/exe, whose time is the moment it is asked, so every
    /// build of an installed perfsite missed the cache and rendered the whole site; and through a
    /// symlink to the binary, a new binary behind it would have kept the old pages.
    ///
    /// The binary's path is asked of /proc/self/exe with readlink, which valgrind answers with the
    /// path of the program it runs (a `stat` of the link itself there reaches valgrind's own tool):
    /// `Benchmarks/ab.sh rebuild-instructions` rebuilds under callgrind a site built without it.
    static let executableStamp: String = {
        var info = stat()
        var target = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = target.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { readlink("/proc/self/exe", $0.baseAddress!, Int(PATH_MAX)) }
        }
        let running = length > 0 ? String(decoding: target[..<length], as: UTF8.self) : nil
        let candidates: [String?] = [
            running, "/proc/self/exe", Bundle.main.executablePath, CommandLine.arguments.first,
        ]
        for path in candidates {
            if let path, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            }
        }
        return "unknown"
    }()

    /// The key of one department folder; nil when a source's digest is unknown (render it).
    ///
    /// The SHA-256 of its parts joined by newlines, fed to the hasher part by part: every
    /// department's key is asked at every build, and joining an array of strings into `Data` for
    /// each had been 1.5% of a one-table rebuild's samples at 1,000 departments (perf).
    func key(for entry: SiteDepartment) -> String? {
        var hasher = SHA256()
        func add(_ text: String, separated: Bool = true) {
            if separated { hasher.update(data: Self.newline) }
            var text = text
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        add(buildStamp, separated: false)
        add(entry.path)
        add(entry.years.map(String.init).joined(separator: ","))
        // Roles and digests, never paths: the same tables built from another folder give the same key.
        func addSource(role: String, path: String) -> Bool {
            guard let digest = sources[path] else { return false }
            add(role + ":" + digest)
            return true
        }
        for placed in entry.projectTables {
            guard addSource(role: placed.id, path: placed.table.sourcePath) else { return nil }
        }
        if let path = entry.department?.sourcePath, !addSource(role: "overall", path: path) { return nil }
        if let path = entry.previous?.sourcePath, !addSource(role: "previous", path: path) { return nil }
        return Manifest.hex(digest: hasher.finalize())
    }

    private static let newline: [UInt8] = [0x0A]

    /// The key of the site-wide pages (`SiteRenderer.renderSitePages`): the build stamp (binary,
    /// theme, settings) and, year by year and department by department, what the home page, the
    /// year pages and the sitemap show of each — its address, name, whether it has an overall
    /// table, its total and 项目支出, and its task and project-table folders (the task count is
    /// theirs). A rebuild whose key is the previous build's keeps those pages as they are: an
    /// edit to a task's text or indicators leaves the listings as they were, and rendering them
    /// again (1,000 departments listed twice, a sitemap of 30,000 addresses) was 5% of a
    /// one-table rebuild's time at 1,000 departments.
    ///
    /// Whatever those pages come to show of a department must be added here too:
    /// `IncrementalBuildTests` edits each of these inputs and compares the site with a full build.
    func sitePagesKey(_ site: Site) -> String {
        var bytes: [UInt8] = []
        func add(_ number: Int64) { withUnsafeBytes(of: number.littleEndian) { bytes += $0 } }
        func add(_ text: String) {
            add(Int64(text.utf8.count))
            bytes += text.utf8
        }
        func add(_ amount: Amount?) {
            guard let amount else { return add(-1) }
            add(amount.fen)
            add(amount.unit.rawValue)
        }
        add("site pages")
        add(buildStamp)
        for year in site.years {
            add(Int64(year.year))
            add(Int64(year.departments.count))
            for entry in year.departments {
                add(entry.path)
                add(entry.name)
                if let department = entry.department {
                    add(department.budget.expenditureTotal)
                    add(department.budget.project?.value ?? Amount(fen: 0, unit: department.budget.unit))
                    add(Int64(department.projects.count))
                    for index in department.projects.indices { add(Int64(department.taskNumber(index))) }
                } else {
                    add(nil)
                }
                add(Int64(entry.projectTables.count))
                for placed in entry.projectTables { add(placed.folder) }
            }
        }
        return Manifest.hex(digest: SHA256.hash(data: bytes))
    }
}
