import Foundation
import PerfsiteCore
import Synchronization

/// The check results of tables by path and content, for a process that builds again and again
/// (`perfsite serve`): a table whose bytes have not changed since the last build is not read into
/// a model and validated again. Keyed by the SHA-256 of the bytes and by the vocabulary, since
/// perfsite.toml's aliases change what a table's indicators mean.
public final class CheckCache: Sendable {
    private struct Key: Hashable {
        var path: String
        var digest: String
        var vocabulary: String
    }

    private let entries = Mutex<[Key: TableChecker.FileResult]>([:])

    public init() {}

    func result(path: String, digest: String, vocabulary: String) -> TableChecker.FileResult? {
        entries.withLock { $0[Key(path: path, digest: digest, vocabulary: vocabulary)] }
    }

    func store(_ result: TableChecker.FileResult, path: String, digest: String, vocabulary: String) {
        entries.withLock { $0[Key(path: path, digest: digest, vocabulary: vocabulary)] = result }
    }

    /// Forgets tables no longer in the site, so the cache follows the site's size.
    func keep(paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key.path) } }
    }
}
