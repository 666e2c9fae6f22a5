// mkdir, rename, stat, unlink, rmdir and attempts to leave the sandbox, printing each errno name.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *err(int r) {
    if (r == 0) {
        return "ok";
    }
    switch (errno) {
        case ENOENT: return "ENOENT";
        case EEXIST: return "EEXIST";
        case ENOTEMPTY: return "ENOTEMPTY";
        case ENOTDIR: return "ENOTDIR";
        case EISDIR: return "EISDIR";
        case ENOTCAPABLE: return "ENOTCAPABLE";
        case EPERM: return "EPERM";
        case EACCES: return "EACCES";
        default: return strerror(errno);
    }
}

int main(void) {
    printf("mkdir d: %s\n", err(mkdir("/sandbox/d", 0755)));
    printf("mkdir d again: %s\n", err(mkdir("/sandbox/d", 0755)));
    int fd = open("/sandbox/d/f.txt", O_WRONLY | O_CREAT, 0644);
    printf("create d/f.txt: %s\n", fd >= 0 ? "ok" : err(-1));
    write(fd, "12345", 5);
    close(fd);
    struct stat st;
    printf("stat d/f.txt: %s size=%lld\n", err(stat("/sandbox/d/f.txt", &st)), (long long) st.st_size);
    printf("rename to g.txt: %s\n", err(rename("/sandbox/d/f.txt", "/sandbox/d/g.txt")));
    printf("stat old name: %s\n", err(stat("/sandbox/d/f.txt", &st)));
    printf("rmdir non-empty: %s\n", err(rmdir("/sandbox/d")));
    printf("unlink g.txt: %s\n", err(unlink("/sandbox/d/g.txt")));
    printf("rmdir d: %s\n", err(rmdir("/sandbox/d")));
    printf("open /etc/passwd: %s\n", err(open("/etc/passwd", O_RDONLY) >= 0 ? 0 : -1));
    return 0;
}
