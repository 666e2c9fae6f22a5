;; br_table carrying a value to every target, a loop with parameters, a dead else branch.
(module
  (type $ii (func (param i32) (result i32)))
  (func $pick (param i32 i32) (result i32)
    block (result i32)
      block (result i32)
        local.get 1
        local.get 0
        br_table 0 1 0
      end
      i32.const 100
      i32.add
    end)
  (func $countdown (param i32) (result i32)
    local.get 0
    loop (type $ii)
      i32.const 1
      i32.sub
      local.tee 0
      local.get 0
      br_if 0
    end)
  (func $deadelse (param i32) (result i32)
    local.get 0
    if (result i32)
      i32.const 1
    else
      unreachable
    end))

;; ==== expected IR ====
function %func_0(i32, i32) -> i32 {
block0(v0: i64, v1: i32, v2: i32):
    br_table v1, block1, [block1, block2(v2)]

block1:
    v5 = iconst.i32 100
    v6 = iadd.i32 v2, v5
    jump block2(v6)

block2(v4: i32):
    return v4
}

function %func_1(i32) -> i32 {
block0(v0: i64, v1: i32):
    jump block1(v1)

block1(v2: i32):
    v3 = iconst.i32 1
    v4 = isub.i32 v2, v3
    brif v4, block1(v4), block2

block2:
    return v4
}

function %func_2(i32) -> i32 {
block0(v0: i64, v1: i32):
    brif v1, block1, block2

block1:
    v2 = iconst.i32 1
    jump block3

block2:
    trap unreachable

block3:
    return v2
}
