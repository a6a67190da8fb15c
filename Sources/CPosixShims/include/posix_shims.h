#ifndef PERFSITE_POSIX_SHIMS_H
#define PERFSITE_POSIX_SHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set otherwise (ENOSYS or EINVAL where the kernel or file system lacks it).
int perfsite_exchange_paths(const char *first, const char *second);

/// Flushes the file system holding `path` to disk (Linux syncfs). Returns 0 on success.
int perfsite_sync_file_system(const char *path);

/// Removes a folder (or a file) and everything in it, without following symlinks, depth first,
/// with one system call per entry. Returns 0 on success, -1 when some entry could not be removed.
/// Foundation's removeItem stats every entry several times and was most of the time of
/// publishing a 40,000-file site. Safe to call from several threads on different trees.
int perfsite_remove_tree(const char *path);

/// Returns memory the allocator holds free to the system (glibc malloc_trim); 0 elsewhere.
int perfsite_release_freed_memory(void);

/// Copies `count` bytes of the file open as `source`, from `offset`, to where the file open as
/// `destination` is, in the kernel (Linux copy_file_range; a reflink where the file system shares
/// blocks). Returns the bytes copied (fewer when the source ends first), or -1 with errno set:
/// ENOSYS, EXDEV, EINVAL or EOPNOTSUPP where the kernel or file system cannot, and the caller
/// copies through a buffer instead.
long perfsite_copy_file_range(int source, long offset, int destination, unsigned long count);

#endif
