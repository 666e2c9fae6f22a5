// Runs a WASI preview1 program under node (node:wasi), the JIT-class reference
// for wasmoon's workloads: stdout, stderr and the exit code are the program's.
// usage: node scripts/run-node-wasi.mjs FILE.wasm [ARGS...]
// With RUN_PHASE_TIMING=1 it also prints "run phase: N ms (cpu M ms)" on stderr: the
// wall and process CPU time of wasi.start alone, after compilation and instantiation
// (scripts/bench-peers.sh; run node with --no-wasm-lazy-compilation so that no
// function compiles in it).
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [wasmPath, ...args] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: node scripts/run-node-wasi.mjs FILE.wasm [ARGS...]');
  process.exit(2);
}
const wasi = new WASI({
  version: 'preview1',
  args: [basename(wasmPath), ...args],
  env: {},
  returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
process.exitCode = wasi.start(instance);
if (process.env.RUN_PHASE_TIMING === '1') {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  process.stderr.write(`run phase: ${ms.toFixed(3)} ms (cpu ${((cpu.user + cpu.system) / 1e3).toFixed(3)} ms)\n`);
}
