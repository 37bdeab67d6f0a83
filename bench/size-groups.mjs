// Sums a twiggy item list into what takes the space: the embedded data files,
// other constant data, and code by crate / module.
//
//   twiggy top -n 100000 --format csv FILE.wasm > items.csv
//   node bench/size-groups.mjs items.csv FILE.wasm
//
// Embedded files (include_str!) are found byte for byte in the wasm; their
// gzip -9 size alone is given as an estimate of what each adds to the
// gzipped download.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from './server.mjs';

const [csvFile, wasmFile] = process.argv.slice(2);
if (!csvFile || !wasmFile) { console.error('usage: node bench/size-groups.mjs items.csv file.wasm'); process.exit(2); }
const wasm = fs.readFileSync(wasmFile);

function parseCsv(text) {
  const rows = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const m = /^"((?:[^"]|"")*)",(\d+)|^([^,]*),(\d+)/.exec(line);
    if (m) rows.push({ name: (m[1] ?? m[3]).replace(/""/g, '"'), bytes: Number(m[2] ?? m[4]) });
  }
  return rows;
}
const items = parseCsv(fs.readFileSync(csvFile, 'utf8'));

const RULES = [
  [/^"function names" subsection|^"producers"|^"target_features"|custom section|names" subsection/, 'name and custom sections (not in the release build)'],
  [/^data segment|^data\[/, 'constant data (data segments)'],
  [/flt2dec|float_to_decimal|float_to_exponential|<f(32|64) as core.*::fmt::(Display|Debug|LowerExp)>|num::fmt|core.*::fmt::float/, 'core::fmt float formatting (flt2dec, dragon/grisu)'],
  [/core.*::slice::sort::/, 'core::slice::sort (one stable or unstable sort per element type)'],
  [/\bserde_json\b/, 'serde_json'],
  [/_::<impl serde[_a-z]*::(de::)?Deserialize|__Visitor|__FieldVisitor|as serde[_a-z]*::de::Visitor>/, 'serde derive (Deserialize of our types)'],
  [/\bserde(_core)?\b/, 'serde'],
  [/\bcsv(_core)?\b/, 'csv'],
  [/\bplotters(_backend|_canvas|_svg)?\b/, 'plotters (+ canvas, svg backends)'],
  [/kyoto_widgets::web::browser/, 'kyoto_widgets::web::browser (paragraph browser)'],
  [/kyoto_widgets::web::chart/, 'kyoto_widgets::web::chart (pillar chart)'],
  [/kyoto_widgets::web/, 'kyoto_widgets::web (other)'],
  [/kyoto_widgets::render/, 'kyoto_widgets::render'],
  [/kyoto_widgets::core::import/, 'kyoto_widgets::core::import'],
  [/kyoto_widgets::core::query/, 'kyoto_widgets::core::query (search)'],
  [/kyoto_widgets::core::(layout|chart)/, 'kyoto_widgets::core::layout + chart'],
  [/kyoto_widgets::core::aggregate/, 'kyoto_widgets::core::aggregate'],
  [/kyoto_widgets::core::i18n/, 'kyoto_widgets::core::i18n'],
  [/kyoto_widgets/, 'kyoto_widgets (other)'],
  [/\b(wasm_bindgen|js_sys|web_sys|wasm_bindgen_futures)\b|__wbg|__wbindgen|closure|describe/, 'wasm-bindgen, js-sys, web-sys glue'],
  [/\bdlmalloc\b|__rust_(alloc|dealloc|realloc)|memcpy|memmove|memset|memcmp/, 'allocator, mem* (dlmalloc, compiler-builtins)'],
  [/\b(hashbrown|HashMap|RandomState|sip)\b/, 'hashbrown (HashMap)'],
  [/btree/, 'alloc::collections::btree (BTreeMap: serde_json objects and others)'],
  [/to_lowercase|to_uppercase|unicode|conversions/, 'Unicode case mapping (str::to_lowercase)'],
  [/::fmt\b|core::fmt|Formatter|Arguments|Display|Debug/, 'core::fmt (other)'],
  [/\b(core|alloc|std)\b/, 'core, alloc, std (other)'],
  [/^code\[|^func\[/, 'unnamed functions'],
];
const groups = new Map();
for (const it of items) {
  const rule = RULES.find(([re]) => re.test(it.name));
  const g = rule ? rule[1] : 'other';
  groups.set(g, (groups.get(g) || 0) + it.bytes);
}
const total = items.reduce((a, b) => a + b.bytes, 0);

// Embedded files, found in the wasm.
// data/i18n/ holds each language's catalogue and, in folders, the catalogue
// parts of the widgets in modules of their own.
const I18N = path.join(ROOT, 'data', 'i18n');
const catalogues = fs.readdirSync(I18N, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
  ? fs.readdirSync(path.join(I18N, e.name)).map((f) => `data/i18n/${e.name}/${f}`)
  : [`data/i18n/${e.name}`]));
const EMBEDDED = ['data/kyoto-declaration.json', 'data/kyoto-declaration-outline.json', 'data/sample-activities.json',
  'src/web/widget.css', 'src/web/browser.css', ...catalogues];
const embedded = [];
for (const f of EMBEDDED) {
  const b = fs.readFileSync(path.join(ROOT, f));
  let n = 0; let at = wasm.indexOf(b);
  while (at >= 0) { n++; at = wasm.indexOf(b, at + 1); }
  embedded.push({ f, raw: b.length, gz: zlib.gzipSync(b, { level: 9 }).length, times: n });
}

const kb = (b) => (b / 1024).toFixed(1);
const out = [];
out.push(`${path.basename(wasmFile)}: ${kb(wasm.length)} KB raw, ${kb(zlib.gzipSync(wasm, { level: 9 }).length)} KB gzip -9`, '');
out.push('| what | KB | share |', '|---|---:|---:|');
for (const [g, b] of [...groups.entries()].sort((a, b) => b[1] - a[1])) out.push(`| ${g} | ${kb(b)} | ${(b / total * 100).toFixed(1)}% |`);
out.push('', '| embedded file (in the constant data) | in the wasm | KB raw | KB gzip -9 alone |', '|---|---:|---:|---:|');
for (const e of embedded) out.push(`| ${e.f} | ${e.times}× | ${kb(e.raw)} | ${kb(e.gz)} |`);
console.log(out.join('\n'));
