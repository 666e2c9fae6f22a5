;; SIMD: v128 constants as vconcat of two i64, lane shapes as controlling types,
;; extract_lane_s as vextractlane plus sextend, shuffles, lane loads and stores, v128 locals and globals.
(module
  (memory 1)
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  (func $arith (param v128 v128) (result v128)
    local.get 0
    local.get 1
    i32x4.add
    v128.const i16x8 0 1 2 3 4 5 6 7
    i16x8.sub_sat_s
    f32.const 1.5
    f32x4.splat
    f32x4.lt
    local.get 1
    global.get $g
    v128.bitselect)
  (func $lanes (param v128) (result i32)
    (local v128)
    local.get 0
    local.get 0
    i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
    local.tee 1
    i8x16.extract_lane_s 3
    local.get 1
    i32.const 5
    i64.extend_i32_u
    i64x2.replace_lane 1
    i64x2.all_true
    i32.add)
  (func $memory (param i32)
    local.get 0
    local.get 0
    local.get 0
    v128.load offset=16
    v128.load32_lane offset=4 2
    v128.store8_lane offset=1 15
    local.get 0
    local.get 0
    v128.load16x4_s
    v128.store))

;; ==== expected IR ====
function %func_0(v128, v128) -> v128 {
block0(v0: i64, v1: v128, v2: v128):
    v3 = viadd.i32x4 v1, v2
    v4 = iconst.i64 844433520132096
    v5 = iconst.i64 1970350607106052
    v6 = vconcat v4, v5
    v7 = vssub_sat.i16x8 v3, v6
    v8 = fconst.f32 0x3fc00000
    v9 = vsplat.f32x4 v8
    v10 = vfcmp.f32x4 lt v7, v9
    v11 = global.get.v128 g0
    v12 = vbitselect v10, v2, v11
    return v12
}

function %func_1(v128) -> i32 {
block0(v0: i64, v1: v128):
    v2 = vshuffle v1, v1, [0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31]
    v3 = vextractlane.i8x16 v2, 3
    v4 = sextend8.i32 v3
    v5 = iconst.i32 5
    v6 = uextend.i64 v5
    v7 = vinsertlane.i64x2 v2, v6, 1
    v8 = vall_true.i64x2 v7
    v9 = iadd.i32 v4, v8
    return v9
}

function %func_2(i32) {
block0(v0: i64, v1: i32):
    v2 = load.v128 v1+16
    v3 = vload_lane.i32x4 v1+4, v2, 2
    vstore_lane.i8x16 v3, v1+1, 15
    v4 = vsload_extend.i32x4 v1
    store.v128 v4, v1
    return
}
