;; Tail calls: return_call and return_call_indirect end their block (no results of their own,
;; the callee's are the function's), here in tail position, in a branch, and with several results.
(module
  (type $pair (func (param i64 i32) (result i64 i32)))
  (type $un (func (param i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $count $swap)
  (func $count (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 42))
      (else (return_call $count (i64.sub (local.get $n) (i64.const 1))))))
  (func $swap (param i64 i32) (result i64 i32)
    local.get 0
    local.get 1
    i32.const 1
    return_call_indirect (type $pair)
    i32.const 7)
  (func $viaTable (param i64) (result i64)
    local.get 0
    i32.const 0
    return_call_indirect (type $un)))

;; ==== expected IR ====
function %func_0(i64) -> i64 {
    fn0 = (i64) -> i64

block0(v0: i64, v1: i64):
    v2 = eqz.i64 v1
    brif v2, block1, block2

block1:
    v3 = iconst.i64 42
    jump block3

block2:
    v5 = iconst.i64 1
    v6 = isub.i64 v1, v5
    return_call fn0(v6)

block3:
    return v3
}

function %func_1(i64, i32) -> i64, i32 {
    type0 = (i64, i32) -> i64, i32

block0(v0: i64, v1: i64, v2: i32):
    v3 = iconst.i32 1
    return_call_indirect type0, table0, v3(v1, v2)
}

function %func_2(i64) -> i64 {
    type1 = (i64) -> i64

block0(v0: i64, v1: i64):
    v2 = iconst.i32 0
    return_call_indirect type1, table0, v2(v1)
}
