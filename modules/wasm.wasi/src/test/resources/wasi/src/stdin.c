// Reads stdin to the end (fd_read on stream 0) and reports it upper-cased with counts.
#include <ctype.h>
#include <stdio.h>

int main(void) {
    int c;
    long bytes = 0;
    long lines = 0;
    while ((c = getchar()) != EOF) {
        bytes++;
        if (c == '\n') {
            lines++;
        }
        putchar(toupper(c));
    }
    printf("-- %ld bytes, %ld lines from stdin\n", bytes, lines);
    return 0;
}
