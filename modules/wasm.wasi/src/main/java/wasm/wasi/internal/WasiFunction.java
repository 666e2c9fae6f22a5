package wasm.wasi.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wasm.core.model.FuncType;
import wasm.core.model.ValType;

/**
 * Every function of {@code wasi_snapshot_preview1}, declared once as data: its
 * import name and its core wasm signature (from the preview1 witx, lowered the
 * way wasi-libc imports it). Signatures are written compactly: {@code i} is
 * i32, {@code I} is i64.
 */
public enum WasiFunction {
    ARGS_GET("args_get", "ii", "i"),
    ARGS_SIZES_GET("args_sizes_get", "ii", "i"),
    ENVIRON_GET("environ_get", "ii", "i"),
    ENVIRON_SIZES_GET("environ_sizes_get", "ii", "i"),
    CLOCK_RES_GET("clock_res_get", "ii", "i"),
    CLOCK_TIME_GET("clock_time_get", "iIi", "i"),
    FD_ADVISE("fd_advise", "iIIi", "i"),
    FD_ALLOCATE("fd_allocate", "iII", "i"),
    FD_CLOSE("fd_close", "i", "i"),
    FD_DATASYNC("fd_datasync", "i", "i"),
    FD_FDSTAT_GET("fd_fdstat_get", "ii", "i"),
    FD_FDSTAT_SET_FLAGS("fd_fdstat_set_flags", "ii", "i"),
    FD_FDSTAT_SET_RIGHTS("fd_fdstat_set_rights", "iII", "i"),
    FD_FILESTAT_GET("fd_filestat_get", "ii", "i"),
    FD_FILESTAT_SET_SIZE("fd_filestat_set_size", "iI", "i"),
    FD_FILESTAT_SET_TIMES("fd_filestat_set_times", "iIIi", "i"),
    FD_PREAD("fd_pread", "iiiIi", "i"),
    FD_PRESTAT_GET("fd_prestat_get", "ii", "i"),
    FD_PRESTAT_DIR_NAME("fd_prestat_dir_name", "iii", "i"),
    FD_PWRITE("fd_pwrite", "iiiIi", "i"),
    FD_READ("fd_read", "iiii", "i"),
    FD_READDIR("fd_readdir", "iiiIi", "i"),
    FD_RENUMBER("fd_renumber", "ii", "i"),
    FD_SEEK("fd_seek", "iIii", "i"),
    FD_SYNC("fd_sync", "i", "i"),
    FD_TELL("fd_tell", "ii", "i"),
    FD_WRITE("fd_write", "iiii", "i"),
    PATH_CREATE_DIRECTORY("path_create_directory", "iii", "i"),
    PATH_FILESTAT_GET("path_filestat_get", "iiiii", "i"),
    PATH_FILESTAT_SET_TIMES("path_filestat_set_times", "iiiiIIi", "i"),
    PATH_LINK("path_link", "iiiiiii", "i"),
    PATH_OPEN("path_open", "iiiiiIIii", "i"),
    PATH_READLINK("path_readlink", "iiiiii", "i"),
    PATH_REMOVE_DIRECTORY("path_remove_directory", "iii", "i"),
    PATH_RENAME("path_rename", "iiiiii", "i"),
    PATH_SYMLINK("path_symlink", "iiiii", "i"),
    PATH_UNLINK_FILE("path_unlink_file", "iii", "i"),
    POLL_ONEOFF("poll_oneoff", "iiii", "i"),
    PROC_EXIT("proc_exit", "i", ""),
    PROC_RAISE("proc_raise", "i", "i"),
    SCHED_YIELD("sched_yield", "", "i"),
    RANDOM_GET("random_get", "ii", "i"),
    SOCK_ACCEPT("sock_accept", "iii", "i"),
    SOCK_RECV("sock_recv", "iiiiii", "i"),
    SOCK_SEND("sock_send", "iiiii", "i"),
    SOCK_SHUTDOWN("sock_shutdown", "ii", "i");

    private static final Map<String, WasiFunction> BY_NAME = index();

    private static Map<String, WasiFunction> index() {
        Map<String, WasiFunction> byName = new HashMap<>();
        for (WasiFunction f : values()) {
            byName.put(f.importName, f);
        }
        return Map.copyOf(byName);
    }

    private final String importName;
    private final FuncType type;

    WasiFunction(String importName, String params, String results) {
        this.importName = importName;
        this.type = new FuncType(types(params), types(results));
    }

    private static List<ValType> types(String spec) {
        List<ValType> list = new ArrayList<>();
        for (char c : spec.toCharArray()) {
            list.add(c == 'I' ? ValType.I64 : ValType.I32);
        }
        return list;
    }

    public String importName() {
        return importName;
    }

    public FuncType type() {
        return type;
    }

    /** The function imported as {@code wasi_snapshot_preview1.name}, or null. */
    public static WasiFunction byName(String name) {
        return BY_NAME.get(name);
    }
}
