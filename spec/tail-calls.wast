;; Tail calls in the JIT's calling convention (return_call, return_call_indirect): the callee
;; takes over the caller's frame, so stack arguments are moved into the caller's own incoming
;; slots; permutations of register and stack arguments of both classes, v128 in stack slot pairs,
;; several results through the caller's results area, callees with fewer and with more stack
;; arguments than the caller (the latter reached by a call), the table's checks, and callees of
;; another instance (a cross-instance thunk, an indirect call that leaves the instance).

(module $lib
  (func (export "add3") (param i64 i64 i64) (result i64)
    (i64.add (local.get 0) (i64.add (local.get 1) (local.get 2))))
  ;; through this instance's global 0: entered with another instance's r15 it would read that one's
  (global $hundred (mut i64) (i64.const 100))
  (func $scale (param i64) (result i64) (i64.mul (local.get 0) (global.get $hundred)))
  (table (export "tab") 4 funcref)
  (elem (i32.const 3) $scale))
(register "lib" $lib)

(module
  (import "lib" "add3" (func $add3 (param i64 i64 i64) (result i64)))
  (import "lib" "tab" (table 4 funcref))
  (type $i64 (func (param i64) (result i64)))
  (type $seven (func (param i32 i64 i64 i64 i64 i64 i64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64) (result i64)))
  (global $g (mut i64) (i64.const 0))
  (elem (i32.const 0) $id $spin $wrong)

  (func $id (param i64) (result i64) (local.get 0))
  (func $wrong (param i32) (result i32) (local.get 0))

  ;; Seven integers (one on the stack) and ten floats (two on the stack), swapped around at every
  ;; call: the integer on the stack goes to a register and back, the float slots trade places.
  (func $spin (export "spin") (type $seven)
    (if (result i64) (i32.eqz (local.get 0))
      (then
        (i64.add
          (i64.add (i64.add (local.get 1) (i64.mul (local.get 2) (i64.const 10)))
                   (i64.add (i64.mul (local.get 3) (i64.const 100)) (i64.mul (local.get 6) (i64.const 1000))))
          (i64.trunc_f64_s
            (f64.add (f64.add (local.get 7) (f64.mul (local.get 15) (f64.const 10)))
                     (f64.mul (local.get 16) (f64.const 100))))))
      (else
        (return_call $spin (i32.sub (local.get 0) (i32.const 1))
          (local.get 6) (local.get 1) (local.get 2) (local.get 4) (local.get 5) (local.get 3)
          (local.get 16) (local.get 8) (local.get 9) (local.get 10) (local.get 11) (local.get 12)
          (local.get 13) (local.get 14) (local.get 7) (local.get 15)))))

  (func (export "spinIndirect") (param i32) (result i64)
    (return_call_indirect (type $seven) (i32.const 1)
      (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)
      (f64.const 1) (f64.const 2) (f64.const 3) (f64.const 4) (f64.const 5)
      (f64.const 6) (f64.const 7) (f64.const 8) (f64.const 9) (f64.const 10)
      (local.get 0)))

  ;; No stack arguments here, six at the callee: a call, then this function's return.
  (func (export "wider") (param i64) (result i64)
    (return_call $spin (i32.const 3) (local.get 0) (i64.const 2) (i64.const 3) (i64.const 4)
      (i64.const 5) (i64.const 6) (f64.const 1) (f64.const 2) (f64.const 3) (f64.const 4) (f64.const 5)
      (f64.const 6) (f64.const 7) (f64.const 8) (f64.const 9) (f64.const 10)))

  ;; Three stack arguments here, none at the callee.
  (func (export "narrower") (param i32 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
    (return_call $add3 (local.get 8) (local.get 7) (local.get 1)))

  ;; Several results, passed through this function's own results area.
  (func $fib (export "fib") (param $n i32) (param $a i64) (param $b i64) (result i64 i64 i32)
    (if (result i64 i64 i32) (i32.eqz (local.get $n))
      (then (local.get $a) (local.get $b) (i32.const -1))
      (else (return_call $fib (i32.sub (local.get $n) (i32.const 1)) (local.get $b)
                              (i64.add (local.get $a) (local.get $b))))))

  ;; v128: eight in xmm0..7, the ninth in two stack slots; rotated each call.
  (func $vrot (export "vrot") (param i32 v128 v128 v128 v128 v128 v128 v128 v128 v128) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.add (i32.add (i32x4.extract_lane 0 (local.get 1)) (i32x4.extract_lane 3 (local.get 9)))
                     (i32.mul (i32x4.extract_lane 1 (local.get 5)) (i32.const 1000))))
      (else (return_call $vrot (i32.sub (local.get 0) (i32.const 1))
              (local.get 9) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
              (local.get 5) (local.get 6) (local.get 7) (local.get 8)))))
  (func (export "vrotFrom") (param i32) (result i32)
    (return_call $vrot (local.get 0)
      (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8) (v128.const i32x4 9 10 11 12)
      (v128.const i32x4 13 14 15 16) (v128.const i32x4 17 18 19 20) (v128.const i32x4 21 22 23 24)
      (v128.const i32x4 25 26 27 28) (v128.const i32x4 29 30 31 32) (v128.const i32x4 33 34 35 36)))

  ;; The table (another instance's, shared): slot 0 here, slot 3 the library's, 1 of the wrong type.
  (func $viaTable (export "viaTable") (param i64 i32) (result i64)
    (return_call_indirect (type $i64) (local.get 0) (local.get 1)))
  ;; r15 is this instance's again after a tail call left it: the global read sees this instance.
  (func (export "thenGlobal") (param i64 i32) (result i64)
    (global.set $g (i64.const 5))
    (i64.add (call $viaTable (local.get 0) (local.get 1)) (global.get $g)))
  (func (export "viaImport") (param i64) (result i64)
    (return_call $add3 (local.get 0) (local.get 0) (i64.const 1)))

  ;; Deep enough to exhaust the stack if a frame were kept per call.
  (func $count (export "count") (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2))))))
)

