// The two progress widgets at the sizes of their native benchmarks, in
// headless Chromium, on the release package:
//
//   <kyoto-indicators>  200 indicators × 193 areas × 20 periods (772,000
//                       observations; cargo bench --bench indicators)
//   <kyoto-reporting>   193 areas × 100 questions × 5 cycles (106,150
//                       answers, 965 reports; cargo bench --bench reporting)
//
//   node bench/progress.mjs [--runs 5] [--only indicators|reporting] [--no-update] [--pkg pkg] [--append results.md]
//   node bench/progress.mjs --profile [--pkg bench/data/pkg-names-progress] [--only …]
//
// The tables are those of the native benchmarks (core::synth::progress),
// written as the one JSON document a page gives a progress widget
// (`kyoto generate indicators|reporting --to json`, into bench/data/,
// git-ignored; generated when missing) and served by bench/server.mjs in
// brotli, as a host serves them (compressed before the first load, so no
// timed request waits for it).
//
// Each run opens bench/progress.html in a fresh browser context (its own
// renderer process, empty HTTP cache) of one headless Chromium (a fresh
// profile, the flags of bench/server.mjs): the widget is put in the page
// without `src` and shows the sample (module loaded, widget drawn once);
// then, each from the start of a frame to the end of the frame that paints
// the result (bench/progress.js):
//   - setting `src` to the tables: the download, the read, the model and
//     the first overview (`kyoto:loaded`, then a frame); Resource Timing
//     says when the last byte arrived, so the rest is the widget's;
//   - the wasm memory after that load (WebAssembly memory keeps its
//     high-water mark: the load's peak);
//   - indicators: the area changed to Romania (`area="ROU"`), then one
//     indicator's drill-down (`handle.open("X-100")`);
//   - reporting: the map view (`view="map"`), the cycle 2024 (`cycle`),
//     the questions view (`view="questions"`, its first question) and
//     another question chosen in its select;
//   - then, in another fresh context (unless --no-update), the tables
//     fetched (not timed) and given to `handle.update(text)`: the read,
//     model and first overview without the network, and the memory after.
// One warm-up run of each widget is not counted. Medians (min–max) are
// printed as a markdown table.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, FLAGS, ROOT, encodedFile, option, startBenchServer, servePkgCopy } from './server.mjs';

const RUNS = Math.max(1, Number(option('--runs', 5)));
const PROFILE = process.argv.includes('--profile');
const ONLY = option('--only', null);
const UPDATE = !process.argv.includes('--no-update');
const APPEND = option('--append', null);
const PKG_SRC = path.resolve(ROOT, option('--pkg', 'pkg'));
const DATA = path.join(BENCH, 'data');
const die = (m) => { console.error(`bench/progress: ${m}`); process.exit(2); };

const KINDS = {
  indicators: { file: 'progress-indicators.json', rows: { indicators: 200, indicator_data: 772000 } },
  reporting: { file: 'progress-reporting.json', rows: { questions: 100, responses: 106150, reports: 965 } },
};
const kinds = Object.keys(KINDS).filter((k) => !ONLY || k === ONLY);
if (!kinds.length) die(`--only takes indicators or reporting, not '${ONLY}'`);
if (!fs.existsSync(path.join(PKG_SRC, 'kyoto.js'))) die(`${PKG_SRC} is not built: run ./x build`);

// The tables, from the generator the native benchmarks use.
fs.mkdirSync(DATA, { recursive: true });
const missing = kinds.filter((k) => !fs.existsSync(path.join(DATA, KINDS[k].file)));
if (missing.length) {
  const built = spawnSync('cargo', ['build', '--release', '--locked', '--bin', 'kyoto'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) die('building the kyoto command failed');
  const bin = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'release', 'kyoto');
  for (const k of missing) {
    const r = spawnSync(bin, ['generate', k, '--to', 'json', '--out', path.join(DATA, KINDS[k].file)], { stdio: 'inherit' });
    if (r.status !== 0) die(`kyoto generate ${k} failed`);
  }
}
console.error('compressing the tables (brotli 11, once per content)…');
const sizes = {};
for (const k of kinds) {
  const file = path.join(DATA, KINDS[k].file);
  sizes[k] = { raw: fs.statSync(file).size, br: (await encodedFile(file, 'br')).length };
}

// Serve a copy: pkg/ may be rebuilt while this runs.
servePkgCopy(PKG_SRC, 'pkg-progress');

const { server, url: base } = await startBenchServer();
// launch() starts Chromium on a new temporary profile (a fresh user-data-dir),
// removed when it closes.
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: FLAGS, headless: true,
});
const version = browser.version();
const loadBefore = os.loadavg();

