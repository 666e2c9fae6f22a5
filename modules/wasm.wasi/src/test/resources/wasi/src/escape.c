// Tries every way out of /sandbox we know; each must fail (ENOTCAPABLE) and change nothing outside.
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
        case EACCES: return "EACCES";
        case ELOOP: return "ELOOP";
        default: return strerror(errno);
    }
}

int main(void) {
    struct stat st;
    printf("open ../etc/passwd: %s\n", result(open("/sandbox/../etc/passwd", O_RDONLY) >= 0));
    printf("create sub/../../x: %s\n", result(open("/sandbox/sub/../../x", O_WRONLY | O_CREAT, 0644) >= 0));
    printf("stat ../: %s\n", result(stat("/sandbox/..", &st) == 0));
    printf("mkdir ../newdir: %s\n", result(mkdir("/sandbox/../newdir", 0755) == 0));
    printf("rename out: %s\n", result(rename("/sandbox/input.txt", "/sandbox/../stolen.txt") == 0));
    printf("input.txt still there: %s\n", result(stat("/sandbox/input.txt", &st) == 0));
    printf("unlink ../x: %s\n", result(unlink("/sandbox/../x") == 0));
    printf("open /etc/passwd: %s\n", result(open("/etc/passwd", O_RDONLY) >= 0));
    return 0;
}
