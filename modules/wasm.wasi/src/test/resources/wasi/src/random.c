// random_get through getentropy: two draws differ and are not all zero.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    unsigned char a[32], b[32], zero[32] = {0};
    if (getentropy(a, sizeof a) != 0 || getentropy(b, sizeof b) != 0) {
        printf("getentropy failed\n");
        return 1;
    }
    printf("got %zu random bytes twice\n", sizeof a);
    printf("draws differ: %s\n", memcmp(a, b, sizeof a) != 0 ? "yes" : "no");
    printf("not all zero: %s\n", memcmp(a, zero, sizeof a) != 0 ? "yes" : "no");
    return 0;
}
