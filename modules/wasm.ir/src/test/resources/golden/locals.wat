;; Locals become SSA values; unused locals cost nothing; a local read before any write is zero.
(module
  (func $swap (param i32 i32) (result i32)
    (local i32 i64)
    local.get 0
    local.set 2
    local.get 1
    local.set 0
    local.get 2
    local.set 1
    local.get 0
    local.get 1
    i32.sub)
  (func $zero (result i64)
    (local i64)
    local.get 0
    i64.const 1
    i64.add
    local.tee 0
    local.get 0
    i64.mul))

;; ==== expected IR ====
function %func_0(i32, i32) -> i32 {
block0(v0: i64, v1: i32, v2: i32):
    v3 = isub.i32 v2, v1
    return v3
}

function %func_1() -> i64 {
block0(v0: i64):
    v1 = iconst.i64 0
    v2 = iconst.i64 1
    v3 = iadd.i64 v1, v2
    v4 = imul.i64 v3, v3
    return v4
}
