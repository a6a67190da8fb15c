#ifndef PERFSITE_POSIX_SHIMS_H
#define PERFSITE_POSIX_SHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set otherwise (ENOSYS or EINVAL where the kernel or file system lacks it).
int perfsite_exchange_paths(const char *first, const char *second);

/// Flushes the file system holding `path` to disk (Linux syncfs). Returns 0 on success.
int perfsite_sync_file_system(const char *path);

#endif
