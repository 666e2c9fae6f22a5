;; Patterns the x86-64 lowering rules fuse or fold, with their edge values, so
;; that each rule of modules/wasm.backend (LoweringRules) is reached by a script
;; whose results both tiers check (LoweringRulesTest lowers this file too).

;; select fused with the compare that feeds it (cmp + cmov), constant on either side
(module
  (func (export "min_s") (param i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (i32.lt_s (local.get 0) (local.get 1))))
  (func (export "pick_if_small") (param i64 i64 i64) (result i64)
    (select (local.get 0) (local.get 1) (i64.lt_u (local.get 2) (i64.const 100))))
  (func (export "pick_if_big") (param i32 i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (i32.gt_s (i32.const -5) (local.get 2))))
  (func (export "pick_if_zero") (param i64 i64 i64) (result i64)
    (select (local.get 0) (local.get 1) (i64.eqz (local.get 2))))
  (func (export "pick_if_nonzero") (param i32 i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (local.get 2))))
(assert_return (invoke "min_s" (i32.const -3) (i32.const 2)) (i32.const -3))
(assert_return (invoke "min_s" (i32.const 7) (i32.const -2147483648)) (i32.const -2147483648))
(assert_return (invoke "pick_if_small" (i64.const 1) (i64.const 2) (i64.const 99)) (i64.const 1))
(assert_return (invoke "pick_if_small" (i64.const 1) (i64.const 2) (i64.const -1)) (i64.const 2))
(assert_return (invoke "pick_if_big" (i32.const 1) (i32.const 2) (i32.const -6)) (i32.const 1))
(assert_return (invoke "pick_if_big" (i32.const 1) (i32.const 2) (i32.const -5)) (i32.const 2))
(assert_return (invoke "pick_if_zero" (i64.const 10) (i64.const 20) (i64.const 0)) (i64.const 10))
(assert_return (invoke "pick_if_zero" (i64.const 10) (i64.const 20) (i64.const 0x100000000)) (i64.const 20))
(assert_return (invoke "pick_if_nonzero" (i32.const 10) (i32.const 20) (i32.const -1)) (i32.const 10))
(assert_return (invoke "pick_if_nonzero" (i32.const 10) (i32.const 20) (i32.const 0)) (i32.const 20))
