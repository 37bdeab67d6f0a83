// How small could a page's wasm be if it held only the code the page runs?
// The lower bound of any split of a module into a part loaded with the page
// and parts loaded on demand (by hand, or by binaryen's wasm-split):
//
//   node bench/load-coverage.mjs [--module chart_json] [--n 100] [--pkg pkg]
//
// 1. `wasm-opt --log-execution` (npm's binaryen, as `x` uses it) instruments
//    the release module of pkg/ (kyoto_<module>_bg.wasm): every function's
//    entry and every loop head calls an imported `log_execution(id)`. A copy
//    of pkg/ in bench/data/coverage/pkg/ holds it; its glue supplies that
//    import, which records the ids in the page.
// 2. Headless Chromium (the benchmark's flags) loads a page of one widget
//    with a `src` of the N-activity JSON export, as the README embeds it, and
//    waits for `kyoto:loaded` and two frames ("load"); then, in a second
//    page, also does what a reader does next ("use"): for the chart, the
//    legend's three filters off and on again and a pointer over the bars; for
//    the paragraph browser, two searches and clearing the search.
// 3. Each function that never ran has its body replaced by `unreachable`
//    (`wasm-dis`, the text edited, `wasm-as`), and the module goes through
//    `x`'s `wasm-opt -Oz` again, which drops what only those functions used.
//    The original module goes through the same round trip as the control.
//    Printed, as a markdown table: bytes of the module and of those "run
//    only" modules, gzipped (level 9) whole and their code and data sections
//    alone, and the page's bytes (with kyoto.js and the module's glue).
//    bench/README.md row 23 has the figures of 2026-12-05.
// 4. The check: the "load" module, with the shipped glue, loads the page again
//    and the widget draws with no error (an emptied function that runs
//    traps); its screenshot is bench/data/coverage/only-what-ran-load.png.
//
// The data stays whole (wasm-split cannot move it either), and a function
// that ran once counts whole, with every error branch inlined into it: what
// is measured is what a split by functions could at best leave at load.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BENCH, FLAGS, ROOT, ensureExports, option, startBenchServer, servePkgCopy, wasmOptArgs } from './server.mjs';

const MODULE = option('--module', 'chart_json');
const N = Number(option('--n', 100));
const PKG_SRC = path.resolve(ROOT, option('--pkg', 'pkg'));
const OUT = path.join(BENCH, 'data', 'coverage');
const BIN = path.join(ROOT, 'node_modules', '.bin');
// x's wasm-opt arguments (tools/wasm-opt.args), and their features alone for
// the other binaryen tools.
const OPTIMIZE = wasmOptArgs();
const FEATURES = OPTIMIZE.filter((a) => a.startsWith('--enable-'));
const WIDGETS = { chart: 'kyoto-pillar-chart', browser: 'kyoto-paragraph-browser' };
const die = (m) => { console.error(`bench/load-coverage: ${m}`); process.exit(2); };

const kind = MODULE.split('_')[0];
if (!WIDGETS[kind]) die(`--module ${MODULE}: one of chart_json, chart_csv, chart, browser_json, browser_csv, browser`);
const name = `kyoto_${MODULE}`;
const wasmFile = path.join(PKG_SRC, `${name}_bg.wasm`);
if (!fs.existsSync(wasmFile)) die(`${wasmFile} is missing: run ./x build`);
const ext = MODULE.endsWith('_csv') ? 'csv' : 'json';
const dataFile = path.join(BENCH, 'data', `activities-${N}.${ext}`);
if (!ensureExports([dataFile], [N])) die('generating the export failed');

const tool = (bin, args) => execFileSync(path.join(BIN, bin), args, { maxBuffer: 1 << 30 });
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const work = (f) => path.join(OUT, f);

