;; Loads and stores keep their static offset; memory, globals and bulk operations.
(module
  (memory 1)
  (global $g (mut i32) (i32.const 7))
  (data "abc")
  (func $copy (param i32 i32)
    local.get 0
    local.get 1
    i32.load offset=4
    i32.store offset=8
    local.get 0
    local.get 1
    i64.load16_s
    i64.store32)
  (func $grow (param i32) (result i32)
    global.get $g
    local.get 0
    i32.add
    global.set $g
    local.get 0
    memory.grow
    memory.size
    i32.add)
  (func $bulk (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.copy
    local.get 0
    i32.const 0
    local.get 2
    memory.fill
    local.get 0
    i32.const 0
    i32.const 2
    memory.init 0
    data.drop 0))

;; ==== expected IR ====
function %func_0(i32, i32) {
block0(v0: i64, v1: i32, v2: i32):
    v3 = load.i32 v2+4
    store.i32 v3, v1+8
    v4 = sload16.i64 v2
    istore32.i64 v4, v1
    return
}

function %func_1(i32) -> i32 {
block0(v0: i64, v1: i32):
    v2 = global.get.i32 g0
    v3 = iadd.i32 v2, v1
    global.set.i32 g0, v3
    v4 = memory.grow.i32 mem0, v1
    v5 = memory.size.i32 mem0
    v6 = iadd.i32 v4, v5
    return v6
}

function %func_2(i32, i32, i32) {
block0(v0: i64, v1: i32, v2: i32, v3: i32):
    memory.copy mem0, mem0, v1, v2, v3
    v4 = iconst.i32 0
    memory.fill mem0, v1, v4, v3
    v5 = iconst.i32 0
    v6 = iconst.i32 2
    memory.init data0, mem0, v1, v5, v6
    data.drop data0
    return
}
