;; Traps during instantiation (Wasm 2.0 semantics): segments are applied in
;; order and then the start function runs; a trap aborts the instantiation but
;; effects already made on imported (shared) state remain. The module that
;; trapped never becomes the current module.

(module $M
  (memory (export "mem") 1)
  (table (export "tab") 2 funcref)
  (global (export "count") (mut i32) (i32.const 0))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "table-null") (param i32) (result i32) (ref.is_null (table.get 0 (local.get 0)))))
(register "M" $M)

(assert_trap
  (module
    (import "M" "mem" (memory 1))
    (import "M" "count" (global $c (mut i32)))
    (func $start (global.set $c (i32.const 5)) (i32.store8 (i32.const 0) (i32.const 7)) (unreachable))
    (start $start))
  "unreachable")
(assert_return (invoke $M "load" (i32.const 0)) (i32.const 7))
(assert_return (get $M "count") (i32.const 5))

;; Data and element segments are written before the start function runs.
(assert_trap
  (module
    (import "M" "mem" (memory 1))
    (import "M" "tab" (table 2 funcref))
    (func $f)
    (elem (i32.const 1) $f)
    (data (i32.const 1) "\2a")
    (func $s (unreachable))
    (start $s))
  "unreachable")
(assert_return (invoke $M "load" (i32.const 1)) (i32.const 42))
(assert_return (invoke $M "table-null" (i32.const 1)) (i32.const 0))

;; An out-of-bounds segment traps; earlier segments stay, the start never runs.
(assert_trap
  (module
    (import "M" "mem" (memory 1))
    (import "M" "count" (global $c (mut i32)))
    (data (i32.const 2) "\2b")
    (data (i32.const 65535) "xy")
    (func $s (global.set $c (i32.const 99)))
    (start $s))
  "out of bounds memory access")
(assert_return (invoke $M "load" (i32.const 2)) (i32.const 43))
(assert_return (invoke $M "load" (i32.const 65535)) (i32.const 0))
(assert_return (get $M "count") (i32.const 5))

;; Every kind of trap can come out of a start function.
(assert_trap (module (func $s (drop (i32.div_s (i32.const 1) (i32.const 0)))) (start $s)) "integer divide by zero")
(assert_trap (module (func $s (drop (i32.trunc_f32_s (f32.const nan)))) (start $s)) "invalid conversion to integer")
(assert_trap (module (memory 0) (func $s (drop (i32.load (i32.const 0)))) (start $s)) "out of bounds memory access")
(assert_trap (module (func $s (call $s)) (start $s)) "call stack exhausted")
(assert_uninstantiable (module (func $s (unreachable)) (start $s)) "unreachable")

;; A start function that calls an imported function that traps.
(module $T (func (export "boom") (unreachable)))
(register "T" $T)
(assert_trap (module (import "T" "boom" (func $b)) (start $b)) "unreachable")

;; The module that trapped does not replace the current module.
(module (func (export "alive") (result i32) (i32.const 1)))
(assert_trap (module (func (export "alive") (result i32) (i32.const 2)) (func $s (unreachable)) (start $s)) "unreachable")
(assert_return (invoke "alive") (i32.const 1))

;; A start function that succeeds runs exactly once, before any action.
(module $S
  (global $g (export "g") (mut i32) (i32.const 0))
  (func $s (global.set $g (i32.add (global.get $g) (i32.const 1))))
  (start $s))
(assert_return (get $S "g") (i32.const 1))
(assert_return (get "g") (i32.const 1))
