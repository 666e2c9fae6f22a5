;; Produced by the fuzzer's pipeline from a PLANTED fault, as its demonstration (docs/fuzzing.md):
;; with the x64 lowering of rotr changed to rol, generated module 85 (seed 85) disagreed with V8
;; at -O0 ("expected `call fuzz$call$3 ok 90`, got `... ok -9223372036854775786`"); ModuleReducer
;; cut it from 1867 to 374 bytes in 49 tests, and RegressionScript wrote V8's outcomes as the
;; expectations. It guards i64.rotr (and the pipeline's script format) in both tiers.
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
  (func (export "digest") (result i64) (global.get $digest)))
(register "fuzzing-support" $fuzzing-support)
(module $fuzzed
  (type (func (param i64 f64) (result i64)))
  (type (func))
  (type (func (param f32 i32) (result f64)))
  (type (func (param f64 funcref externref) (result funcref i32)))
  (type (func (result i32 funcref)))
  (type (func (result i64 f64)))
  (type (func (result f64 i32)))
  (type (func (result i32 i64)))
  (type (func (result f32 externref)))
  (type (func (result f32 f64)))
  (type (func (param i64 i64) (result i64)))
  (type (func (result i32)))
  (type (func (result i64)))
  (func (type 1)
  )
  (func (type 1)
  )
  (func (type 1)
  )
  (func (type 0) (local funcref funcref i32 i64 f32 f64 funcref externref i32 i32 i32)
    global.get 0
    if
    end
    global.get 0
    if
      global.get 1
      i32.const 21
      i32.const 1
      i32.or
      i32.div_s
      if
        i32.const 2
        global.get 1
        if (result funcref)
          i32.const 3
          table.get 0
        else
          i32.const 3
          table.get 0
        end
        table.set 0
        i32.const 758
        i32.const 715
        i32.const 105
        memory.copy
      end
    end
    global.get 3
    i64.trunc_sat_f32_s
    local.get 5
    i64.const 63
    i32.const 13
    select
    i64.const 1
    i64.or
    i64.div_u
    local.get 0
    i64.rotr
  )
  (func (type 1)
  )
  (func (type 0)
    i64.const 0
  )
  (func (type 1)
  )
  (func (type 3)
    ref.null func
    i32.const 0
  )
  (func (type 1)
  )
  (func (type 1)
  )
  (func (type 1)
  )
  (func (type 1)
  )
  (func (type 10)
    local.get 0
    local.get 1
    f64.reinterpret_i64
    call 3
  )
  (func (type 11)
    global.get 0
  )
  (func (type 11)
    global.get 1
  )
  (func (type 12)
    global.get 2
  )
  (func (type 11)
    global.get 3
    i32.reinterpret_f32
  )
  (func (type 12)
    global.get 4
    i64.reinterpret_f64
  )
  (func (type 11)
    global.get 5
    ref.is_null
  )
  (func (type 11)
    global.get 6
    ref.is_null
  )
  (func (type 12)
    global.get 7
  )
  (func (type 11) (local i32 i32 i32)
    i32.const -2128831035
    local.set 1
    memory.size
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
  (table 5 40 funcref)
  (table 5 20 externref)
  (table 0 funcref)
  (memory 2 4)
  (global (mut i32) i32.const 0)
  (global (mut i32) i32.const 2147483647)
  (global (mut i64) i64.const 114)
  (global (mut f32) f32.const 0x1.118p6)
  (global (mut f64) f64.const 0x1.218p6)
  (global (mut funcref) ref.func 7)
  (global (mut externref) ref.null extern)
  (global i64 i64.const 4011942763699936441)
  (export "mem" (memory 0))
  (export "f1" (func 3))
  (export "fuzz$call$0" (func 12))
  (export "fuzz$global$0" (func 13))
  (export "fuzz$global$1" (func 14))
  (export "fuzz$global$2" (func 15))
  (export "fuzz$global$3" (func 16))
  (export "fuzz$global$4" (func 17))
  (export "fuzz$global$5" (func 18))
  (export "fuzz$global$6" (func 19))
  (export "fuzz$global$7" (func 20))
  (export "fuzz$memory" (memory 0))
  (export "fuzz$memhash" (func 21))
  (elem (table 0) (offset i32.const 0) funcref (item ref.func 9) (item ref.func 3) (item ref.func 11) (item ref.func 11) (item ref.func 7))
  (elem funcref (item ref.func 1) (item ref.func 11) (item ref.func 3))
  (elem externref (item ref.null extern) (item ref.null extern))
  (elem declare funcref (item ref.func 1) (item ref.func 3) (item ref.func 5) (item ref.func 7) (item ref.func 9) (item ref.func 11))
  (data (memory 0) (offset i32.const 59) "]\a3\bf\1a")
  (data "\13\e2\a6\f3\0fw\f7\d2\0d")
)
(assert_return (invoke $fuzzed "fuzz$global$0") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$1") (i32.const 2147483647))
(assert_return (invoke $fuzzed "fuzz$global$2") (i64.const 114))
(assert_return (invoke $fuzzed "fuzz$global$3") (i32.const 1116258304))
(assert_return (invoke $fuzzed "fuzz$global$4") (i64.const 4634793354796728320))
(assert_return (invoke $fuzzed "fuzz$global$5") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$6") (i32.const 1))
(assert_return (invoke $fuzzed "fuzz$global$7") (i64.const 4011942763699936441))
(assert_return (invoke $fuzzed "fuzz$call$0" (i64.const -449) (i64.const 31516519189287423)) (i64.const 136))
(assert_return (invoke $fuzzing-support "digest") (i64.const 0))
(assert_return (invoke $fuzzed "fuzz$global$0") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$1") (i32.const 2147483647))
(assert_return (invoke $fuzzed "fuzz$global$2") (i64.const 114))
(assert_return (invoke $fuzzed "fuzz$global$3") (i32.const 1116258304))
(assert_return (invoke $fuzzed "fuzz$global$4") (i64.const 4634793354796728320))
(assert_return (invoke $fuzzed "fuzz$global$5") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$6") (i32.const 1))
(assert_return (invoke $fuzzed "fuzz$global$7") (i64.const 4011942763699936441))
(assert_return (invoke $fuzzed "fuzz$call$0" (i64.const -554) (i64.const -6448954831344391018)) (i64.const 299067162755072))
(assert_return (invoke $fuzzing-support "digest") (i64.const 0))
(assert_return (invoke $fuzzed "fuzz$global$0") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$1") (i32.const 2147483647))
(assert_return (invoke $fuzzed "fuzz$global$2") (i64.const 114))
(assert_return (invoke $fuzzed "fuzz$global$3") (i32.const 1116258304))
(assert_return (invoke $fuzzed "fuzz$global$4") (i64.const 4634793354796728320))
(assert_return (invoke $fuzzed "fuzz$global$5") (i32.const 0))
(assert_return (invoke $fuzzed "fuzz$global$6") (i32.const 1))
(assert_return (invoke $fuzzed "fuzz$global$7") (i64.const 4011942763699936441))
(assert_return (invoke $fuzzed "fuzz$memhash") (i32.const 1039416876))
