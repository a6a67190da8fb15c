/// A piece of HTML from a table after normalization: sanitized canonical markup for the page and
/// plain text for search, CSV and the printed table. A plain-text cell becomes a fragment whose
/// markup is its escaped text, so templates treat every cell the same way.
public struct Fragment: Sendable, Hashable, Encodable {
    public var html: String
    public var text: String

    public init(html: String, text: String) {
        self.html = html
        self.text = text
    }

    public static let empty = Fragment(html: "", text: "")
}
