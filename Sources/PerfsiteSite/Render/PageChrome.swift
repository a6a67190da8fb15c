/// What every page's layout shows: the site title, the breadcrumbs, and the links to the assets.
/// Templates read it inside `{{#chrome}}`; page fields stay reachable through the context stack.
struct PageChrome: Sendable {
    struct Crumb: Sendable {
        var title: String
        var href: String?
    }

    var siteTitle: String
    var region: String?
    var pageTitle: String
    var root: String
    var home: String
    var stylesheet: String
    var script: String
    var favicon: String
    /// Only the search page loads the search script.
    var searchScript: String?
    /// `print-view` on printable tables, for the print stylesheet.
    var bodyClass: String?
    var csp: String
    var breadcrumbs: [Crumb]
    /// Stored, not computed: Mustache reads values through reflection, which sees stored properties only.
    var hasBreadcrumbs: Bool

    /// Everything the pages do not use is forbidden: no inline script or style, no other host, no
    /// plugins, no frames. `connect-src 'self'` is for the search index.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'"
}
