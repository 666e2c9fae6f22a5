// Lists a directory (fd_readdir), sorted by name, skipping "." and "..", with a type letter.
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : ".";
    DIR *d = opendir(path);
    if (d == NULL) {
        printf("opendir %s: %s\n", path, strerror(errno));
        return 1;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        char type = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
        names[n] = malloc(strlen(e->d_name) + 3);
        sprintf(names[n], "%c %s", type, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    printf("%d entries in %s\n", n, path);
    for (int i = 0; i < n; i++) {
        printf("%s\n", names[i]);
    }
    return 0;
}
