/// Where a build puts the site's files. Two ways, chosen by `SiteBuilder`:
/// - `StagingFolder` assembles the whole new site beside Public/ and swaps it in with one rename:
///   Public/ is always one complete site, at a cost that grows with the number of files (every
///   unchanged file is linked into the new folder).
/// - `InPlaceFolder` writes only the files whose bytes changed straight into Public/: a cost that
///   grows with the change, not the site, for previews and very large sites.
protocol PublishTarget: AnyObject, Sendable {
    /// Keeps files of the previous site as they are, for a department (or a search shard) that
    /// needs no rendering: the entries of the previous manifest in `range`. False when one of
    /// them is gone: the caller writes them all instead.
    func reuse(previous range: Range<Int>) throws(PublishError) -> Bool
    /// Publishes one file (unless the same bytes are already there). `digest` is its SHA-256: a
    /// file the previous manifest lists with the same digest and size is taken as unchanged
    /// without reading it — the same trust `reuse` puts in the manifest. Safe from several threads.
    func write(_ file: OutputFile, digest: FileDigest) throws(PublishError)
    /// Starts a file made piece by piece (`StreamedFile`), hashed unless `hashed` is false.
    func beginStream(_ path: String, hashed: Bool) throws(PublishError) -> StreamedFile
    /// Publishes a streamed file once complete and returns its digest (nil if not hashed).
    /// Unchanged means the previous manifest lists the same digest and size, or, for a file it
    /// does not list, the same bytes on disk.
    func finishStream(_ stream: StreamedFile) throws(PublishError) -> FileDigest?
    /// Where a file written this build is on disk now (to read it back for its `.gz`).
    func writtenPath(of path: String) -> String
    /// Makes the written files the published site.
    func commit(removeOldLater: Bool) throws(PublishError)
    /// Gives up after a failure.
    func discard()
    var counts: (written: Int, unchanged: Int) { get }
}

extension PublishTarget {
    func beginStream(_ path: String) throws(PublishError) -> StreamedFile { try beginStream(path, hashed: true) }
}

extension StagingFolder: PublishTarget {}
