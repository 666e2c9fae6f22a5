// Writes to a closed and to a never-opened descriptor: both fail with EBADF, nothing crashes.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/sandbox/closed.txt";
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        printf("open: %s\n", strerror(errno));
        return 1;
    }
    printf("write before close: %zd\n", write(fd, "ok\n", 3));
    close(fd);
    errno = 0;
    ssize_t r = write(fd, "late\n", 5);
    printf("write after close: %zd, EBADF: %s\n", r, errno == EBADF ? "yes" : "no");
    errno = 0;
    r = write(77, "never\n", 6);
    printf("write to fd 77: %zd, EBADF: %s\n", r, errno == EBADF ? "yes" : "no");
    return 0;
}
