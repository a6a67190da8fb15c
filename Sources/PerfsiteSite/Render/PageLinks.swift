/// Relative links between pages, so the published folder works from any sub-path and from a plain
/// file server: a page at `2026/d1/3/` reaches the site root as `../../../`.
struct PageLinks: Sendable {
    /// The page's folder relative to the site root (`""` for the home page, `2026/d1/` for a department).
    let folder: String

    /// The prefix that leads from this page to the site root.
    var root: String {
        String(repeating: "../", count: folder.split(separator: "/").count)
    }

    /// A link to a site path (a folder ending in `/`, or a file).
    func to(_ sitePath: String) -> String {
        let link = root + sitePath
        return link.isEmpty ? "./" : link
    }
}
