;; Linear memory: a data segment, stores and loads, memory.grow and a checksum.
;;   wasmoon run examples/memory.wasm --invoke checksum --arg 7         -> FNV-1a of "wasmoon"
;;   wasmoon run examples/memory.wasm --invoke fill_and_sum --arg 1000  -> sum of i*i, i < 1000
;;   wasmoon run examples/memory.wasm --invoke grow --arg 2             -> 1 (the old size in pages)
;;   wasmoon run examples/memory.wasm --invoke load_byte --arg 65536    -> traps: out of bounds
(module
  (memory (export "memory") 1 4)
  (data (i32.const 0) "wasmoon")

  ;; Stores i*i as an i32 at 16 + 4*i for i < n, then loads them back and sums them as i64.
  (func (export "fill_and_sum") (param $n i32) (result i64)
    (local $i i32) (local $sum i64)
    (block $filled
      (loop $fill
        (br_if $filled (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store offset=16
          (i32.shl (local.get $i) (i32.const 2))
          (i32.mul (local.get $i) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (local.set $i (i32.const 0))
    (block $summed
      (loop $add
        (br_if $summed (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum
          (i64.add (local.get $sum)
            (i64.extend_i32_u
              (i32.load offset=16 (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $add)))
    (local.get $sum))

  ;; 32-bit FNV-1a hash of the bytes [0, len), printed as a signed i32.
  (func (export "checksum") (param $len i32) (result i32)
    (local $i i32) (local $hash i32)
    (local.set $hash (i32.const 0x811c9dc5))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $hash
          (i32.mul
            (i32.xor (local.get $hash) (i32.load8_u (local.get $i)))
            (i32.const 0x01000193)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $hash))

  ;; Grows memory by $delta pages: the old size, or -1 past the maximum of 4 pages.
  (func (export "grow") (param $delta i32) (result i32)
    (memory.grow (local.get $delta)))

  (func (export "size") (result i32)
    (memory.size))

  (func (export "load_byte") (param $address i32) (result i32)
    (i32.load8_u (local.get $address))))
