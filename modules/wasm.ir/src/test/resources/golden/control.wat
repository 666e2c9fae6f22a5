;; if/else with results, multi-value blocks, br_table, dead code after br.
(module
  (type $pair (func (param i32) (result i32 i32)))
  (func $max (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.gt_s
    if (result i32)
      local.get 0
    else
      local.get 1
    end)
  (func $abs (param i32) (result i32)
    local.get 0
    i32.const 0
    i32.lt_s
    if
      i32.const 0
      local.get 0
      i32.sub
      local.set 0
    end
    local.get 0)
  (func $switch (param i32) (result i32)
    block
      block
        block
          local.get 0
          br_table 0 1 2
        end
        i32.const 10
        return
      end
      i32.const 20
      return
      i32.const 99
      drop
    end
    i32.const 30)
  (func $multi (param i32) (result i32)
    local.get 0
    block (type $pair)
      i32.const 1
      i32.add
      local.get 0
    end
    i32.mul))

;; ==== expected IR ====
function %func_0(i32, i32) -> i32 {
block0(v0: i64, v1: i32, v2: i32):
    v3 = icmp.i32 sgt v1, v2
    brif v3, block1, block2

block1:
    jump block3(v1)

block2:
    jump block3(v2)

block3(v4: i32):
    return v4
}

function %func_1(i32) -> i32 {
block0(v0: i64, v1: i32):
    v2 = iconst.i32 0
    v3 = icmp.i32 slt v1, v2
    brif v3, block1, block2

block1:
    v4 = iconst.i32 0
    v5 = isub.i32 v4, v1
    jump block3(v5)

block2:
    jump block3(v1)

block3(v6: i32):
    return v6
}

function %func_2(i32) -> i32 {
block0(v0: i64, v1: i32):
    br_table v1, block1, [block2, block3]

block2:
    v2 = iconst.i32 10
    return v2

block3:
    v3 = iconst.i32 20
    return v3

block1:
    v4 = iconst.i32 30
    return v4
}

function %func_3(i32) -> i32 {
block0(v0: i64, v1: i32):
    v2 = iconst.i32 1
    v3 = iadd.i32 v1, v2
    v4 = imul.i32 v3, v1
    return v4
}
