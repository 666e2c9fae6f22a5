// Echoes argv and the environment in order (args_get, environ_get).
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    for (char **e = environ; *e != NULL; e++) {
        printf("env %s\n", *e);
    }
    const char *greeting = getenv("GREETING");
    printf("GREETING is %s\n", greeting ? greeting : "(unset)");
    return 0;
}
