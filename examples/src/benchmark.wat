;; benchmark: a hand-written loop and call benchmark for wasmoon's baselines.
;; Five phases (loops, direct calls, recursion, indirect calls, memory), each
;; printing its name and result through WASI fd_write as it finishes, then
;; "benchmark: done".
;;
;; usage: benchmark.wasm [SCALE]   SCALE 1..1000, default 100: sized for about
;; a second under a JIT; the work of every phase but recursion grows linearly
;; with it, the recursion computes fib(20 + SCALE/10).
(module
  (type $binop (func (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get"
    (func $args_get (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  ;; 0..7: iovec, 8..11: bytes written, 16..47: number text, 64..: strings,
  ;; 256..263: argc and argv buffer size, 512..1023: argv pointers, 1024..4095: argv text
  (data (i32.const 64) "benchmark: ")          ;; 64, 11 bytes
  (data (i32.const 80) "loops     ")           ;; 80, 10 bytes each
  (data (i32.const 90) "calls     ")
  (data (i32.const 100) "recursion ")
  (data (i32.const 110) "indirect  ")
  (data (i32.const 120) "memory    ")
  (data (i32.const 130) "done\n")              ;; 130, 5 bytes
  (data (i32.const 136) " result ")            ;; 136, 8 bytes
  (data (i32.const 144) "\n")

  (table 4 funcref)
  (elem (i32.const 0) $add_mix $xor_mix $mul_mix $rot_mix)

  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; Prints an unsigned decimal, digits written right to left into 16..47.
  (func $print_u32 (param $v i32)
    (local $p i32)
    (local.set $p (i32.const 48))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digit (local.get $v)))
    (call $print (local.get $p) (i32.sub (i32.const 48) (local.get $p))))

  ;; "benchmark: NAME result N\n" for the phase whose 10-byte name is at $name.
  (func $report (param $name i32) (param $result i32)
    (call $print (i32.const 64) (i32.const 11))
    (call $print (local.get $name) (i32.const 10))
    (call $print (i32.const 136) (i32.const 8))
    (call $print_u32 (local.get $result))
    (call $print (i32.const 144) (i32.const 1)))

  ;; Phase 1: nested counted loops of i32 arithmetic.
  (func $loops (param $outer i32) (param $inner i32) (result i32)
    (local $i i32) (local $j i32) (local $acc i32)
    (local.set $acc (i32.const 1))
    (block $done_outer
      (loop $outer_loop
        (br_if $done_outer (i32.ge_u (local.get $i) (local.get $outer)))
        (local.set $j (i32.const 0))
        (block $done_inner
          (loop $inner_loop
            (br_if $done_inner (i32.ge_u (local.get $j) (local.get $inner)))
            (local.set $acc
              (i32.add
                (i32.mul (local.get $acc) (i32.const 1664525))
                (i32.xor (local.get $i) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $inner_loop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer_loop)))
    (local.get $acc))

  (func $add_mix (type $binop)
    (i32.add (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
  (func $xor_mix (type $binop)
    (i32.xor (i32.rotl (local.get 0) (i32.const 5)) (local.get 1)))
  (func $mul_mix (type $binop)
    (i32.mul (i32.or (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 7))))
  (func $rot_mix (type $binop)
    (i32.sub (i32.rotr (local.get 0) (local.get 1)) (i32.const 3)))

  ;; Phase 2: direct calls of small functions.
  (func $calls (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $next
      (local.set $acc (call $add_mix (local.get $acc) (local.get $i)))
      (local.set $acc (call $xor_mix (local.get $acc) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc))

  ;; Phase 3: naive recursive Fibonacci.
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  ;; Phase 4: call_indirect through the table, the callee chosen by the counter.
  (func $indirect (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $next
      (local.set $acc
        (call_indirect (type $binop) (local.get $acc) (local.get $i)
          (i32.and (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc))

  ;; Phase 5: fill 64 KiB at 65536 with i32 stores, then sum it back, $rounds times.
  (func $memory (param $rounds i32) (result i32)
    (local $r i32) (local $a i32) (local $sum i32)
    (loop $round
      (local.set $a (i32.const 0))
      (loop $fill
        (i32.store offset=65536 (local.get $a)
          (i32.add (i32.mul (local.get $a) (local.get $r)) (local.get $sum)))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br_if $fill (i32.lt_u (local.get $a) (i32.const 65536))))
      (local.set $a (i32.const 0))
      (loop $sum_up
        (local.set $sum
          (i32.add (local.get $sum) (i32.load offset=65536 (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br_if $sum_up (i32.lt_u (local.get $a) (i32.const 65536))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (local.get $rounds))))
    (local.get $sum))

  ;; SCALE from argv[1] (decimal digits), else 100; clamped to 1..1000.
  (func $scale (result i32)
    (local $p i32) (local $v i32) (local $c i32)
    (if (call $args_sizes_get (i32.const 256) (i32.const 260))
      (then (return (i32.const 100))))
    (if (i32.or (i32.lt_u (i32.load (i32.const 256)) (i32.const 2))
                (i32.or (i32.gt_u (i32.load (i32.const 256)) (i32.const 128))
                        (i32.gt_u (i32.load (i32.const 260)) (i32.const 3072))))
      (then (return (i32.const 100))))
    (drop (call $args_get (i32.const 512) (i32.const 1024)))
    (local.set $p (i32.load (i32.const 516)))
    (block $end
      (loop $digit
        (local.set $c (i32.load8_u (local.get $p)))
        ;; unsigned: anything below '0' wraps past 9 too
        (br_if $end (i32.gt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)))
        (local.set $v (i32.add (i32.mul (local.get $v) (i32.const 10))
                               (i32.sub (local.get $c) (i32.const 48))))
        (br_if $end (i32.gt_u (local.get $v) (i32.const 1000)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $digit)))
    (if (result i32) (i32.eqz (local.get $v))
      (then (i32.const 1))
      (else (select (i32.const 1000) (local.get $v) (i32.gt_u (local.get $v) (i32.const 1000))))))

  (func (export "_start")
    (local $s i32)
    (local.set $s (call $scale))
    (call $report (i32.const 80)
      (call $loops (i32.mul (local.get $s) (i32.const 100)) (i32.const 20000)))
    (call $report (i32.const 90) (call $calls (i32.mul (local.get $s) (i32.const 500000))))
    (call $report (i32.const 100)
      (call $fib (i32.add (i32.const 20) (i32.div_u (local.get $s) (i32.const 10)))))
    (call $report (i32.const 110) (call $indirect (i32.mul (local.get $s) (i32.const 300000))))
    (call $report (i32.const 120) (call $memory (i32.mul (local.get $s) (i32.const 40))))
    (call $print (i32.const 64) (i32.const 11))
    (call $print (i32.const 130) (i32.const 5))))