(assert_return (invoke "spin" (i32.const 0) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)
  (f64.const 1) (f64.const 2) (f64.const 3) (f64.const 4) (f64.const 5) (f64.const 6) (f64.const 7) (f64.const 8) (f64.const 9) (f64.const 10))
  (i64.const 7412))
(assert_return (invoke "spin" (i32.const 1) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)
  (f64.const 1) (f64.const 2) (f64.const 3) (f64.const 4) (f64.const 5) (f64.const 6) (f64.const 7) (f64.const 8) (f64.const 9) (f64.const 10))
  (i64.const 4136))
(assert_return (invoke "spin" (i32.const 1000001) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)
  (f64.const 1) (f64.const 2) (f64.const 3) (f64.const 4) (f64.const 5) (f64.const 6) (f64.const 7) (f64.const 8) (f64.const 9) (f64.const 10))
  (i64.const 3425))
(assert_return (invoke "spinIndirect" (i32.const 1)) (i64.const 4136))
(assert_trap (invoke "spinIndirect" (i32.const 2)) "indirect call type mismatch")
(assert_trap (invoke "spinIndirect" (i32.const 4)) "undefined element")
(assert_return (invoke "wider" (i64.const 1)) (i64.const 2723))
(assert_return (invoke "narrower" (i32.const 0) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
  (i64.const 6) (i64.const 70) (i64.const 800)) (i64.const 871))
(assert_return (invoke "fib" (i32.const 0) (i64.const 0) (i64.const 1)) (i64.const 0) (i64.const 1) (i32.const -1))
(assert_return (invoke "fib" (i32.const 90) (i64.const 0) (i64.const 1))
  (i64.const 2880067194370816120) (i64.const 4660046610375530309) (i32.const -1))
(assert_return (invoke "vrotFrom" (i32.const 0)) (i32.const 18037))
(assert_return (invoke "vrotFrom" (i32.const 1)) (i32.const 14065))
(assert_return (invoke "vrotFrom" (i32.const 9)) (i32.const 18037))
(assert_return (invoke "vrotFrom" (i32.const 100001)) (i32.const 10057))
(assert_return (invoke "viaTable" (i64.const 7) (i32.const 0)) (i64.const 7))
(assert_return (invoke "viaTable" (i64.const 7) (i32.const 3)) (i64.const 700))
(assert_trap (invoke "viaTable" (i64.const 7) (i32.const 2)) "indirect call type mismatch")
(assert_trap (invoke "viaTable" (i64.const 7) (i32.const 4)) "undefined element")
(assert_return (invoke "thenGlobal" (i64.const 7) (i32.const 3)) (i64.const 705))
(assert_return (invoke "thenGlobal" (i64.const 7) (i32.const 0)) (i64.const 12))
(assert_return (invoke "viaImport" (i64.const 20)) (i64.const 41))
(assert_return (invoke "count" (i64.const 3000000) (i64.const 0)) (i64.const 6000000))
