;; Found by the fuzzer (seed 3, generated; FuzzSeedsTest) when the baseline compiler became the default first tier:
;; it started reference-typed locals at 0 instead of null (-1, the runtime's null), so ref.is_null of a
;; fresh externref local answered 0 and memory.fill wrote another byte. ModuleReducer cut the module to 362
;; bytes; the expectations are the interpreter's (node cannot run two memories).
(module $fuzzing-support
  (global $digest (mut i64) (i64.const 0))
  (func $mix (param $tag i64) (param $v i64)
    (global.set $digest (i64.xor (i64.mul (i64.xor (i64.mul (global.get $digest) (i64.const 0x100000001b3))
      (local.get $tag)) (i64.const 0x100000001b3)) (local.get $v))))
  (func (export "log-i32") (param i32) (call $mix (i64.const 1) (i64.extend_i32_s (local.get 0))))
  (func (export "log-i64") (param i64) (call $mix (i64.const 2) (local.get 0)))
  (func (export "log-f32") (param f32)
    (call $mix (i64.const 3) (if (result i64) (f32.ne (local.get 0) (local.get 0)) (then (i64.const -1))
      (else (i64.extend_i32_u (i32.reinterpret_f32 (local.get 0)))))))
  (func (export "log-f64") (param f64)
    (call $mix (i64.const 4) (if (result i64) (f64.ne (local.get 0) (local.get 0)) (then (i64.const -1))
      (else (i64.reinterpret_f64 (local.get 0))))))
  (func (export "log-v128") (param i64 i64)
    (call $mix (i64.const 5) (local.get 0)) (call $mix (i64.const 5) (local.get 1)))
  (func (export "digest") (result i64) (global.get $digest)))
(register "fuzzing-support" $fuzzing-support)
(module $fuzzed
  (type (func (param i32 f32)))
  (type (func (result funcref f32)))
  (type (func (param funcref i32 externref) (result f64)))
  (type (func (param externref f32 i32)))
  (type (func (param funcref f64) (result f64)))
  (type (func))
  (type (func (result f32 i64)))
  (type (func (result i32 i32)))
  (type (func (result i32 f32)))
  (type (func (result i32 funcref)))
  (type (func (result f64 externref)))
  (type (func (result f64 f64)))
  (type (func (result i32)))
  (type (func (result i64)))
  (func (type 5)
  )
  (func (type 1)
    ref.null func
    f32.const 0x0.0p0
  )
  (func (type 5)
  )
  (func (type 4)
    f64.const 0x0.0p0
  )
  (func (type 5)
  )
  (func (type 1) (local i32 i64 funcref i32 i64 f32 f64 funcref externref i32 i32 i32)
    i32.const 0
    local.get 8
    table.set 1
    i32.const 746
    i32.const 0
    table.get 1
    ref.is_null
    i32.const 40
    memory.fill 0
    call 1
    local.set 5
    local.get 5
  )
  (func (type 5)
  )
  (func (type 3)
  )
  (func (type 7) (local funcref f32)
    call 5
    local.set 1
    local.set 0
    local.get 0
    ref.is_null
    local.get 1
    i32.reinterpret_f32
  )
  (func (type 12)
    global.get 0
  )
  (func (type 12)
    global.get 1
  )
  (func (type 13)
    global.get 2
  )
  (func (type 12)
    global.get 3
    i32.reinterpret_f32
  )
  (func (type 13)
    global.get 4
    i64.reinterpret_f64
  )
  (func (type 12)
    global.get 5
    ref.is_null
  )
  (func (type 12)
    global.get 6
    ref.is_null
  )
  (func (type 13)
    global.get 7
  )
  (func (type 12) (local i32 i32 i32)
    i32.const -2128831035
    local.set 1
    memory.size 0
    i32.const 16
    i32.shl
    local.set 2
    block
      loop
        local.get 0
        local.get 2
        i32.ge_u
        br_if 1
        local.get 1
        local.get 0
        i32.load align=4
        i32.xor
        i32.const 16777619
        i32.mul
        local.set 1
        local.get 0
        i32.const 4
        i32.add
        local.set 0
        br 0
      end
    end
    local.get 1
  )
  (table 4 40 funcref)
  (table 4 20 externref)
  (table 2 funcref)
  (memory 1 3)
  (memory 2 4)
  (global (mut i32) i32.const 0)
  (global (mut i32) i32.const -1186177365)
  (global (mut i64) i64.const -2)
  (global (mut f32) f32.const -0x1.65e6fep3)
  (global (mut f64) f64.const -inf)
  (global (mut funcref) ref.func 5)
  (global (mut externref) ref.null extern)
  (global i64 i64.const 2)
  (export "mem" (memory 0))
  (export "mem1" (memory 1))
  (export "f2" (func 5))
  (export "fuzz$call$0" (func 8))
  (export "fuzz$global$0" (func 9))
  (export "fuzz$global$1" (func 10))
  (export "fuzz$global$2" (func 11))
  (export "fuzz$global$3" (func 12))
  (export "fuzz$global$4" (func 13))
  (export "fuzz$global$5" (func 14))
  (export "fuzz$global$6" (func 15))
  (export "fuzz$global$7" (func 16))
  (export "fuzz$memory" (memory 0))
  (export "fuzz$memhash" (func 17))
  (export "fuzz$memory1" (memory 1))
  (elem (table 0) (offset i32.const 0) funcref (item ref.func 7) (item ref.func 3) (item ref.func 3) (item ref.func 7))
  (elem funcref (item ref.null func) (item ref.func 1))
  (elem externref (item ref.null extern) (item ref.null extern))
  (elem declare funcref (item ref.func 1) (item ref.func 3) (item ref.func 5) (item ref.func 7))
  (data (memory 0) (offset i32.const 141) "0\05\9ap\c6\f9\1ea\f9^\98\b87")
  (data (memory 1) (offset i32.const 160) "*\1f\ed\1bI\832\ce")
  (data "\1bTl\bcp\bb\b1\fak\85\cb\90\a3")
)
(assert_return (invoke $fuzzed "fuzz$global$0") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$1") (i32.const -1186177365))
(assert_return (invoke $fuzzed "fuzz$global$2") (i64.const -2))
(assert_return (invoke $fuzzed "fuzz$global$3") (i32.const -1053625473))
(assert_return (invoke $fuzzed "fuzz$global$4") (i64.const -4503599627370496))
(assert_return (invoke $fuzzed "fuzz$global$5") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$6") (i32.const 1))
(assert_return (invoke $fuzzed "fuzz$global$7") (i64.const 2))
(assert_return (invoke $fuzzed "fuzz$call$0") (i32.const 1) (i32.const 0))
(assert_return (invoke $fuzzing-support "digest") (i64.const 0))
(assert_return (invoke $fuzzed "fuzz$global$0") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$1") (i32.const -1186177365))
(assert_return (invoke $fuzzed "fuzz$global$2") (i64.const -2))
(assert_return (invoke $fuzzed "fuzz$global$3") (i32.const -1053625473))
(assert_return (invoke $fuzzed "fuzz$global$4") (i64.const -4503599627370496))
(assert_return (invoke $fuzzed "fuzz$global$5") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$6") (i32.const 1))
(assert_return (invoke $fuzzed "fuzz$global$7") (i64.const 2))
(assert_return (invoke $fuzzed "fuzz$call$0") (i32.const 1) (i32.const 0))
(assert_return (invoke $fuzzing-support "digest") (i64.const 0))
(assert_return (invoke $fuzzed "fuzz$global$0") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$1") (i32.const -1186177365))
(assert_return (invoke $fuzzed "fuzz$global$2") (i64.const -2))
(assert_return (invoke $fuzzed "fuzz$global$3") (i32.const -1053625473))
(assert_return (invoke $fuzzed "fuzz$global$4") (i64.const -4503599627370496))
(assert_return (invoke $fuzzed "fuzz$global$5") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$6") (i32.const 1))
(assert_return (invoke $fuzzed "fuzz$global$7") (i64.const 2))
(assert_return (invoke $fuzzed "fuzz$memhash") (i32.const 703198828))
