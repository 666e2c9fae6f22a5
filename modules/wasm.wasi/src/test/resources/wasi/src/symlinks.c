// Symlinks inside /sandbox work; ones whose target leaves the sandbox cannot be made or used.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *result(int ok) {
    if (ok) {
        return "ok";
    }
    switch (errno) {
        case ENOTCAPABLE: return "ENOTCAPABLE";
        case ENOENT: return "ENOENT";
        case EPERM: return "EPERM";
        case EEXIST: return "EEXIST";
        case ELOOP: return "ELOOP";
        default: return strerror(errno);
    }
}

int main(void) {
    char buf[64];
    printf("symlink in -> input.txt: %s\n", result(symlink("input.txt", "/sandbox/in") == 0));
    ssize_t n = readlink("/sandbox/in", buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("readlink in: %s (%s)\n", result(n >= 0), buf);
    int fd = open("/sandbox/in", O_RDONLY);
    n = fd >= 0 ? read(fd, buf, 10) : -1;
    buf[n < 0 ? 0 : n] = 0;
    printf("read through in: %s \"%s\"\n", result(n >= 0), buf);
    struct stat st;
    printf("lstat in is a link: %s\n", lstat("/sandbox/in", &st) == 0 && S_ISLNK(st.st_mode) ? "yes" : "no");
    // (O_NOFOLLOW on a link is ELOOP here, as in POSIX and wasmtime; node's uvwasi opens the target.)
    printf("symlink out -> ../..: %s\n", result(symlink("../..", "/sandbox/out") == 0));
    printf("open out/etc/passwd: %s\n", result(open("/sandbox/out/etc/passwd", O_RDONLY) >= 0));
    // Refused either way; the errno differs: wasmoon ENOTCAPABLE (the escape answer), node EPERM.
    printf("symlink abs -> /etc refused: %s\n", symlink("/etc", "/sandbox/abs") != 0 ? "yes" : "no");
    printf("open abs/passwd: %s\n", result(open("/sandbox/abs/passwd", O_RDONLY) >= 0));
    printf("unlink in: %s\n", result(unlink("/sandbox/in") == 0));
    printf("input.txt kept: %s\n", result(stat("/sandbox/input.txt", &st) == 0));
    return 0;
}
