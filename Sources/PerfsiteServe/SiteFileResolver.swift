import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Maps a request path to a file inside the published folder, and nothing outside it: the preview
/// server (issue 6) answers from here. Decoding happens once, then the decoded path is judged —
/// `%2e%2e`, `..`, backslashes, NUL and symlinks that lead out of the folder are all refused — so
/// no spelling of a path reaches a file the site does not publish.
public struct SiteFileResolver: Sendable {
    public let root: URL

    private let rootPath: String

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
        rootPath = self.root.path
    }

    public enum Resolution: Sendable, Equatable {
        /// A file to send, with its content type.
        case file(URL, contentType: String)
        /// A folder asked for without its trailing slash: redirect so relative links resolve.
        case redirect(String)
        /// Nothing at that path (the site's 404.html is sent with status 404).
        case notFound
        /// A path no site file can have (traversal, NUL, backslash, bad encoding): status 400.
        case rejected
    }

    public func resolve(_ target: String) -> Resolution {
        let pathPart =
            target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard pathPart.hasPrefix("/"), let decoded = pathPart.removingPercentEncoding else { return .rejected }
        if decoded.contains("\\") || decoded.contains("\u{0}") { return .rejected }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .rejected }
        // Plain paths and POSIX calls: URL's path operations stat and allocate far more, and this
        // runs for every request (it was 44% of the server's time under load).
        var candidate = rootPath
        for segment in segments { candidate += "/" + segment }
        var info = stat()
        guard stat(candidate, &info) == 0 else { return .notFound }
        if info.st_mode & S_IFMT == S_IFDIR {
            guard decoded.hasSuffix("/") else { return .redirect(pathPart + "/") }
            candidate += "/index.html"
            guard stat(candidate, &info) == 0 else { return .notFound }
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notFound }
        // A symlink inside the site may not lead out of it.
        guard let resolved = realpath(candidate, nil) else { return .notFound }
        let real = String(cString: resolved)
        free(resolved)
        guard real.hasPrefix(rootPath + "/") else { return .notFound }
        let name = real[real.index(after: real.lastIndex(of: "/")!)...]
        let pathExtension = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
        return .file(URL(fileURLWithPath: real), contentType: Self.contentType(forExtension: pathExtension))
    }

    /// Content types of what perfsite publishes; text types carry `charset=utf-8`.
    public static func contentType(forExtension pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml; charset=utf-8"
        case "png": "image/png"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "gz": "application/gzip"
        default: "application/octet-stream"
        }
    }

    /// A strong ETag from the file's size and modification time (nanoseconds): cheap, and it changes
    /// whenever a build rewrites the file, while hard-linked unchanged files keep theirs.
    public static func entityTag(for url: URL) -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return "\"\(String(info.st_size, radix: 16))-\(String(modified, radix: 16))\""
    }
}
