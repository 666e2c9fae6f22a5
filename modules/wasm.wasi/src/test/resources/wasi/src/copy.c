// Copies argv[1] to argv[2] with read/write in small chunks, then reads the copy back.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: copy FROM TO\n");
        return 2;
    }
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        printf("open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        printf("create %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    char buf[7];
    long total = 0;
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        if (write(out, buf, (size_t) n) != n) {
            printf("write: %s\n", strerror(errno));
            return 1;
        }
        total += n;
    }
    close(in);
    close(out);
    printf("copied %ld bytes\n", total);
    FILE *f = fopen(argv[2], "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        printf("| %s", line);
    }
    if (f) {
        fclose(f);
    }
    return 0;
}
