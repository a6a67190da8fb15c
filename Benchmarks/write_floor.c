// The floor for publishing a site: how long this machine takes to write a folder's files when
// their bytes are already in memory, with one writer thread per core. Benchmarks/build.sh runs it
// on perfsite's output and on Hugo's, so that the time ratio can be read against what writing
// alone costs. (`cp -r` is no floor: it reads every file too, and took 2-3 times longer here.)
//
//   write_floor SOURCE DESTINATION THREADS     prints: files bytes seconds
//
// Written in C because the measure must not carry a runtime's per-file costs: Python's open and
// write cost more per file than the kernel's work for a 4 KB page.
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *path;  // relative to SOURCE
    char *bytes;
    size_t size;
} File;

static File *files;
static size_t count, capacity, total;
static size_t sourceLength;
static const char *destination;
static long threads;

static int collect(const char *path, const struct stat *info, int type, struct FTW *walk) {
    (void)walk;
    if (type != FTW_F) return 0;
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 65536;
        files = realloc(files, capacity * sizeof(File));
        if (!files) { perror("realloc"); exit(1); }
    }
    File file = {strdup(path + sourceLength + 1), malloc(info->st_size + 1), (size_t)info->st_size};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || !file.path || !file.bytes || read(fd, file.bytes, file.size) != (ssize_t)file.size) {
        perror(path);
        exit(1);
    }
    close(fd);
    files[count++] = file;
    total += file.size;
    return 0;
}

// Folders are made when a file's open finds none, as a publisher that knows its tree would.
static void makeParents(char *path) {
    for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = 0;
        mkdir(path, 0755);
        *slash = '/';
    }
}

static void *writeShare(void *argument) {
    char path[8192];
    for (size_t index = (size_t)(long)argument; index < count; index += threads) {
        snprintf(path, sizeof path, "%s/%s", destination, files[index].path);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
            makeParents(path);
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        }
        if (fd < 0) { perror(path); exit(1); }
        for (size_t done = 0; done < files[index].size;) {
            ssize_t written = write(fd, files[index].bytes + done, files[index].size - done);
            if (written <= 0) { perror(path); exit(1); }
            done += (size_t)written;
        }
        close(fd);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: write_floor SOURCE DESTINATION THREADS\n");
        return 2;
    }
    sourceLength = strlen(argv[1]);
    destination = argv[2];
    threads = strtol(argv[3], NULL, 10);
    if (threads < 1 || threads > 256) { fprintf(stderr, "THREADS: 1 to 256\n"); return 2; }
    if (nftw(argv[1], collect, 64, FTW_PHYS) != 0) { perror(argv[1]); return 1; }
    if (mkdir(destination, 0755) != 0) { perror(destination); return 1; }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t workers[256];
    for (long worker = 0; worker < threads; worker++) pthread_create(&workers[worker], NULL, writeShare, (void *)worker);
    for (long worker = 0; worker < threads; worker++) pthread_join(workers[worker], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%zu %zu %.6f\n", count, total, (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
