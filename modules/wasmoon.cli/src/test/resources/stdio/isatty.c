// What the standard streams are: isatty() and the fd_fdstat_get file type of fds 0, 1 and 2,
// one line each; run with a terminal, a pipe and a file to see that they match the host.
#include <stdio.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    for (int fd = 0; fd <= 2; fd++) {
        __wasi_fdstat_t st;
        __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
        printf("fd %d: isatty=%d filetype=%d errno=%d\n", fd, isatty(fd), e == 0 ? st.fs_filetype : -1, e);
    }
    return 0;
}
