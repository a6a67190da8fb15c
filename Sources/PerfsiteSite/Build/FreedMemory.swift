import CPosixShims

/// Hands memory freed by one stage of a build back to the system before the next: glibc keeps
/// freed blocks in each thread's arena, and after the check (all tables read on all cores) and
/// after the pages those were tens of megabytes of resident memory that nothing used.
enum FreedMemory {
    /// Tables checked or departments rendered below which a stage is not followed by a release.
    /// A one-table rebuild at 1,000 departments frees little, and its four `malloc_trim`s took
    /// 2-11 ms of its main thread (LD_PRELOAD timing, 0.15-0.25 s rebuilds), besides the page
    /// faults of taking the pages back.
    static let worthwhileWork = 64

    static func release() { _ = perfsite_release_freed_memory() }

    /// Releases when a stage did at least `worthwhileWork` tables' or departments' work.
    static func release(afterWork count: Int) {
        if count >= worthwhileWork { release() }
    }
}
