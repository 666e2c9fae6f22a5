;; A WASI guest for RunWasiOptionsTest: prints its environment block (entries
;; joined by '\n'), then, when fd 3 is a preopened directory, its guest name and
;; the contents of hello.txt inside it, then exits with proc_exit(7).
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; 0: env count, 4: env bytes, 8: iovec, 16: nwritten, 24: prestat, 40: opened fd, 44: nread,
  ;; 64: "hello.txt", 80: "\n", 128: environ pointers, 512: preopen name, 1024: env bytes, 2048: file
  (data (i32.const 64) "hello.txt")
  (data (i32.const 80) "\n")

  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 8) (local.get $ptr))
    (i32.store (i32.const 12) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16))))

  (func $newline (call $write (i32.const 80) (i32.const 1)))

  (func (export "_start")
    (local $i i32) (local $end i32)
    ;; The environment: "K=V\0K=V\0" with each NUL printed as a newline.
    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $environ_get (i32.const 128) (i32.const 1024)))
    (local.set $i (i32.const 1024))
    (local.set $end (i32.add (i32.const 1024) (i32.load (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then (i32.store8 (local.get $i) (i32.const 10))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $write (i32.const 1024) (i32.load (i32.const 4)))
    ;; The first preopen, if any: its name, then hello.txt inside it.
    (if (i32.eqz (call $fd_prestat_get (i32.const 3) (i32.const 24)))
      (then
        (drop (call $fd_prestat_dir_name (i32.const 3) (i32.const 512) (i32.load (i32.const 28))))
        (call $write (i32.const 512) (i32.load (i32.const 28)))
        (call $newline)
        ;; rights: fd_read (bit 1)
        (if (i32.eqz (call $path_open (i32.const 3) (i32.const 0) (i32.const 64) (i32.const 9) (i32.const 0)
                                      (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 40)))
          (then
            (i32.store (i32.const 8) (i32.const 2048))
            (i32.store (i32.const 12) (i32.const 1024))
            (drop (call $fd_read (i32.load (i32.const 40)) (i32.const 8) (i32.const 1) (i32.const 44)))
            (call $write (i32.const 2048) (i32.load (i32.const 44))))
          (else (call $write (i32.const 64) (i32.const 9))))))
    (call $proc_exit (i32.const 7))))
