// Calls one export of an import-free module under node and prints its result,
// the node counterpart of `wasmoon run FILE --invoke NAME --arg ...` for
// integer functions (BigInt for i64).
// usage: node scripts/run-node-invoke.mjs FILE.wasm EXPORT [ARGS...]
import { readFileSync } from 'node:fs';

const [wasmPath, exportName, ...args] = process.argv.slice(2);
if (!wasmPath || !exportName) {
  console.error('usage: node scripts/run-node-invoke.mjs FILE.wasm EXPORT [ARGS...]');
  process.exit(2);
}
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const fn = instance.exports[exportName];
if (typeof fn !== 'function') {
  console.error(`no exported function ${exportName}`);
  process.exit(2);
}
// Numbers first; an i64 parameter refuses them, then integers go in as BigInt (node 20 has no
// type reflection to ask the parameter types).
let result;
try {
  result = fn(...args.map(Number));
} catch (e) {
  if (!(e instanceof TypeError)) {
    throw e;
  }
  result = fn(...args.map((a) => (/^-?\d+$/.test(a) ? BigInt(a) : Number(a))));
}
if (result !== undefined) {
  console.log(String(result));
}
