// The V8 side of wasmoon's differential fuzzer (docs/fuzzing.md): runs a batch of
// instrumented modules (wasmoon.cli.fuzz.Instrumenter made them: every float crosses the
// JS boundary as its integer bits, so nothing is lost to JS numbers) and prints what it
// observes in the line format that wasmoon.cli.fuzz.FuzzWorker prints for wasmoon:
//
//   begin ID
//   inst ok | inst trap KIND | inst link-error | inst compile-error
//   log i32|i64|f32|f64 VALUE         (a call to a fuzzing-support import, floats as bits or "nan")
//   log v128 LO HI                    (log-v128, which the instrumenter retyped to its two i64 halves)
//   call NAME ok VALUE... | call NAME trap KIND | call NAME exhausted
//   global K VALUE...                 (after instantiation and after each call, per global getter;
//                                      a v128 global as its two i64 halves)
//   memory PAGES HASH                 (after the last call, when there is a memory)
//   end ID
//
// usage: node scripts/fuzz/run-node.mjs BATCH_FILE
// The batch file holds, per module: "module ID PATH", then "call NAME SIG ARG..." lines
// (SIG: one letter per parameter, i for i32, I for i64; a v128 is two I), then "end".
import { readFileSync, writeSync } from 'node:fs';

const batchFile = process.argv[2];
if (!batchFile) {
  console.error('usage: node run-node.mjs BATCH_FILE');
  process.exit(2);
}

let out = [];
function emit(line) {
  out.push(line);
}
function flush() {
  if (out.length > 0) {
    writeSync(1, out.join('\n') + '\n');
    out = [];
  }
}

// Trap kinds shared with FuzzWorker.trapKind: V8's RuntimeError messages, one kind per
// spec trap class (V8 does not tell an uninitialized element from a type mismatch, nor an
// undefined element from an out-of-bounds table access: each pair is one kind).
function trapKind(e) {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return null;
  const m = String(e && e.message);
  if (/unreachable/.test(m)) return 'unreachable';
  if (/memory access out of bounds|data segment.*out of bounds|out of bounds memory/.test(m)) return 'memory-oob';
  if (/divide by zero|remainder by zero/.test(m)) return 'div-zero';
  // "float unrepresentable" is V8's word for both traps of a truncation (NaN: the spec's
  // "invalid conversion to integer"; out of range: "integer overflow"), so they are one kind.
  if (/divide result unrepresentable|float unrepresentable/.test(m)) return 'overflow-or-conversion';
  if (/table index is out of bounds|element segment.*out of bounds|table access out of bounds/.test(m)) return 'table-oob';
  if (/null function|signature mismatch/.test(m)) return 'indirect-call';
  return 'other:' + m.replace(/\s+/g, '_');
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function floatBits32(x) {
  if (Number.isNaN(x)) return 'nan';
  f32[0] = x;
  return '0x' + u32[0].toString(16);
}
function floatBits64(x) {
  if (Number.isNaN(x)) return 'nan';
  f64[0] = x;
  return '0x' + u64[0].toString(16);
}

// The memory hash of FuzzWorker.memoryHash: FNV-1a over the little-endian 32-bit words.
function memoryHash(buffer) {
  const words = new Int32Array(buffer);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < words.length; i++) {
    h = Math.imul(h ^ words[i], 0x01000193);
  }
  return (h >>> 0).toString(16);
}

function formatValue(v) {
  return typeof v === 'bigint' ? BigInt.asIntN(64, v).toString() : String(v | 0);
}

const imports = {
  'fuzzing-support': {
    'log-i32': (x) => emit('log i32 ' + (x | 0)),
    'log-i64': (x) => emit('log i64 ' + BigInt.asIntN(64, x)),
    'log-f32': (x) => emit('log f32 ' + floatBits32(x)),
    'log-f64': (x) => emit('log f64 ' + floatBits64(x)),
    'log-v128': (lo, hi) => emit('log v128 ' + BigInt.asIntN(64, lo) + ' ' + BigInt.asIntN(64, hi)),
  },
};

function observeMemory(exports) {
  const mem = exports['fuzz$memory'];
  if (mem instanceof WebAssembly.Memory) {
    emit('memory ' + mem.buffer.byteLength / 65536 + ' ' + memoryHash(mem.buffer));
  }
}

function observeGlobals(exports) {
  for (let k = 0; ; k++) {
    const getter = exports['fuzz$global$' + k];
    if (typeof getter !== 'function') break;
    const v = getter(); // a v128 global comes as an array of its two i64 halves
    emit('global ' + k + ' ' + (Array.isArray(v) ? v.map(formatValue).join(' ') : formatValue(v)));
  }
}

function runModule(id, path, calls) {
  emit('begin ' + id);
  let instance;
  try {
    const module = new WebAssembly.Module(readFileSync(path));
    try {
      instance = new WebAssembly.Instance(module, imports);
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) emit('inst link-error');
      else {
        const kind = trapKind(e);
        emit(kind === null ? 'inst exhausted' : 'inst trap ' + kind);
      }
    }
  } catch (e) {
    emit('inst compile-error');
  }
  if (instance) {
    emit('inst ok');
    const exports = instance.exports;
    observeGlobals(exports);
    for (const [name, sig, args] of calls) {
      const fn = exports[name];
      const values = args.map((a, i) => (sig[i] === 'I' ? BigInt(a) : Number(a)));
      let line;
      let exhausted = false;
      try {
        const r = fn(...values);
        if (r === undefined) line = 'call ' + name + ' ok';
        else if (Array.isArray(r)) line = 'call ' + name + ' ok ' + r.map(formatValue).join(' ');
        else line = 'call ' + name + ' ok ' + formatValue(r);
      } catch (e) {
        const kind = trapKind(e);
        exhausted = kind === null;
        line = 'call ' + name + (exhausted ? ' exhausted' : ' trap ' + kind);
      }
      emit(line);
      if (exhausted) break;
      observeGlobals(exports);
    }
    observeMemory(exports);
  }
  emit('end ' + id);
  flush();
}

const lines = readFileSync(batchFile, 'utf8').split('\n');
let current = null;
for (const line of lines) {
  if (line === '') continue;
  const f = line.split(' ');
  if (f[0] === 'module') current = { id: f[1], path: f.slice(2).join(' '), calls: [] };
  else if (f[0] === 'call') current.calls.push([f[1], f[2] === '-' ? '' : f[2], f.slice(3)]);
  else if (f[0] === 'end') {
    runModule(current.id, current.path, current.calls);
    current = null;
  }
}
flush();