// 1. The instrumented module and its package.
tool('wasm-opt', [...FEATURES, '--log-execution', wasmFile, '-o', work('logged.wasm')]);
tool('wasm-dis', [work('logged.wasm'), '-o', work('logged.wat')]);
const pkgCopy = servePkgCopy(PKG_SRC, path.join('coverage', 'pkg'));
fs.copyFileSync(work('logged.wasm'), path.join(pkgCopy, `${name}_bg.wasm`));
const glueFile = path.join(pkgCopy, `${name}.js`);
const glue = fs.readFileSync(glueFile, 'utf8');
const importsObject = new RegExp(`"\\./${name}_bg\\.js":\\s*(\\w+)`);
if (!importsObject.test(glue)) die(`${name}.js: no imports object found`);
fs.writeFileSync(glueFile, glue.replace(importsObject, (m, obj) =>
  `"./${name}_bg.js":(${obj}.log_execution=(i)=>(globalThis.__kwRan??=new Set()).add(i),${obj})`));

// Which function each log id is in: ids are in the order of the text.
const logged = fs.readFileSync(work('logged.wat'), 'utf8');
const logImport = logged.match(/\(import "[^"]*" "log_execution" \(func (\$\S+)/);
if (!logImport) die('no log_execution import in the instrumented module');
const funcHead = /^ \(func (\$\S+)/gm;
const heads = [...logged.matchAll(funcHead)].map((m) => [m.index, m[1]]);
const callRe = new RegExp(`\\(call ${logImport[1].replace(/\$/g, '\\$')}\\s*\\(i32\\.const (\\d+)\\)`, 'g');
const idToFunc = new Map();
let h = 0;
for (const m of logged.matchAll(callRe)) {
  while (h + 1 < heads.length && heads[h + 1][0] < m.index) h++;
  idToFunc.set(Number(m[1]), heads[h][1]);
}

// 2. The pages. kyoto.js picks the module by the src's extension: the
// modules with both readers (chart, browser) get the JSON export under a name
// with neither.
let src = `/data/activities-${N}.${ext}`;
if (!/_(json|csv)$/.test(MODULE)) {
  fs.copyFileSync(dataFile, work(`activities-${N}`));
  src = `/data/coverage/activities-${N}`;
}
const page = path.join(BENCH, 'data', 'coverage', 'page.html');
fs.writeFileSync(page, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>coverage</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/kyoto.js"></script></head>
<body><${WIDGETS[kind]} id="w" src="${src}"></${WIDGETS[kind]}></body></html>`);
const { server, url } = await startBenchServer();
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyoto-coverage-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: FLAGS, headless: true,
  viewport: { width: 1000, height: 800 },
});

async function run(use, screenshot = null) {
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const loaded = p.waitForFunction(() => window.__kwLoaded, null, { timeout: 30000 });
  await p.addInitScript(() => {
    document.addEventListener('kyoto:loaded', () => { window.__kwLoaded = true; }, true);
  });
  await p.goto(`${url}data/coverage/page.html`);
  await loaded.catch(() => die(`no kyoto:loaded: ${errors.join('; ')}`));
  const frames = () => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await frames();
  if (use) {
    await p.evaluate(async (kind) => {
      const sr = document.getElementById('w').shadowRoot;
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
      if (kind === 'chart') {
        for (const i of [0, 1, 2, 0, 1, 2]) { sr.querySelector(`[data-action="legend:${i}"]`).click(); await frame(); }
        const canvas = sr.querySelector('canvas');
        const r = canvas.getBoundingClientRect();
        for (let k = 1; k < 10; k++) {
          canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + r.width / 2, clientY: r.top + (r.height * k) / 10, bubbles: true }));
          await frame();
        }
        canvas.dispatchEvent(new PointerEvent('pointerleave', { bubbles: true }));
      } else {
        const input = sr.querySelector('input[type="search"]');
        for (const q of ['victims', 'cybercrime', '']) {
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 400));
        }
      }
      await frame();
    }, kind);
  }
  if (errors.length) die(`the page reported: ${errors.join('; ')}`);
  const ids = await p.evaluate(() => [...(globalThis.__kwRan ?? [])]);
  if (!screenshot && !ids.length) die(`${name} did not run: the page loaded another module`);
  if (screenshot) await p.screenshot({ path: screenshot });
  // The check of the emptied module (below): the widget has drawn.
  if (!(await p.evaluate(() => !!document.getElementById('w').shadowRoot?.querySelector('canvas, ol, ul, table')))) {
    die('the widget drew nothing');
  }
  await p.close();
  return new Set(ids.map((i) => idToFunc.get(i)));
}
const profiles = { load: await run(false), use: await run(true) };

// 3. The module with only the functions that ran, and the control.
tool('wasm-dis', [wasmFile, '-o', work('module.wat')]);
const text = fs.readFileSync(work('module.wat'), 'utf8').split('\n');
function stubbed(ran) {
  const out = [];
  let kept = 0;
  let stubs = 0;
  for (let i = 0; i < text.length; i++) {
    const head = text[i].match(/^ \(func (\$\S+)/);
    if (!head) { out.push(text[i]); continue; }
    let end = i + 1;
    while (text[end] !== ' )') end++;
    if (!ran || ran.has(head[1])) { out.push(...text.slice(i, end + 1)); kept++; } else { out.push(text[i], '  (unreachable)', ' )'); stubs++; }
    i = end;
  }
  return { wat: out.join('\n'), kept, stubs };
}
/** The bytes of one section of a wasm module (11: data, 10: code). */
function section(buf, id) {
  let i = 8;
  const leb = () => { let r = 0; let shift = 0; for (;;) { const b = buf[i++]; r += (b & 0x7f) * 2 ** shift; shift += 7; if (b < 0x80) return r; } };
  while (i < buf.length) {
    const sid = buf[i++];
    const n = leb();
    if (sid === id) return buf.subarray(i, i + n);
    i += n;
  }
  return Buffer.alloc(0);
}
const js = ['kyoto.js', `${name}.js`].reduce((sum, f) => sum + gz(fs.readFileSync(path.join(PKG_SRC, f))), 0);
const rows = [];
for (const [label, ran] of [['whole module (control)', null], ['only what ran: load', profiles.load], ['only what ran: load and use', profiles.use]]) {
  const { wat, kept, stubs } = stubbed(ran);
  const tag = label.replace(/\W+/g, '-').replace(/-$/, '');
  fs.writeFileSync(work(`${tag}.wat`), wat);
  tool('wasm-as', [...FEATURES, work(`${tag}.wat`), '-o', work(`${tag}.raw.wasm`)]);
  tool('wasm-opt', [...OPTIMIZE, work(`${tag}.raw.wasm`), '-o', work(`${tag}.wasm`)]);
  const bytes = fs.readFileSync(work(`${tag}.wasm`));
  const parts = `${gz(section(bytes, 10)).toLocaleString('en')} / ${gz(section(bytes, 11)).toLocaleString('en')}`;
  rows.push(`| ${label} | ${kept} | ${stubs} | ${bytes.length.toLocaleString('en')} | ${parts} | ${gz(bytes).toLocaleString('en')} | ${(gz(bytes) + js).toLocaleString('en')} |`);
}
// The check: the "load" module, with its glue as shipped, loads the same page
// and the widget draws with no error (an emptied function that runs traps).
fs.copyFileSync(work('only-what-ran-load.wasm'), path.join(pkgCopy, `${name}_bg.wasm`));
fs.writeFileSync(glueFile, glue);
await run(false, work('only-what-ran-load.png'));
await context.close();
server.close();
fs.rmSync(userDataDir, { recursive: true, force: true });

console.log(`${name}, ${WIDGETS[kind]} with the ${N}-activity ${ext.toUpperCase()} export; shipped: ${fs.statSync(wasmFile).size.toLocaleString('en')} bytes, ${gz(fs.readFileSync(wasmFile)).toLocaleString('en')} gzipped; JS (kyoto.js, ${name}.js) ${js.toLocaleString('en')} gzipped\n`);
console.log('| module | functions kept | emptied | bytes | code / data alone, gzip -9 | gzip -9 | page (with the JS) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
