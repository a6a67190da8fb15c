/// An HTML tree in Swift values. libxml2 parses; this is what its tree is copied into, so that
/// sanitizing and serializing are plain Swift and no libxml2 pointer outlives the parse.
public indirect enum HTMLNode: Sendable, Hashable {
    case element(name: String, attributes: [HTMLAttribute], children: [HTMLNode])
    case text(String)
    case comment(String)
}

public struct HTMLAttribute: Sendable, Hashable {
    public var name: String
    /// The decoded value, as the browser would see it (entities resolved).
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
