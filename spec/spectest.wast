;; The spectest host module, exactly as the reference interpreter defines it
;; (spectest.ml): print functions, immutable globals 666 / 666.6, a funcref
;; table with limits 10..20 and a memory with limits 1..2 pages, all shared by
;; every importer within one script.

(module
  (import "spectest" "global_i32" (global $gi32 i32))
  (import "spectest" "global_i64" (global $gi64 i64))
  (import "spectest" "global_f32" (global $gf32 f32))
  (import "spectest" "global_f64" (global $gf64 f64))
  (import "spectest" "table" (table $t 10 20 funcref))
  (import "spectest" "memory" (memory 1 2))
  (import "spectest" "print" (func $print))
  (import "spectest" "print_i32" (func $print_i32 (param i32)))
  (import "spectest" "print_i64" (func $print_i64 (param i64)))
  (import "spectest" "print_f32" (func $print_f32 (param f32)))
  (import "spectest" "print_f64" (func $print_f64 (param f64)))
  (import "spectest" "print_i32_f32" (func $print_i32_f32 (param i32 f32)))
  (import "spectest" "print_f64_f64" (func $print_f64_f64 (param f64 f64)))
  (func (export "gi32") (result i32) (global.get $gi32))
  (func (export "gi64") (result i64) (global.get $gi64))
  (func (export "gf32") (result f32) (global.get $gf32))
  (func (export "gf64") (result f64) (global.get $gf64))
  (func (export "table-size") (result i32) (table.size $t))
  (func (export "table-grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
  (func (export "table-null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "memory-size") (result i32) (memory.size))
  (func (export "memory-grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "print-all")
    (call $print)
    (call $print_i32 (i32.const -1))
    (call $print_i64 (i64.const 0x7fffffffffffffff))
    (call $print_f32 (f32.const 0.5))
    (call $print_f64 (f64.const -0x1p-1074))
    (call $print_i32_f32 (i32.const 1) (f32.const inf))
    (call $print_f64_f64 (f64.const nan) (f64.const 2)))
)

(assert_return (invoke "gi32") (i32.const 666))
(assert_return (invoke "gi64") (i64.const 666))
(assert_return (invoke "gf32") (f32.const 666.6))
(assert_return (invoke "gf64") (f64.const 666.6))
(assert_return (invoke "table-size") (i32.const 10))
(assert_return (invoke "table-null" (i32.const 9)) (i32.const 1))
(assert_trap (invoke "table-null" (i32.const 10)) "out of bounds table access")
(assert_return (invoke "memory-size") (i32.const 1))
(invoke "print-all")

;; Growing stops at the declared maxima.
(assert_return (invoke "memory-grow" (i32.const 1)) (i32.const 1))
(assert_return (invoke "memory-grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "memory-size") (i32.const 2))
(assert_return (invoke "table-grow" (i32.const 10)) (i32.const 10))
(assert_return (invoke "table-grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "table-size") (i32.const 20))
(invoke "store" (i32.const 0x10000) (i32.const 0x01020304))

;; Every importer sees the same (grown) memory and table.
(module $other
  (import "spectest" "memory" (memory 1))
  (import "spectest" "table" (table 0 funcref))
  (func (export "memory-size") (result i32) (memory.size))
  (func (export "table-size") (result i32) (table.size 0))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
(assert_return (invoke $other "memory-size") (i32.const 2))
(assert_return (invoke $other "table-size") (i32.const 20))
(assert_return (invoke $other "load" (i32.const 0x10000)) (i32.const 0x01020304))

;; Imported globals can be re-exported and read with get.
(module
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "global_f64" (global $h f64))
  (export "g" (global $g))
  (export "h" (global $h)))
(assert_return (get "g") (i32.const 666))
(assert_return (get "h") (f64.const 666.6))

;; Compatible limits link.
(module (import "spectest" "table" (table 10 20 funcref)))
(module (import "spectest" "table" (table 20 30 funcref)))
(module (import "spectest" "memory" (memory 2)))
(module (import "spectest" "memory" (memory 0 2)))

;; Incompatible imports do not link, whatever the script imports them as.
(assert_unlinkable (module (import "spectest" "table" (table 21 funcref))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "table" (table 10 15 funcref))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "table" (table 10 externref))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory 3))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory 1 1))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "global_i32" (global (mut i32)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "global_i32" (global i64))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "global_f32" (global f64))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print" (func (result i32)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print_f64_f64" (func (param f64)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print" (table 1 funcref))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (func))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "table" (global i32))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "global_i32" (memory 1))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "unknown" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "Print" (func))) "unknown import")
(assert_unlinkable (module (import "Spectest" "print" (func))) "unknown import")

;; A script may register its own module as "spectest"; it then takes precedence.
(module $mine (func (export "print") (result i32) (i32.const 5)))
(register "spectest" $mine)
(module
  (import "spectest" "print" (func $p (result i32)))
  (func (export "p") (result i32) (call $p)))
(assert_return (invoke "p") (i32.const 5))
(assert_unlinkable (module (import "spectest" "memory" (memory 1))) "unknown import")
