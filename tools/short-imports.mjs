// Short import names for a web module: wasm-bindgen names each function the
// wasm imports from its glue `__wbg_<name>_<16 hex digits>` (192 of them in
// the chart's module, 10 KB of names), written twice, in the wasm's import
// section and as the keys of the glue's import object. The hashes do not
// compress. This gives each import a short name (a, b, …, ba, …) in both files.
//
//   node tools/short-imports.mjs pkg/kyoto_chart_bg.wasm pkg/kyoto_chart.js
//
// Run by `./x build` on wasm-bindgen's glue before terser, after wasm-opt.
// Every import name must be a key of the glue's import object exactly once;
// anything else (a name not found, found twice, a malformed wasm) fails the
// build with the reason, and neither file is written.
import fs from 'node:fs';

const [wasmPath, jsPath] = process.argv.slice(2);
const fail = (why) => {
  console.error(`short-imports: ${why}`);
  process.exit(1);
};
if (!wasmPath || !jsPath) fail('usage: node tools/short-imports.mjs MODULE_bg.wasm MODULE.js');

const bytes = fs.readFileSync(wasmPath);
let glue = fs.readFileSync(jsPath, 'utf8');

// LEB128 unsigned, as the binary format writes sizes and counts.
function readU32(buf, at) {
  let value = 0;
  let shift = 0;
  for (let i = at; i < buf.length && i < at + 5; i += 1) {
    value += (buf[i] & 0x7f) * 2 ** shift;
    if ((buf[i] & 0x80) === 0) return [value, i + 1];
    shift += 7;
  }
  return fail(`${wasmPath}: a malformed number at byte ${at}`);
}
function writeU32(value) {
  const out = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return Buffer.from(out);
}
const name = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([writeU32(b.length), b]);
};

// The n-th short name: letters only, so that it is a plain property name.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
function shortName(n) {
  let s = '';
  let k = n;
  do {
    s = LETTERS[k % LETTERS.length] + s;
    k = Math.floor(k / LETTERS.length) - 1;
  } while (k >= 0);
  return s;
}

if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not WebAssembly`);
const sections = [];
let at = 8;
let imports = null;
while (at < bytes.length) {
  const id = bytes[at];
  const [size, body] = readU32(bytes, at + 1);
  const end = body + size;
  if (end > bytes.length) fail(`${wasmPath}: section ${id} runs past the end`);
  sections.push({ id, start: at, body, end });
  if (id === 2) imports = sections[sections.length - 1];
  at = end;
}
if (!imports) fail(`${wasmPath} imports nothing`);

// Import section: count, then (module, field, kind, description) each.
const parts = [];
let p = imports.body;
const [count, first] = readU32(bytes, p);
p = first;
const renamed = new Map();
for (let i = 0; i < count; i += 1) {
  const [mlen, m0] = readU32(bytes, p);
  const module = bytes.subarray(m0, m0 + mlen).toString('utf8');
  const [flen, f0] = readU32(bytes, m0 + mlen);
  const field = bytes.subarray(f0, f0 + flen).toString('utf8');
  let q = f0 + flen;
  const kind = bytes[q];
  q += 1;
  // Description: a function's type index; a table (reftype, limits); a
  // memory (limits); a global (valtype, mutability); a tag (0, type index).
  const limits = (r) => {
    const flags = bytes[r];
    let [, next] = readU32(bytes, r + 1);
    if (flags & 1) [, next] = readU32(bytes, next);
    return next;
  };
  if (kind === 0) [, q] = readU32(bytes, q);
  else if (kind === 1) q = limits(q + 1);
  else if (kind === 2) q = limits(q);
  else if (kind === 3) q += 2;
  else if (kind === 4) [, q] = readU32(bytes, q + 1);
  else fail(`${wasmPath}: import ${i} has unknown kind ${kind}`);
  const description = bytes.subarray(f0 + flen, q);
  let field2 = field;
  if (kind === 0) {
    if (renamed.has(field)) fail(`${wasmPath}: ${field} is imported twice`);
    field2 = shortName(renamed.size);
    renamed.set(field, field2);
  }
  parts.push(Buffer.concat([name(module), name(field2), description]));
  p = q;
}
if (p !== imports.end) fail(`${wasmPath}: the import section has ${imports.end - p} bytes after its last import`);

// The glue: each name is a key of the import object (`name: function`, or
// `name:function` once minified), exactly once.
for (const [long, short] of renamed) {
  const key = new RegExp(`(^|[^\\w$])${long.replace(/\$/g, '\\$')}(\\s*:)`, 'g');
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) fail(`${jsPath}: import ${long} is a key of the glue ${found} times, not once`);
  glue = glue.replace(key, `$1${short}$2`);
  if (new RegExp(`(^|[^\\w$])${long.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(glue)) {
    fail(`${jsPath}: import ${long} is named elsewhere in the glue than as its key`);
  }
}

const section = Buffer.concat([writeU32(count), ...parts]);
const out = Buffer.concat([
  bytes.subarray(0, imports.start),
  Buffer.from([2]),
  writeU32(section.length),
  section,
  bytes.subarray(imports.end),
]);
try {
  new WebAssembly.Module(out);
} catch (e) {
  fail(`${wasmPath}: the rewritten module does not compile: ${e.message}`);
}
fs.writeFileSync(wasmPath, out);
fs.writeFileSync(jsPath, glue);
console.error(
  `short-imports: ${renamed.size} imports of ${wasmPath}: ${bytes.length} -> ${out.length} bytes of wasm`,
);
