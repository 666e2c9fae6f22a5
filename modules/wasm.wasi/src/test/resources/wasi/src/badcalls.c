// Calls every preview1 function wasi-libc declares, each on a descriptor that is not open
// (or with an invalid argument), and prints the errno: no call may crash the runtime.
// Its imports also pin the core wasm signature of every function to wasi-libc's own.
#include <stdio.h>
#include <wasi/api.h>

#define BAD 999
#define SHOW(call) printf("%-28s %d\n", #call, (int) (call))

int main(void) {
    uint8_t buf[64];
    __wasi_size_t n;
    __wasi_filesize_t off;
    __wasi_fd_t fd;
    __wasi_fdstat_t fdstat;
    __wasi_filestat_t filestat;
    __wasi_prestat_t prestat;
    __wasi_iovec_t iov = {buf, sizeof buf};
    __wasi_ciovec_t ciov = {buf, sizeof buf};
    __wasi_timestamp_t t;
    __wasi_event_t event;
    __wasi_roflags_t roflags;

    SHOW(__wasi_clock_res_get(99, &t));
    SHOW(__wasi_clock_time_get(99, 1, &t));
    SHOW(__wasi_fd_advise(BAD, 0, 0, __WASI_ADVICE_NORMAL));
    SHOW(__wasi_fd_allocate(BAD, 0, 1));
    SHOW(__wasi_fd_close(BAD));
    SHOW(__wasi_fd_datasync(BAD));
    SHOW(__wasi_fd_fdstat_get(BAD, &fdstat));
    SHOW(__wasi_fd_fdstat_set_flags(BAD, 0));
    SHOW(__wasi_fd_fdstat_set_rights(BAD, 0, 0));
    SHOW(__wasi_fd_filestat_get(BAD, &filestat));
    SHOW(__wasi_fd_filestat_set_size(BAD, 0));
    SHOW(__wasi_fd_filestat_set_times(BAD, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    SHOW(__wasi_fd_pread(BAD, &iov, 1, 0, &n));
    SHOW(__wasi_fd_prestat_get(BAD, &prestat));
    SHOW(__wasi_fd_prestat_dir_name(BAD, buf, sizeof buf));
    SHOW(__wasi_fd_pwrite(BAD, &ciov, 1, 0, &n));
    SHOW(__wasi_fd_read(BAD, &iov, 1, &n));
    SHOW(__wasi_fd_readdir(BAD, buf, sizeof buf, 0, &n));
    SHOW(__wasi_fd_renumber(BAD, BAD + 1));
    SHOW(__wasi_fd_seek(BAD, 0, __WASI_WHENCE_SET, &off));
    SHOW(__wasi_fd_sync(BAD));
    SHOW(__wasi_fd_tell(BAD, &off));
    SHOW(__wasi_fd_write(BAD, &ciov, 1, &n));
    SHOW(__wasi_path_create_directory(BAD, "d"));
    SHOW(__wasi_path_filestat_get(BAD, 0, "f", &filestat));
    SHOW(__wasi_path_filestat_set_times(BAD, 0, "f", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    SHOW(__wasi_path_link(BAD, 0, "f", BAD, "g"));
    SHOW(__wasi_path_open(BAD, 0, "f", 0, 0, 0, 0, &fd));
    SHOW(__wasi_path_readlink(BAD, "f", buf, sizeof buf, &n));
    SHOW(__wasi_path_remove_directory(BAD, "d"));
    SHOW(__wasi_path_rename(BAD, "f", BAD, "g"));
    SHOW(__wasi_path_symlink("f", BAD, "g"));
    SHOW(__wasi_path_unlink_file(BAD, "f"));
    SHOW(__wasi_poll_oneoff(NULL, &event, 0, &n));
    SHOW(__wasi_sched_yield());
    SHOW(__wasi_random_get(buf, 0));
    SHOW(__wasi_sock_accept(BAD, 0, &fd));
    SHOW(__wasi_sock_recv(BAD, &iov, 1, 0, &n, &roflags));
    SHOW(__wasi_sock_send(BAD, &ciov, 1, 0, &n));
    SHOW(__wasi_sock_shutdown(BAD, __WASI_SDFLAGS_WR));
    return 0;
}
