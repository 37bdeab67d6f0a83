// The least pillar chart in this stack, measured: how many of a page's
// 100 KB (gzip -9) plotters, plotters-canvas, serde_json, web-sys and
// wasm-bindgen take for the Chart.js baseline's job alone, with none of the
// widgets' functions (bench/least-chart/src/lib.rs says what it does).
//
//   node bench/least-chart.mjs [--n 100]
//
// 1. Builds bench/least-chart (release, opt-level "z", LTO, the wasm target's
//    rustflags of .cargo/config.toml) with its own target folder under
//    bench/data/, runs wasm-bindgen (--target web) and `x`'s wasm-opt
//    (tools/wasm-opt.args) into bench/data/least-chart/, and terser on the glue.
// 2. Loads it in headless Chromium (the benchmark's flags) on a page that
//    fetches the N-activity JSON export and draws; checks that the table has
//    the groups and that no error was logged; screenshot
//    bench/data/least-chart/least-chart.png.
// 3. Prints the bytes (gzip -9 and brotli 11): the wasm, its glue, the page's
//    script, against the bar (100 KB) and against the chart page of `./x
//    build` (pkg/, when built). bench/README.md row 24 has the figures.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BENCH, FLAGS, ROOT, ensureExports, option, startBenchServer, wasmOptArgs } from './server.mjs';

const N = Number(option('--n', 100));
const CRATE = path.join(BENCH, 'least-chart');
const OUT = path.join(BENCH, 'data', 'least-chart');
const TARGET = path.join(BENCH, 'data', 'least-chart-target');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const die = (m) => { console.error(`bench/least-chart: ${m}`); process.exit(2); };
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });

const dataFile = path.join(BENCH, 'data', `activities-${N}.json`);
if (!ensureExports([dataFile], [N])) die('generating the export failed');

// 1. Build.
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const cargoConfig = fs.readFileSync(path.join(ROOT, '.cargo', 'config.toml'), 'utf8');
const rustflags = [...cargoConfig.matchAll(/"(-C|llvm-args=[^"]+)"/g)].map((m) => m[1]).join(' ');
run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown'], {
  cwd: CRATE, env: { ...process.env, CARGO_TARGET_DIR: TARGET, RUSTFLAGS: rustflags },
});
run('wasm-bindgen', ['--target', 'web', '--out-dir', OUT, '--out-name', 'least_chart',
  path.join(TARGET, 'wasm32-unknown-unknown', 'release', 'least_chart.wasm')]);
const wasm = path.join(OUT, 'least_chart_bg.wasm');
run(path.join(BIN, 'wasm-opt'), [...wasmOptArgs(), wasm, '-o', wasm]);
const glue = path.join(OUT, 'least_chart.js');
run(path.join(BIN, 'terser'), [glue, '--module', '--compress', '--mangle', '-o', glue]);
const script = `import init, { draw } from './least_chart.js';
await init();
const text = await (await fetch(new URLSearchParams(location.search).get('src'))).text();
draw(document.getElementById('chart'), document.getElementById('table'), text);
document.body.dataset.drawn = '1';
`;
fs.writeFileSync(path.join(OUT, 'page.js'), script);
fs.writeFileSync(path.join(OUT, 'page.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>least chart</title><link rel="icon" href="data:,">
<style>body{font:14px sans-serif;margin:16px}td,th{padding:2px 8px;text-align:right}th:first-child{text-align:left}</style>
<script type="module" src="page.js"></script></head>
<body><canvas id="chart" width="900" height="360"></canvas><table id="table"></table></body></html>`);

// 2. Look.
const { server, url } = await startBenchServer();
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyoto-least-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: FLAGS, headless: true,
  viewport: { width: 1000, height: 600 },
});
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
await page.goto(`${url}data/least-chart/page.html?src=/data/activities-${N}.json`);
await page.waitForSelector('body[data-drawn]', { timeout: 30000 }).catch(() => die(`not drawn: ${errors.join('; ')}`));
const rows = await page.$$eval('#table tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
await page.screenshot({ path: path.join(OUT, 'least-chart.png') });
await context.close();
server.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
if (errors.length) die(`errors on the page: ${errors.join('; ')}`);
if (!rows.some((r) => /^Pillar IV \(\d+ of 36\)$/.test(r[0]))) die(`no pillar IV row in the table: ${JSON.stringify(rows)}`);

// 3. Bytes.
const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
const br = (f) => zlib.brotliCompressSync(fs.readFileSync(f), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const files = [wasm, glue, path.join(OUT, 'page.js')];
const sum = (f) => files.reduce((s, x) => s + f(x), 0);
const fmt = (n) => n.toLocaleString('en-US');
console.log(`| the least pillar chart (${N} activities drawn; table: ${rows.slice(1).map((r) => r.join(' ')).join('; ')}) | gzip -9 | brotli 11 |`);
console.log('|---|---:|---:|');
for (const f of files) console.log(`| ${path.basename(f)} (${fmt(fs.statSync(f).size)} bytes) | ${fmt(gz(f))} | ${fmt(br(f))} |`);
console.log(`| **page** | **${fmt(sum(gz))}** (${(sum(gz) / 1024).toFixed(1)} KB: ${Math.round(sum(gz) / 1024)}% of the 100 KB bar) | ${fmt(sum(br))} |`);
const pkg = path.join(ROOT, 'pkg');
const ours = ['kyoto.js', 'kyoto_chart_json.js', 'kyoto_chart_json_bg.wasm'].map((f) => path.join(pkg, f));
if (ours.every((f) => fs.existsSync(f))) {
  const o = ours.reduce((s, f) => s + gz(f), 0);
  console.log(`| the chart page of ./x build (pkg/: kyoto.js, kyoto_chart_json) | ${fmt(o)} | ${fmt(ours.reduce((s, f) => s + br(f), 0))} |`);
}
