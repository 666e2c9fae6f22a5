;; Direct and indirect calls, multi-value results, tables and references.
(module
  (type $unop (func (param i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $inc $twice)
  (func $inc (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add)
  (func $twice (param i32) (result i32 i32)
    local.get 0
    local.get 0)
  (func $use (param i32) (result i32)
    local.get 0
    call $inc
    call $twice
    i32.add
    local.get 0
    call_indirect (type $unop))
  (func $refs (param i32) (result i32)
    local.get 0
    table.get 0
    ref.is_null
    ref.func $inc
    local.get 0
    table.grow 0
    i32.add
    table.size 0
    i32.add))

;; ==== expected IR ====
function %func_0(i32) -> i32 {
block0(v0: i64, v1: i32):
    v2 = iconst.i32 1
    v3 = iadd.i32 v1, v2
    return v3
}

function %func_1(i32) -> i32, i32 {
block0(v0: i64, v1: i32):
    return v1, v1
}

function %func_2(i32) -> i32 {
    type0 = (i32) -> i32
    fn0 = (i32) -> i32
    fn1 = (i32) -> i32, i32

block0(v0: i64, v1: i32):
    v2 = call fn0(v1)
    v3, v4 = call fn1(v2)
    v5 = iadd.i32 v3, v4
    v6 = call_indirect type0, table0, v1(v5)
    return v6
}

function %func_3(i32) -> i32 {
block0(v0: i64, v1: i32):
    v2 = table.get table0, v1
    v3 = ref.is_null v2
    v4 = ref.func fn0
    v5 = table.grow.i32 table0, v4, v1
    v6 = iadd.i32 v3, v5
    v7 = table.size.i32 table0
    v8 = iadd.i32 v6, v7
    return v8
}
