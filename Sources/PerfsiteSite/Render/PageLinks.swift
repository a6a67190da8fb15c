/// Relative links between pages, so the published folder works from any sub-path and from a plain
/// file server: a page at `2026/d1/3/` reaches the site root as `../../../`.
struct PageLinks: Sendable {
    /// The page's folder relative to the site root (`""` for the home page, `2026/d1/` for a department).
    let folder: String
    /// The prefix that leads from this page to the site root. Counted once: every link of a page
    /// starts with it, and pages have several.
    let root: String

    init(folder: String) {
        self.folder = folder
        root = String(repeating: "../", count: folder.utf8.split(separator: UInt8(ascii: "/")).count)
    }

    /// A link to a site path (a folder ending in `/`, or a file).
    func to(_ sitePath: String) -> String {
        let link = root + sitePath
        return link.isEmpty ? "./" : link
    }
}
