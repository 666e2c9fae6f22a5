;; Factorial of an i64, twice: recursively and with a loop.
;;   wasmoon run examples/fac.wasm --invoke fac --arg 20        -> 2432902008176640000
;;   wasmoon run examples/fac.wasm --invoke fac_iter --arg 20   -> 2432902008176640000
;; Results wrap modulo 2^64 past 20! (as i64 arithmetic does).
(module
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else
        (i64.mul
          (local.get $n)
          (call $fac (i64.sub (local.get $n) (i64.const 1)))))))

  (func $fac_iter (export "fac_iter") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc)))
