import CPosixShims

/// Hands memory freed by one stage of a build back to the system before the next: glibc keeps
/// freed blocks in each thread's arena, and after the check (all tables read on all cores) and
/// after the pages those were tens of megabytes of resident memory that nothing used.
enum FreedMemory {
    static func release() { _ = perfsite_release_freed_memory() }
}
