// path_open's flag outcomes (O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY with each access mode) on
// an existing file, a missing one, a directory and a symlink, plus reading and writing the
// descriptors that result: every line must read the same under node's WASI and wasmoon's
// (read and write on a descriptor without the right print EBADF: wasi-libc turns the
// ENOTCAPABLE of fd_read/fd_write into EBADF).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *name(int e) {
    switch (e) {
        case 0: return "ok";
        case ENOENT: return "ENOENT";
        case EEXIST: return "EEXIST";
        case EISDIR: return "EISDIR";
        case ENOTDIR: return "ENOTDIR";
        case EINVAL: return "EINVAL";
        case EACCES: return "EACCES";
        case EPERM: return "EPERM";
        case EBADF: return "EBADF";
        case ELOOP: return "ELOOP";
        case ENOTCAPABLE: return "ENOTCAPABLE";
        case ESPIPE: return "ESPIPE";
        default: return strerror(e);
    }
}

static void attempt(const char *path, int flags, const char *label) {
    errno = 0;
    int fd = open(path, flags, 0644);
    if (fd < 0) {
        printf("%-28s %-40s -> %s\n", path, label, name(errno));
        return;
    }
    struct stat st;
    fstat(fd, &st);
    char buf[8];
    errno = 0;
    ssize_t r = read(fd, buf, sizeof buf);
    int readErr = r < 0 ? errno : 0;
    errno = 0;
    ssize_t w = write(fd, "W", 1);
    int writeErr = w < 0 ? errno : 0;
    printf("%-28s %-40s -> ok %s size=%lld read=%s write=%s\n", path, label,
           S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other", (long long) st.st_size,
           r >= 0 ? "ok" : name(readErr), w >= 0 ? "ok" : name(writeErr));
    close(fd);
}

#define TRY(path, flags) attempt(path, flags, #flags)

int main(void) {
    const int modes[] = {O_RDONLY, O_WRONLY, O_RDWR};
    const char *modeNames[] = {"O_RDONLY", "O_WRONLY", "O_RDWR"};
    const int extras[] = {0, O_CREAT, O_CREAT | O_EXCL, O_TRUNC, O_CREAT | O_TRUNC, O_DIRECTORY, O_CREAT | O_DIRECTORY};
    const char *extraNames[] = {"", "|O_CREAT", "|O_CREAT|O_EXCL", "|O_TRUNC", "|O_CREAT|O_TRUNC", "|O_DIRECTORY",
                                "|O_CREAT|O_DIRECTORY"};
    int created = 0;
    for (int m = 0; m < 3; m++) {
        for (int x = 0; x < 7; x++) {
            char label[64];
            snprintf(label, sizeof label, "%s%s", modeNames[m], extraNames[x]);
            int flags = modes[m] | extras[x];
            // A fresh copy of the existing file for each attempt, so O_TRUNC shows.
            char file[64];
            snprintf(file, sizeof file, "/sandbox/po-%d.txt", created++);
            int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) {
                write(fd, "hello", 5);
                close(fd);
            }
            attempt(file, flags, label);
            char missing[64];
            snprintf(missing, sizeof missing, "/sandbox/missing-%d.txt", m * 7 + x);
            attempt(missing, flags, label);
            attempt("/sandbox/sub", flags, label);
        }
    }
    symlink("po-0.txt", "/sandbox/link-to-file");
    TRY("/sandbox/link-to-file", O_RDONLY);
    // (O_NOFOLLOW is left out: node's uvwasi opens through the final symlink anyway, where
    // wasmoon, like open(2) and wasmtime, answers ELOOP.)
    TRY("/sandbox/link-to-file", O_RDONLY | O_DIRECTORY);
    TRY("/sandbox/link-to-file", O_WRONLY | O_CREAT | O_EXCL);
    TRY("/sandbox/po-0.txt/", O_RDONLY);
    TRY("/sandbox/sub/", O_RDONLY);
    TRY("/sandbox/new-dir/", O_RDONLY | O_CREAT);
    TRY("/sandbox/", O_RDONLY);
    return 0;
}
