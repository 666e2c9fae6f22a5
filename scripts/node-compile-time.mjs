// Times WebAssembly.compile of one module in node, warm: ROUNDS compiles, the
// first one (cold) and the median of the others, in milliseconds; also the
// time of WebAssembly.validate (decode and validation, no code). Run it as
// `node --no-liftoff --no-wasm-lazy-compilation scripts/node-compile-time.mjs FILE [ROUNDS]`
// for V8's optimizing compiler (TurboFan) compiling every function, the peer of
// wasmoon's eager compile. Each round compiles different bytes (a custom section
// with the round number is appended), so V8's module cache cannot answer.
// Prints: FILE compile COLD_MS WARM_MEDIAN_MS, then FILE validate COLD_MS WARM_MEDIAN_MS.
import { readFileSync } from 'node:fs';

const [file, roundsText] = process.argv.slice(2);
if (!file) {
  console.error('usage: node [--no-liftoff] scripts/node-compile-time.mjs FILE.wasm [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsText ?? 10);
const bytes = readFileSync(file);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

async function timed(f) {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** bytes plus a custom section named `name` (id 0, size, name length, name): a distinct module. */
function withCustomSection(bytes, name) {
  const n = Buffer.from(name);
  const section = Buffer.concat([Buffer.from([0, n.length + 1, n.length]), n]);
  return new Uint8Array(Buffer.concat([bytes, section]));
}

const compile = [];
for (let i = 0; i <= rounds; i++) {
  const copy = withCustomSection(bytes, `round${i}`);
  compile.push(await timed(() => WebAssembly.compile(copy)));
}
const validate = [];
for (let i = 0; i <= rounds; i++) {
  validate.push(await timed(() => WebAssembly.validate(new Uint8Array(bytes))));
}
console.log(`${file} compile ${compile[0].toFixed(1)} ${median(compile.slice(1)).toFixed(1)}`);
console.log(`${file} validate ${validate[0].toFixed(1)} ${median(validate.slice(1)).toFixed(1)}`);
