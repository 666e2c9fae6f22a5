;; A loop-heavy interpreter benchmark: 4000 x 5000 iterations of integer arithmetic.
;;   wasmoon run examples/loop.wasm --invoke run --no-jit   -> 832106112
(module
  (func (export "run") (result i32)
    (local $i i32) (local $j i32) (local $acc i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        ;; acc = acc * 31 + ((i ^ j) >>> 1) + (j & 7)
        (local.set $acc
          (i32.add
            (i32.add
              (i32.mul (local.get $acc) (i32.const 31))
              (i32.shr_u (i32.xor (local.get $i) (local.get $j)) (i32.const 1)))
            (i32.and (local.get $j) (i32.const 7))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (i32.const 5000))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (i32.const 4000))))
    (local.get $acc)))
