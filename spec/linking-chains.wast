;; Register and import chains: re-exported imports keep their identity, every
;; importer shares the exporter's state, registration names are independent of
;; $names, and a later $name only shadows for actions, not for the registry.

(module $A
  (global (export "g") (mut i32) (i32.const 10))
  (func (export "inc") (global.set 0 (i32.add (global.get 0) (i32.const 1))))
  (func (export "get") (result i32) (global.get 0))
  (memory (export "mem") 1)
  (table (export "tab") 2 funcref))
(register "A" $A)

(module $B
  (import "A" "inc" (func $inc))
  (import "A" "g" (global $g (mut i32)))
  (import "A" "mem" (memory 1))
  (func (export "inc") (call $inc))
  (export "inc-direct" (func $inc))
  (export "g" (global $g))
  (export "mem" (memory 0))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1))))
(register "B" $B)

(module $C
  (import "B" "inc-direct" (func $inc))
  (import "B" "g" (global $g (mut i32)))
  (import "B" "mem" (memory 1))
  (func (export "run") (result i32) (call $inc) (call $inc) (global.get $g))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))

(assert_return (invoke $C "run") (i32.const 12))
(assert_return (invoke $A "get") (i32.const 12))
(assert_return (get $A "g") (i32.const 12))
(invoke $B "inc")
(assert_return (get $B "g") (i32.const 13))
(invoke $B "store" (i32.const 8) (i32.const 0x12345678))
(assert_return (invoke $C "load" (i32.const 8)) (i32.const 0x12345678))

;; One instance under two registration names.
(register "A2" $A)
(module $D
  (import "A2" "get" (func $get (result i32)))
  (func (export "get") (result i32) (call $get)))
(assert_return (invoke $D "get") (i32.const 13))

;; register without a module name registers the most recent module.
(module (func (export "seven") (result i32) (i32.const 7)))
(register "latest")
(module
  (import "latest" "seven" (func $s (result i32)))
  (func (export "s") (result i32) (call $s)))
(assert_return (invoke "s") (i32.const 7))

;; Redefining $A shadows it for actions; the registry still holds the old one.
(module $A (func (export "get") (result i32) (i32.const -1)))
(assert_return (invoke $A "get") (i32.const -1))
(assert_return (invoke $D "get") (i32.const 13))
(module $E
  (import "A" "get" (func $get (result i32)))
  (func (export "get") (result i32) (call $get)))
(assert_return (invoke "get") (i32.const 13))

;; Function references travel through a shared table.
(module $T
  (table (export "t") 2 funcref)
  (func $f (result i32) (i32.const 42))
  (elem (i32.const 0) $f))
(register "T" $T)
(module
  (import "T" "t" (table 2 funcref))
  (type $r (func (result i32)))
  (func (export "call0") (result i32) (call_indirect (type $r) (i32.const 0)))
  (func (export "call1") (result i32) (call_indirect (type $r) (i32.const 1)))
  (func (export "call2") (result i32) (call_indirect (type $r) (i32.const 2))))
(assert_return (invoke "call0") (i32.const 42))
(assert_trap (invoke "call1") "uninitialized element")
(assert_trap (invoke "call2") "undefined element")

;; A module that fails to link is not registered and changes nothing.
(assert_unlinkable (module (import "A" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "nowhere" "f" (func))) "unknown import")
(assert_unlinkable (module (import "A" "get" (func (result i64)))) "incompatible import type")
(assert_unlinkable (module (import "A" "g" (global i32))) "incompatible import type")
(assert_unlinkable (module (import "A" "mem" (memory 2))) "incompatible import type")
(assert_unlinkable (module (import "A" "tab" (table 3 funcref))) "incompatible import type")
(assert_return (invoke $E "get") (i32.const 13))
