/** Helpers the passes share (constant evaluation, branch-argument rewriting); not API. */
package wasm.opt.internal;
