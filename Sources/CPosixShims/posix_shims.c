#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "posix_shims.h"

int perfsite_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int perfsite_sync_file_system(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
#if defined(__linux__)
    int result = syncfs(fd);
#else
    sync();
    int result = 0;
#endif
    close(fd);
    return result;
}

#include <dirent.h>
#include <string.h>

/* Removes `name` inside the open folder `parent`: a file or link with one unlinkat, a folder by
   emptying it first. Everything relative to open folders and typed by readdir's d_type, so an
   entry costs one system call: nftw, used before, also lstat'ed every entry and walked its whole
   path, and removing a 400,000-file site took as long as building it again after a one-table
   edit. Entries are removed while the folder is read, as rm -r does; POSIX leaves unspecified
   only whether a removed entry is still returned, but a folder found not empty at the end is
   read once more. */
static int remove_at(int parent, const char *name, unsigned char type);

static int empty_folder(int parent, const char *name) {
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    DIR *folder = fdopendir(fd);
    if (folder == NULL) {
        close(fd);
        return -1;
    }
    int result = 0;
    for (;;) {
        errno = 0;
        struct dirent *entry = readdir(folder);
        if (entry == NULL) {
            if (errno != 0) result = -1;
            break;
        }
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        if (remove_at(dirfd(folder), entry->d_name, entry->d_type) != 0) result = -1;
    }
    closedir(folder);
    return result;
}

static int remove_at(int parent, const char *name, unsigned char type) {
    if (type != DT_DIR && type != DT_UNKNOWN) return unlinkat(parent, name, 0);
    if (type == DT_UNKNOWN && unlinkat(parent, name, 0) == 0) return 0;
    if (type == DT_UNKNOWN && errno != EISDIR && errno != EPERM) return -1;
    for (int pass = 0; pass < 2; pass++) {
        if (empty_folder(parent, name) != 0) return -1;
        if (unlinkat(parent, name, AT_REMOVEDIR) == 0) return 0;
        if (errno != ENOTEMPTY && errno != EEXIST) return -1;
    }
    return -1;
}

int perfsite_remove_tree(const char *path) {
    return remove_at(AT_FDCWD, path, DT_UNKNOWN);
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int perfsite_release_freed_memory(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

long perfsite_copy_file_range(int source, long offset, int destination, unsigned long count) {
#if defined(__linux__)
    off_t from = offset;
    return (long)copy_file_range(source, &from, destination, NULL, count, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}
