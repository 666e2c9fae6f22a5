;; Straight-line integer and float arithmetic, constants, select.
(module
  (func $add (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func $mix (param i64 f64) (result f64)
    local.get 0
    i64.const 3
    i64.mul
    f64.convert_i64_s
    local.get 1
    f64.add
    f64.sqrt)
  (func $sel (param i32 i32 i32) (result i32)
    local.get 0
    local.get 1
    local.get 1
    local.get 2
    i32.lt_u
    select)
  (func $conv (param f32) (result i64)
    local.get 0
    i64.trunc_f32_u
    local.get 0
    i64.trunc_sat_f32_s
    i64.xor
    i32.wrap_i64
    i64.extend_i32_u))

;; ==== expected IR ====
function %func_0(i32, i32) -> i32 {
block0(v0: i64, v1: i32, v2: i32):
    v3 = iadd.i32 v1, v2
    return v3
}

function %func_1(i64, f64) -> f64 {
block0(v0: i64, v1: i64, v2: f64):
    v3 = iconst.i64 3
    v4 = imul.i64 v1, v3
    v5 = fcvt_from_sint.f64 v4
    v6 = fadd.f64 v5, v2
    v7 = sqrt.f64 v6
    return v7
}

function %func_2(i32, i32, i32) -> i32 {
block0(v0: i64, v1: i32, v2: i32, v3: i32):
    v4 = icmp.i32 ult v2, v3
    v5 = select.i32 v4, v1, v2
    return v5
}

function %func_3(f32) -> i64 {
block0(v0: i64, v1: f32):
    v2 = fcvt_to_uint.i64 v1
    v3 = fcvt_to_sint_sat.i64 v1
    v4 = bxor.i64 v2, v3
    v5 = ireduce.i32 v4
    v6 = uextend.i64 v5
    return v6
}
