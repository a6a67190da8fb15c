import Foundation
import PerfsiteCore

/// What the open pages need to know after each build: whether it published, and if not, why.
/// It travels to them as JSON in a Server-Sent Event, and the error page is drawn from it.
public struct PreviewStatus: Sendable, Encodable, Equatable {
    /// Changes exactly when a build publishes: a page seeing a new version reloads. It includes the
    /// server's start time, so that a page reconnecting to a restarted server reloads too.
    public var version: String
    /// True when the last build published; false when it stopped (the previous pages are served).
    public var ok: Bool
    /// Whether any build has published yet: until then there are no pages to serve.
    public var hasSite: Bool
    /// One line about the build, in Chinese, for the overlay's heading and the terminal.
    public var summary: String
    /// Errors first, then warnings, in file order.
    public var diagnostics: [Entry]
    /// A failure that is not about a cell: a theme or settings error, a full disk.
    public var failure: String?

    public struct Entry: Sendable, Encodable, Equatable {
        public var location: String
        public var severity: String
        public var rule: String
        public var message: String

        public init(_ diagnostic: Diagnostic) {
            location = diagnostic.location.description
            severity = diagnostic.severity.rawValue
            rule = diagnostic.rule.id
            message = diagnostic.message
        }
    }

    public init(
        version: String, ok: Bool, hasSite: Bool, summary: String, diagnostics: [Diagnostic] = [],
        failure: String? = nil
    ) {
        self.version = version
        self.ok = ok
        self.hasSite = hasSite
        self.summary = summary
        let ordered = diagnostics.sorted {
            ($0.severity == .error ? 0 : 1, $0.location) < ($1.severity == .error ? 0 : 1, $1.location)
        }
        self.diagnostics = ordered.map(Entry.init)
        self.failure = failure
    }

    /// Before the first build has finished.
    public static func starting(version: String) -> PreviewStatus {
        PreviewStatus(version: version, ok: true, hasSite: false, summary: "正在构建……")
    }

    /// The status as one Server-Sent Event.
    public var event: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: status\ndata: \(json)\n\n"
    }
}