const check = (cond, message) => { if (!cond) throw new Error(message); };

/** One fresh context (a new renderer, empty cache), the page, its errors. */
async function withPage(kind, fn) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}progress.html?kind=${kind}`);
    await page.evaluate(() => window.bench.sample);
    const out = await fn(page);
    check(!errors.length, `page errors: ${errors.join('; ')}`);
    return out;
  } finally {
    await context.close();
  }
}

const rowsOf = (kind, detail) => {
  for (const [table, n] of Object.entries(KINDS[kind].rows)) {
    check(detail[table] === n, `${kind}: ${table} has ${detail[table]} rows, not ${n}`);
  }
  check(detail.errors === 0, `${kind}: ${detail.errors} errors`);
};

async function indicators(page, url) {
  const m = {};
  const load = await page.evaluate((u) => window.bench.load(u), url);
  rowsOf('indicators', load.detail);
  m.load = load.total;
  m.downloaded = load.download?.end ?? NaN;
  m.afterDownload = load.total - m.downloaded;
  m.memory = await page.evaluate(() => window.bench.wasmMemory());
  const world = await page.evaluate(() => window.bench.state());
  check(world.view === 'overview' && world.rows === 200, `indicators: ${JSON.stringify(world)}`);
  m.area = (await page.evaluate(() => window.bench.attribute('area', 'ROU'))).total;
  const rou = await page.evaluate(() => window.bench.state());
  check(rou.rows === 200 && rou.first.latest !== world.first.latest, `the area did not change: ${JSON.stringify([world.first, rou.first])}`);
  m.drill = (await page.evaluate(() => window.bench.open('X-100'))).total;
  check((await page.evaluate(() => window.bench.state())).view === 'indicator:X-100', 'the drill-down did not open');
  return m;
}

async function reporting(page, url) {
  const m = {};
  const load = await page.evaluate((u) => window.bench.load(u), url);
  rowsOf('reporting', load.detail);
  m.load = load.total;
  m.downloaded = load.download?.end ?? NaN;
  m.afterDownload = load.total - m.downloaded;
  m.memory = await page.evaluate(() => window.bench.wasmMemory());
  const first = await page.evaluate(() => window.bench.state());
  check(first.view === 'overview' && first.cycle && first.cycle !== '2024', `reporting: ${JSON.stringify(first)}`);
  m.map = (await page.evaluate(() => window.bench.attribute('view', 'map'))).total;
  check((await page.evaluate(() => window.bench.state())).view === 'map', 'the map view did not open');
  m.cycle = (await page.evaluate(() => window.bench.attribute('cycle', '2024'))).total;
  check((await page.evaluate(() => window.bench.state())).cycle === '2024', 'the cycle did not change');
  m.questions = (await page.evaluate(() => window.bench.attribute('view', 'questions'))).total;
  const q = await page.evaluate(() => window.bench.state());
  check(q.view === 'questions' && q.question, `the questions view did not open: ${JSON.stringify(q)}`);
  const other = await page.evaluate(() => window.bench.question(1));
  m.question = other.total;
  check((await page.evaluate(() => window.bench.state())).question === other.question, 'the question did not change');
  return m;
}

async function update(kind, page, url) {
  await page.evaluate((u) => window.bench.prepare(u), url);
  const t = await page.evaluate(() => window.bench.update());
  rowsOf(kind, t.detail);
  const updateMemory = await page.evaluate(() => window.bench.wasmMemory());
  await page.evaluate(() => window.bench.forget());
  return { update: t.total, updateMemory };
}

const titles = {
  indicators: '`<kyoto-indicators>`, 200 indicators × 193 areas × 20 periods',
  reporting: '`<kyoto-reporting>`, 193 areas × 100 questions × 5 cycles',
};

/**
 * One update(text) under Chromium's sampling CPU profiler (CDP Profiler,
 * 100 µs): the profile is written to bench/data/progress-<kind>.cpuprofile
 * (DevTools opens it) and summed up by function and by crate path, self
 * time. With a package whose wasm keeps its names (see bench/README.md) the
 * wasm functions are named; the release package's are `wasm-function[n]`.
 */
async function profile(kind, page, url) {
  await page.evaluate((u) => window.bench.prepare(u), url);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const t = await page.evaluate(() => window.bench.update());
  const { profile: p } = await cdp.send('Profiler.stop');
  rowsOf(kind, t.detail);
  fs.writeFileSync(path.join(DATA, `progress-${kind}.cpuprofile`), JSON.stringify(p));
  const self = new Map();
  const dt = new Map();
  p.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  for (const n of p.nodes) {
    const name = n.callFrame.functionName || '(anonymous)';
    self.set(name, (self.get(name) ?? 0) + (dt.get(n.id) ?? 0));
  }
  const group = (name) => {
    const m = /^(?:<[^>]*>::)?([a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*){0,3})/.exec(name.replace(/^_*/, ''));
    return /^\(|^wasm-function/.test(name) ? name.replace(/\[\d+\]$/, '[…]') : (m ? m[1] : name);
  };
  const groups = new Map();
  for (const [name, ms] of self) groups.set(group(name), (groups.get(group(name)) ?? 0) + ms);
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `| ${k.replace(/\|/g, '\\|').slice(0, 110)} | ${v.toFixed(0)} |`);
  return [
    '', `${titles[kind]}: update(text) under the CPU profiler: ${t.total.toFixed(0)} ms (the profiler slows it)`, '',
    '| self time by function | ms |', '|---|---:|', ...top(self, 20),
    '', '| self time by crate path | ms |', '|---|---:|', ...top(groups, 15),
  ];
}

const results = Object.fromEntries(kinds.map((k) => [k, []]));
if (PROFILE) {
  const lines = [];
  try {
    for (const kind of kinds) lines.push(...await withPage(kind, (page) => profile(kind, page, `/data/${KINDS[kind].file}`)));
  } finally {
    await browser.close();
    server.close();
  }
  console.log(lines.join('\n'));
  process.exit(0);
}
try {
  for (const kind of kinds) {
    const url = `/data/${KINDS[kind].file}`;
    const run = async () => {
      const m = await withPage(kind, (page) => (kind === 'indicators' ? indicators : reporting)(page, url));
      if (UPDATE) Object.assign(m, await withPage(kind, (page) => update(kind, page, url)));
      return m;
    };
    console.error(`${kind}: warm-up run (not counted)`);
    await run();
    for (let r = 0; r < RUNS; r++) {
      const m = await run();
      results[kind].push(m);
      console.error(`${kind} run ${r + 1}/${RUNS}: ${Object.entries(m).map(([k, v]) => `${k} ${/emory/.test(k) ? `${(v / 1e6).toFixed(1)} MB` : `${v.toFixed(0)} ms`}`).join(', ')}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const cell = (xs, unit = 'ms', digits = 0) => `${median(xs).toFixed(digits)} ${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
const MEASURES = {
  indicators: [
    ['load', 'setting `src` to the painted overview'],
    ['downloaded', '… of which the download (last byte)'],
    ['afterDownload', '… of which read, model and first overview'],
    ['memory', 'wasm memory after the load'],
    ['area', 'change of area (`area="ROU"`)'],
    ['drill', 'one indicator\'s drill-down (`open("X-100")`)'],
    ['update', '`update(text)` to the painted overview'],
    ['updateMemory', 'wasm memory after `update(text)`'],
  ],
  reporting: [
    ['load', 'setting `src` to the painted overview'],
    ['downloaded', '… of which the download (last byte)'],
    ['afterDownload', '… of which read, board and first overview'],
    ['memory', 'wasm memory after the load'],
    ['map', 'map view (`view="map"`)'],
    ['cycle', 'change of cycle (`cycle="2024"`, on the map)'],
    ['questions', 'questions view (`view="questions"`, first question)'],
    ['question', 'another question chosen'],
    ['update', '`update(text)` to the painted overview'],
    ['updateMemory', 'wasm memory after `update(text)`'],
  ],
};
const lines = [
  `Progress widgets in the browser, ${RUNS} runs (median, min–max)`,
  `${new Date().toISOString().slice(0, 10)}, headless Chromium ${version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before`,
];
for (const kind of kinds) {
  const rs = results[kind];
  lines.push('', `${titles[kind]}: ${KINDS[kind].file}, ${(sizes[kind].raw / 1e6).toFixed(1)} MB, ${(sizes[kind].br / 1e6).toFixed(2)} MB in brotli`, '', '| measure | time or memory |', '|---|---:|');
  for (const [key, label] of MEASURES[kind]) {
    const xs = rs.map((m) => m[key]).filter((v) => Number.isFinite(v));
    if (!xs.length) continue;
    lines.push(`| ${label} | ${/emory/.test(key) ? cell(xs.map((v) => v / 1e6), 'MB', 1) : cell(xs)} |`);
  }
}
console.log(lines.join('\n'));
if (APPEND) fs.appendFileSync(APPEND, `\n## ${lines[0]}\n\n${lines.slice(1).join('\n')}\n\nFrom \`node bench/progress.mjs\`: each step from the start of a frame to the end of the frame that paints its result.\n`);
