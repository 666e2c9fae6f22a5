;; A counting loop: the loop header gets block parameters for the locals it changes.
(module
  (func $sum (param i32) (result i32)
    (local i32 i32)
    block
      loop
        local.get 1
        local.get 0
        i32.ge_u
        br_if 1
        local.get 2
        local.get 1
        i32.add
        local.set 2
        local.get 1
        i32.const 1
        i32.add
        local.set 1
        br 0
      end
    end
    local.get 2)
  (func $fact (param i64) (result i64)
    (local i64)
    i64.const 1
    local.set 1
    loop $l
      local.get 0
      i64.eqz
      if
        local.get 1
        return
      end
      local.get 1
      local.get 0
      i64.mul
      local.set 1
      local.get 0
      i64.const 1
      i64.sub
      local.set 0
      br $l
    end
    unreachable))

;; ==== expected IR ====
function %func_0(i32) -> i32 {
block0(v0: i64, v1: i32):
    v10 = iconst.i32 0
    v9 = iconst.i32 0
    jump block1(v9, v10)

block1(v2: i32, v5: i32):
    v4 = icmp.i32 uge v2, v1
    brif v4, block2, block3

block3:
    v6 = iadd.i32 v5, v2
    v7 = iconst.i32 1
    v8 = iadd.i32 v2, v7
    jump block1(v8, v6)

block2:
    return v5
}

function %func_1(i64) -> i64 {
block0(v0: i64, v1: i64):
    v2 = iconst.i64 1
    jump block1(v1, v2)

block1(v3: i64, v5: i64):
    v4 = eqz.i64 v3
    brif v4, block2, block3

block2:
    return v5

block3:
    jump block4

block4:
    v6 = imul.i64 v5, v3
    v7 = iconst.i64 1
    v8 = isub.i64 v3, v7
    jump block1(v8, v6)
}
