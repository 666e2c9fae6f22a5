;; Signed division, which traps.
;;   wasmoon run examples/div.wasm --invoke div --arg 7 --arg 2             -> 3
;;   wasmoon run examples/div.wasm --invoke div --arg 7 --arg 0             -> exit 1: integer divide by zero
;;   wasmoon run examples/div.wasm --invoke div --arg -2147483648 --arg -1  -> exit 1: integer overflow
(module
  (func (export "div") (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))

  (func (export "rem") (param $a i32) (param $b i32) (result i32)
    (i32.rem_s (local.get $a) (local.get $b))))
