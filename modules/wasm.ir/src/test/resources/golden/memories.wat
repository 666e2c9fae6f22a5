;; Several memories, one of them 64-bit: loads, stores (v128 and lane forms included) and memory
;; instructions name their memory, and a 64-bit memory's addresses, sizes and lengths are i64.
(module
  (memory $small 1)
  (memory $big i64 1)
  (data (memory $big) (i64.const 8) "xyz")
  (func $move (param i32 i64)
    local.get 1
    local.get 0
    i32.load $small offset=4
    i32.store $big offset=4294967296
    local.get 1
    i64.load8_u $big
    drop)
  (func $sizes (result i64)
    memory.size $big
    i64.const 1
    memory.grow $big
    i64.add
    memory.size $small
    i64.extend_i32_u
    i64.add)
  (func $bulk (param i32 i64)
    local.get 0
    local.get 1
    i32.const 3
    memory.copy $small $big
    local.get 1
    i32.const 0
    i64.const 5
    memory.fill $big)
  (func $vectors (param i32 i64) (result v128) (local v128)
    local.get 1
    local.get 1
    v128.load $big offset=16
    v128.store $big
    local.get 1
    local.get 0
    v128.load32_splat $small
    v128.load16_lane $big offset=2 3
    local.set 2
    local.get 0
    local.get 2
    v128.store8_lane $small 15
    local.get 2))

;; ==== expected IR ====
function %func_0(i32, i64) {
block0(v0: i64, v1: i32, v2: i64):
    v3 = load.i32 v1+4
    store.i32 mem1 v3, v2+4294967296
    v4 = uload8.i64 mem1 v2
    return
}

function %func_1() -> i64 {
block0(v0: i64):
    v1 = memory.size.i64 mem1
    v2 = iconst.i64 1
    v3 = memory.grow.i64 mem1, v2
    v4 = iadd.i64 v1, v3
    v5 = memory.size.i32 mem0
    v6 = uextend.i64 v5
    v7 = iadd.i64 v4, v6
    return v7
}

function %func_2(i32, i64) {
block0(v0: i64, v1: i32, v2: i64):
    v3 = iconst.i32 3
    memory.copy mem0, mem1, v1, v2, v3
    v4 = iconst.i32 0
    v5 = iconst.i64 5
    memory.fill mem1, v2, v4, v5
    return
}

function %func_3(i32, i64) -> v128 {
block0(v0: i64, v1: i32, v2: i64):
    v3 = load.v128 mem1 v2+16
    store.v128 mem1 v3, v2
    v4 = vload_splat.i32x4 v1
    v5 = vload_lane.i16x8 mem1 v2+2, v4, 3
    vstore_lane.i8x16 v5, v1, 15
    return v5
}
