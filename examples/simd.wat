;; Vector code for trying the JIT's SIMD (and `wasmoon explore`): a dot product of
;; two float arrays four lanes at a time, and a byte reversal through a shuffle.
(module
  (memory (export "memory") 1)

  ;; x[i] = i and y[i] = 0.5 (f32) for i < n: x at 0, y at 32768
  (func $init (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (f32.store (i32.shl (local.get $i) (i32.const 2)) (f32.convert_i32_u (local.get $i)))
        (f32.store offset=32768 (i32.shl (local.get $i) (i32.const 2)) (f32.const 0.5))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; sum of x[i] * y[i] for i < n (n a multiple of 4, at most 8192)
  (func (export "dot") (param $n i32) (result f32)
    (local $i i32) (local $acc v128)
    (call $init (local.get $n))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $acc (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load (local.get $i)) (v128.load offset=32768 (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (f32.add (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
             (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

  ;; the bytes of an i64 in reverse order
  (func (export "reverse_bytes") (param $x i64) (result i64)
    (i64x2.extract_lane 0
      (i8x16.shuffle 7 6 5 4 3 2 1 0 8 9 10 11 12 13 14 15
        (i64x2.replace_lane 0 (v128.const i64x2 0 0) (local.get $x)) (v128.const i64x2 0 0)))))
