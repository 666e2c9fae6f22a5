;; Names in every name subsection wasmoon decodes (compile with --debug-names).
(module $named_module
  (func $first (param $p0 i32) (param $p1 f32) (local $l2 i64))
  (func $second (local $only externref))
  (func (param i32))
)
