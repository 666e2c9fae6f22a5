// Runs a WASI preview1 program under node (node:wasi) with one preopened
// directory and an explicit environment: the reference wasmoon is compared with.
// usage: node run-node.mjs FILE.wasm HOST_DIR GUEST_DIR [NAME=VALUE...] -- [ARGS...]
// argv[0] is FILE.wasm as given, like `wasmoon run FILE.wasm -- ARGS`.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
if (argv.length < 3 || dash < 3) {
  console.error('usage: node run-node.mjs FILE.wasm HOST_DIR GUEST_DIR [NAME=VALUE...] -- [ARGS...]');
  process.exit(2);
}
const [wasmPath, hostDir, guestDir] = argv;
const env = Object.fromEntries(argv.slice(3, dash).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const wasi = new WASI({
  version: 'preview1',
  args: [wasmPath, ...argv.slice(dash + 1)],
  env,
  preopens: { [guestDir]: hostDir },
  returnOnExit: true,
});
const module = await WebAssembly.compile(readFileSync(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
