;; Runner edge cases: named and current modules, get, multi-value results,
;; exact float bits, NaN patterns, references, either, and every module form
;; (text, binary, quote) in every assertion.

(module $m1 (func (export "f") (result i32) (i32.const 1)))
(module $m2 (func (export "f") (result i32) (i32.const 2)))
(assert_return (invoke $m1 "f") (i32.const 1))
(assert_return (invoke $m2 "f") (i32.const 2))
(assert_return (invoke "f") (i32.const 2))

(module
  (func (export "pair") (result i32 i64) (i32.const -1) (i64.const -1))
  (func (export "none"))
  (func (export "id-f32") (param f32) (result f32) (local.get 0))
  (func (export "id-f64") (param f64) (result f64) (local.get 0))
  (func (export "id-i32") (param i32) (result i32) (local.get 0))
  (func (export "id-i64") (param i64) (result i64) (local.get 0))
  (func (export "id-ext") (param externref) (result externref) (local.get 0))
  (func (export "is-null-ext") (param externref) (result i32) (ref.is_null (local.get 0)))
  (func (export "null-func") (result funcref) (ref.null func))
  (func (export "some-func") (result funcref) (ref.func $g))
  (func $g)
  (elem declare func $g)
  (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func $runaway (export "runaway") (result i32) (i32.add (call $runaway) (i32.const 1)))
  (global (export "gf") f32 (f32.const -0))
  (global (export "gm") (mut i64) (i64.const -9))
  (global (export "ge") externref (ref.null extern)))

(assert_return (invoke "pair") (i32.const 0xffffffff) (i64.const -1))
(assert_return (invoke "none"))
(invoke "none")
(assert_return (invoke "id-i32" (i32.const -2147483648)) (i32.const 0x80000000))
(assert_return (invoke "id-i64" (i64.const 0x8000000000000000)) (i64.const -9223372036854775808))
(assert_return (invoke "id-f32" (f32.const -0)) (f32.const -0))
(assert_return (invoke "id-f32" (f32.const 0x1p-149)) (f32.const 0x1p-149))
(assert_return (invoke "id-f32" (f32.const nan:0x400000)) (f32.const nan:canonical))
(assert_return (invoke "id-f32" (f32.const -nan:0x400001)) (f32.const nan:arithmetic))
(assert_return (invoke "id-f64" (f64.const -0)) (f64.const -0))
(assert_return (invoke "id-f64" (f64.const -nan)) (f64.const nan:canonical))
(assert_return (invoke "id-f64" (f64.const nan:0xc000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "id-f64" (f64.const nan:0xc000000000000)) (f64.const nan:0xc000000000000))
(assert_return (invoke "id-ext" (ref.extern 17)) (ref.extern 17))
(assert_return (invoke "id-ext" (ref.extern 0)) (ref.extern 0))
(assert_return (invoke "id-ext" (ref.extern 17)) (ref.extern))
(assert_return (invoke "id-ext" (ref.null extern)) (ref.null extern))
(assert_return (invoke "is-null-ext" (ref.extern 0)) (i32.const 0))
(assert_return (invoke "is-null-ext" (ref.null extern)) (i32.const 1))
(assert_return (invoke "null-func") (ref.null func))
(assert_return (invoke "some-func") (ref.func))
(assert_return (invoke "id-i32" (i32.const 3)) (either (i32.const 1) (i32.const 3)))
(assert_return (invoke "id-f32" (f32.const 1)) (either (f32.const nan:canonical) (f32.const 1)))
(assert_return (get "gf") (f32.const -0))
(assert_return (get "gm") (i64.const -9))
(assert_return (get "ge") (ref.null extern))
(get "gm")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_exhaustion (invoke "runaway") "call stack exhausted")
(assert_return (invoke "div" (i32.const 7) (i32.const 2)) (i32.const 3))

;; Module forms.
(module binary "\00asm" "\01\00\00\00")
(module quote "(func (export \"q\") (result i32) (i32.const 5))")
(assert_return (invoke "q") (i32.const 5))
(module $bin binary
  "\00asm\01\00\00\00"
  "\01\05\01\60\00\01\7f"
  "\03\02\01\00"
  "\07\05\01\01\62\00\00"
  "\0a\06\01\04\00\41\09\0b")
(assert_return (invoke $bin "b") (i32.const 9))
(module $quoted quote "(memory 1)" "(func (export \"m\") (result i32) (memory.size))")
(assert_return (invoke $quoted "m") (i32.const 1))

;; Assertions over each module form.
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00asn\01\00\00\00") "magic header not detected")
(assert_malformed (module quote "(func (i32.const 0x100000000) drop)") "constant out of range")
(assert_malformed (module quote "(func (nop) (i32.nope))") "unknown operator")
(assert_invalid
  (module binary
    "\00asm\01\00\00\00"
    "\01\05\01\60\00\01\7f"
    "\03\02\01\00"
    "\0a\04\01\02\00\0b")
  "type mismatch")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_invalid (module quote "(func (result i32) (i64.const 0))") "type mismatch")
(assert_unlinkable (module binary "\00asm\01\00\00\00" "\01\04\01\60\00\00" "\02\07\01\01\78\01\79\00\00") "unknown import")
(assert_trap (module binary "\00asm\01\00\00\00" "\05\03\01\00\00" "\0b\07\01\00\41\00\0b\01\61") "out of bounds memory access")
(assert_uninstantiable (module quote "(func $s (unreachable)) (start $s)") "unreachable")

;; After all of that, the current module is still $quoted.
(assert_return (invoke "m") (i32.const 1))
