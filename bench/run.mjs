// The benchmark: our pillar chart against a Chart.js 4 baseline doing the same
// job, in one run of headless Chromium, then the native criterion benchmarks.
//
//   node bench/run.mjs [--rounds 7] [--sizes 100,10000,100000] [--profiles local,3g] [--sizes-3g 100]
//                      [--no-native] [--out bench/results.md] [--pkg pkg]
//   ./x bench          (set-up, release build, fresh exports, then this)
//
// For each network profile and size the same generated export (kyoto
// generate N --seed 1) is loaded into (A) <kyoto-pillar-chart> (JSON), (B) the
// baseline page (Chart.js + plain JS aggregation, JSON) and (A') our chart
// from the CSV export, alternating A B A' for every round, each in a fresh
// browser context (no cache, no shared process). The profiles: `local` (the
// server on localhost, at --sizes) and `3g` (DevTools' 3G throttling, at
// --sizes-3g). It prints a markdown table and writes it, with the machine,
// the request chains and the budgets, to bench/results.md. bench/README.md
// says what is measured and how.
import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compressible } from '../tools/compress.mjs';
import { BENCH, FLAGS, ROOT, encodedFile, fileFor, option, startBenchServer, typeOf, servePkgCopy } from './server.mjs';

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = option;
const ROUNDS = Number(opt('--rounds', 7));
const SIZES = opt('--sizes', '100,10000,100000').split(',').map(Number);
const SIZES_3G = opt('--sizes-3g', '100').split(',').map(Number);
const NATIVE = !argv.includes('--no-native');
const TOGGLES = 10; // legend clicks per load: 5 off/on pairs, ends with every status shown
const PUSHES = 4; // handle.update / re-parse per load: seed 2, seed 1, seed 2, seed 1
const DATA = path.join(BENCH, 'data');
const RESULTS = path.resolve(opt('--out', path.join(BENCH, 'results.md')));
// Files of the pages that only measure: not counted as shipped.
const HARNESS = new Set(['/ours.html', '/ours-csv.html', '/ours-names.html', '/ours.js', '/baseline.html', '/baseline.js', '/frame.js', '/bench.css', '/blank.html']);

const started = Date.now();
const log = (...a) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...a);
const die = (m) => { console.error(`bench: ${m}`); process.exit(2); };

// Network profiles. `local`: the server on localhost as it is, transfer time
// near zero. `3g`: the DevTools "3G" preset through CDP
// Network.emulateNetworkConditions, where time to chart is network-bound as on
// a slow phone connection. DevTools throttling delays each request's response
// by the latency (it does not model TCP's own round trips) and shares the
// throughput among the page's concurrent responses, on their bytes as sent
// (compressed).
const NETWORKS = {
  local: { name: 'local', label: 'unthrottled', sizes: SIZES, conditions: null },
  '3g': {
    name: '3g', label: '3G', sizes: SIZES_3G,
    conditions: { offline: false, latency: 562.5, downloadThroughput: 180000, uploadThroughput: 84375 },
  },
};
const PROFILES = opt('--profiles', 'local,3g').split(',').map((p) => NETWORKS[p] || die(`unknown profile ${p} (local, 3g)`));
const LOCAL = PROFILES.find((p) => p.name === 'local');
const describe = (net) => (net.conditions
  ? `latency ${net.conditions.latency} ms per request, ${(net.conditions.downloadThroughput * 8 / 1e6).toFixed(2)} Mbit/s down, ${(net.conditions.uploadThroughput * 8 / 1e3).toFixed(0)} kbit/s up (CDP \`Network.emulateNetworkConditions\`)`
  : 'the server on localhost, no throttling');
// Every size some profile loads, ascending.
const ALL_SIZES = [...new Set(PROFILES.flatMap((p) => p.sizes))].sort((a, b) => a - b);

// ---------------------------------------------------------------- inputs
const PKG_SRC = path.resolve(ROOT, opt('--pkg', 'pkg'));
if (!fs.existsSync(path.join(PKG_SRC, 'kyoto_widgets_bg.wasm'))) {
  die(`${PKG_SRC} is not built: run ./x build (or ./x bench)`);
}
if (!fs.existsSync(path.join(ROOT, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'))) {
  die('node_modules/chart.js is missing: run ./x setup (npm ci)');
}
fs.mkdirSync(DATA, { recursive: true });
// The run serves a copy of pkg/ (or of --pkg's folder, for an A/B of two
// builds): others may rebuild pkg/ while it runs.
const PKG = servePkgCopy(PKG_SRC, 'pkg');
const dataName = (n, ext, seed = 1) => `activities-${n}${seed === 1 ? '' : `-seed${seed}`}.${ext}`;

/** The kyoto binary: built once with cargo (release), honouring CARGO_TARGET_DIR. */
function kyotoBinary() {
  const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
  const bin = path.join(target, 'release', 'kyoto');
  if (!fs.existsSync(bin)) {
    log('cargo build --release --bin kyoto');
    const r = spawnSync('cargo', ['build', '--release', '--locked', '--bin', 'kyoto'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) die('building the kyoto CLI failed');
  }
  return bin;
}

// Exports missing from bench/data/ are generated (./x bench regenerates all).
const wanted = ALL_SIZES.flatMap((n) => [[n, 'json', 1], [n, 'csv', 1], [n, 'json', 2]]);
const missing = wanted.filter(([n, ext, seed]) => !fs.existsSync(path.join(DATA, dataName(n, ext, seed))));
if (missing.length) {
  const bin = kyotoBinary();
  for (const [n, ext, seed] of missing) {
    log(`kyoto generate ${n} --seed ${seed} --to ${ext}`);
    execFileSync(bin, ['generate', String(n), '--seed', String(seed), '--to', ext, '--out', path.join(DATA, dataName(n, ext, seed))]);
  }
}
// The server answers Chromium in brotli 11, which takes about a minute for a
// 20 MB export: compressed now, in parallel, and not on a timed request (kept
// in bench/data/compressed/, so only the first run pays).
log(`brotli (quality 11) of the ${wanted.length} exports`);
await Promise.all(wanted.map(([n, ext, seed]) => encodedFile(path.join(DATA, dataName(n, ext, seed)), 'br')));

// ---------------------------------------------------------------- helpers
const median = (xs) => quantile(xs, 0.5);
/** Nearest-rank quantile. */
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
/** A file's size raw, gzip (level 9) and brotli (quality 11), compressed by the server's code and cache. */
async function fileSizes(file) {
  return { raw: fs.statSync(file).size, gz: (await encodedFile(file, 'gzip')).length, br: (await encodedFile(file, 'br')).length };
}
const KB = (b) => `${(b / 1024).toFixed(1)} KB`;
const MB = (b) => `${(b / 1048576).toFixed(1)} MB`;
const size = (b) => (b >= 1048576 ? MB(b) : KB(b));
const ms = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '–');
const ratio = (a, b) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–');
const fmtN = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------- one load
/** The page's requests as CDP's Network domain reports them, by request id (times in CDP's monotonic seconds). */
function watchRequests(cdp) {
  const requests = new Map();
  const get = (id) => {
    if (!requests.has(id)) requests.set(id, { decoded: 0, transferred: NaN, finished: NaN });
    return requests.get(id);
  };
  cdp.on('Network.requestWillBeSent', (e) => Object.assign(get(e.requestId), {
    url: e.request.url, type: e.type, sent: e.timestamp, initiator: e.type === 'Document' ? 'navigation' : initiatorOf(e.initiator),
  }));
  cdp.on('Network.responseReceived', (e) => {
    const header = (name) => Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === name)?.[1];
    Object.assign(get(e.requestId), {
      encoding: header('content-encoding') || '',
      headerBytes: e.response.encodedDataLength,
      cached: e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker,
    });
  });
  cdp.on('Network.dataReceived', (e) => { get(e.requestId).decoded += e.dataLength; });
  cdp.on('Network.loadingFinished', (e) => Object.assign(get(e.requestId), { finished: e.timestamp, transferred: e.encodedDataLength }));
  return requests;
}

/** Who asked for a request: the path of the document or script (and how: parser, script, preload), or CDP's type. */
function initiatorOf(initiator) {
  let url = initiator.url;
  // A request from a script: the innermost frame with a URL, through async stacks (fetch after an await).
  for (let stack = initiator.stack; !url && stack; stack = stack.parent) url = stack.callFrames.find((f) => f.url)?.url;
  return url ? `${new URL(url).pathname} (${initiator.type})` : initiator.type;
}

/**
 * The requests made before the first bar was painted (`until`, ms since
 * navigation start), in the order they were sent, each with start and end in
 * ms since navigation start and its round trip: 1 for the document, k + 1 for
 * a request sent after one of round trip k had ended (the longest such chain;
 * under throttling each round trip costs at least the latency).
 */
async function requestChain(cdp, requests, until) {
  // NavigationStart (the page's performance.now() origin) is on the clock of the Network events.
  const { metrics } = await cdp.send('Performance.getMetrics');
  const t0 = metrics.find((m) => m.name === 'NavigationStart').value;
  const chain = [...requests.values()]
    .filter((r) => /^https?:/.test(r.url))
    .map((r) => {
      const { pathname } = new URL(r.url);
      return {
        path: pathname, type: r.type, initiator: r.initiator, start: (r.sent - t0) * 1000, end: (r.finished - t0) * 1000,
        transferred: r.transferred, body: r.transferred - r.headerBytes, decoded: r.decoded, encoding: r.encoding,
        cached: r.cached, harness: HARNESS.has(pathname),
      };
    })
    .filter((r) => r.start < until)
    .sort((a, b) => a.start - b.start);
  for (const r of chain) r.trip = 1 + Math.max(0, ...chain.filter((q) => q.end <= r.start).map((q) => q.trip));
  return chain;
}

/** Every response of the chain as the server sends it: none from a cache, each compressible one in
 * brotli (Chromium always accepts it) at the size of the server's brotli of the file. */
async function checkServed(chain) {
  for (const r of chain) {
    if (r.cached) throw new Error(`${r.path} came from a cache`);
    const file = fileFor(r.path);
    if (!Number.isFinite(r.transferred) || !compressible(typeOf(file))) continue;
    const br = (await encodedFile(file, 'br')).length;
    if (r.encoding !== 'br' || r.body !== br) {
      throw new Error(`${r.path} arrived as ${r.body} bytes ${r.encoding || 'identity'}; the server's brotli is ${br} bytes`);
    }
  }
}

/**
 * Loads a page in a fresh context (nothing cached) under the network profile
 * `net`, waits for the chart, lists the request chain, measures memory (when
 * `memory`), then (when `updates`) filter changes and pushed data. Returns the
 * figures.
 */
async function runLoad(browser, base, { side, n, ext, net, updates, memory, check }) {
  const page0 = side !== 'ours' ? 'baseline.html' : ext === 'csv' ? 'ours-csv.html' : 'ours.html';
  const src = `/data/${dataName(n, ext)}`;
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const cdp = await context.newCDPSession(page);
  const requests = watchRequests(cdp);
  // No buffer for Network.getResponseBody: it would copy every body, 30 MB for the largest export.
  await cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
  await cdp.send('Performance.enable');
  if (net.conditions) await cdp.send('Network.emulateNetworkConditions', net.conditions);
  try {
    await page.goto(`${base}${page0}?src=${encodeURIComponent(src)}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.bench && window.bench.loaded, null, { timeout: 120000 });
    const loaded = await page.evaluate(() => window.bench.loaded);
    if (problems.length) throw new Error(problems.join('\n'));
    const out = { side, n, ext, profile: net.name, timeToChart: loaded.timeToChart };
    out.chain = await requestChain(cdp, requests, loaded.timeToChart);
    await checkServed(out.chain);
    out.phases = await page.evaluate(() => window.bench.phases());
    if (check) out.shown = await page.evaluate(() => window.bench.shown());

    if (memory) {
      // Memory after load: JS heap after a forced collection, plus wasm memory.
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      out.jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
      out.heapUsage = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      out.wasm = await page.evaluate(() => window.bench.wasmMemory());
    }

    if (updates) {
      await page.evaluate((urls) => window.bench.prepare(urls), [`/data/${dataName(n, 'json', 2)}`, `/data/${dataName(n, 'json', 1)}`]);
      out.toggles = [];
      for (let k = 0; k < TOGGLES; k++) {
        const status = Math.floor(k / 2) % 3;
        out.toggles.push(await page.evaluate((s) => window.bench.toggle(s), status));
      }
      out.pushes = [];
      for (let k = 0; k < PUSHES; k++) {
        const t = await page.evaluate((i) => window.bench.push(i), k);
        if (t.activities !== null && t.activities !== n) throw new Error(`push ${k}: ${t.activities} activities`);
        out.pushes.push(t);
      }
      if (problems.length) throw new Error(problems.join('\n'));
    }
    return out;
  } finally {
    await context.close();
  }
}

/** Our table's Completed/Ongoing/Planned per bar must equal the baseline's. */
function compareShown(ours, base) {
  const rows = ours.table.trim().split('\n').slice(1).map((l) => l.split(','));
  // Item,Name,Paragraphs,With activity,Coverage %,Activities,Completed,Ongoing,Planned; Name may hold commas.
  const mine = rows.map((r) => ({ label: r[0], s: r.slice(-3).map(Number) }));
  const theirs = base.bars.map((label, i) => ({ label, s: base.byStatus.map((d) => d[i]) }));
  const same = mine.length === theirs.length
    && mine.every((m, i) => m.label === theirs[i].label && m.s.every((v, j) => v === theirs[i].s[j]));
  return { same, mine, theirs };
}

// ---------------------------------------------------------------- run
const loadBefore = os.loadavg();
const { server, url: base } = await startBenchServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: FLAGS,
  headless: true,
});
const chromiumVersion = browser.version();
log(`Chromium ${chromiumVersion}, ${ROUNDS} rounds, ${PROFILES.map((p) => `${p.label} at ${p.sizes.map(fmtN).join(', ')}`).join('; ')}`);

const runs = []; // every load
const checks = {}; // n -> comparison
try {
  // A warm-up load of each page (not counted): the first start of a renderer
  // and of the server's file cache would otherwise land on round 1.
  for (const side of ['ours', 'baseline']) await runLoad(browser, base, { side, n: ALL_SIZES[0], ext: 'json', net: NETWORKS.local });
  for (const net of PROFILES) {
    // Updates and memory do not depend on the network: measured unthrottled only.
    const local = net === LOCAL;
    for (const n of net.sizes) {
      for (let r = 0; r < ROUNDS; r++) {
        const a = await runLoad(browser, base, { side: 'ours', n, ext: 'json', net, updates: local, memory: local, check: local && r === 0 });
        const b = await runLoad(browser, base, { side: 'baseline', n, ext: 'json', net, updates: local, memory: local, check: local && r === 0 });
        const c = await runLoad(browser, base, { side: 'ours', n, ext: 'csv', net, memory: local });
        runs.push(a, b, c);
        if (local && r === 0) {
          checks[n] = compareShown(a.shown, b.shown);
          if (!checks[n].same) {
            console.error(JSON.stringify(checks[n], null, 1));
            die(`at ${n} activities the two charts show different numbers`);
          }
        }
        log(`${net.label}, ${fmtN(n)} round ${r + 1}/${ROUNDS}: ours ${ms(a.timeToChart)} ms (CSV ${ms(c.timeToChart)} ms), Chart.js ${ms(b.timeToChart)} ms`);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
const loadAfter = os.loadavg();
const browserSeconds = (Date.now() - started) / 1000;

// ---------------------------------------------------------------- figures
const pick = (net, side, n, ext) => runs.filter((r) => r.profile === net.name && r.side === side && r.n === n && r.ext === ext);
const mapValues = (o, f) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
// The pages of a round, in their order.
const PAGES = { ours: 'ours (JSON)', base: 'Chart.js (JSON)', oursCsv: 'ours (CSV)' };
/** Bytes received for the page's code and data before the chart was painted (the harness left out). */
const received = (r) => r.chain.filter((q) => !q.harness).reduce((a, q) => a + q.transferred, 0);

// Time to chart, where it goes and the bytes received: per profile and size.
const loads = {};
for (const net of PROFILES) {
  loads[net.name] = {};
  for (const n of net.sizes) {
    const rs = { ours: pick(net, 'ours', n, 'json'), base: pick(net, 'baseline', n, 'json'), oursCsv: pick(net, 'ours', n, 'csv') };
    loads[net.name][n] = {
      ttc: mapValues(rs, (x) => x.map((r) => r.timeToChart)),
      phases: mapValues(rs, (x) => ({
        code: median(x.map((r) => r.phases.code)),
        data: median(x.map((r) => r.phases.data)),
        after: median(x.map((r) => r.timeToChart - r.phases.data)),
      })),
      received: mapValues(rs, (x) => median(x.map(received))),
      round1: mapValues(rs, (x) => x[0]),
    };
  }
}

// Updates and memory: unthrottled only.
const fig = {};
for (const n of LOCAL ? SIZES : []) {
  const o = pick(LOCAL, 'ours', n, 'json');
  const b = pick(LOCAL, 'baseline', n, 'json');
  const oc = pick(LOCAL, 'ours', n, 'csv');
  const upd = (rs, key) => rs.flatMap((r) => r[key].map((t) => t.total));
  fig[n] = {
    toggle: { ours: upd(o, 'toggles'), base: upd(b, 'toggles') },
    toggleScript: { ours: o.flatMap((r) => r.toggles.map((t) => t.script)), base: b.flatMap((r) => r.toggles.map((t) => t.script)) },
    push: { ours: upd(o, 'pushes'), base: upd(b, 'pushes') },
    mem: {
      oursHeap: median(o.map((r) => r.jsHeap)),
      oursWasm: median(o.map((r) => r.wasm)),
      oursTotal: median(o.map((r) => r.jsHeap + r.wasm)),
      oursCsvTotal: median(oc.map((r) => r.jsHeap + r.wasm)),
      base: median(b.map((r) => r.jsHeap)),
    },
  };
}

// Bytes: what the pages requested before the chart, minus the measuring harness.
async function shipped(side, n, ext) {
  const r = runs.find((x) => x.side === side && x.n === n && x.ext === ext);
  const files = await Promise.all(r.chain.filter((q) => !q.harness).map(async (q) => ({ url: q.path, ...(await fileSizes(fileFor(q.path))) })));
  const sum = (list) => list.reduce((a, f) => ({ raw: a.raw + f.raw, gz: a.gz + f.gz, br: a.br + f.br }), { raw: 0, gz: 0, br: 0 });
  const code = files.filter((f) => !f.url.startsWith('/data/'));
  const data = files.filter((f) => f.url.startsWith('/data/'));
  return { files, code: sum(code), data: sum(data) };
}
const bytes = {};
for (const n of ALL_SIZES) {
  bytes[n] = { ours: await shipped('ours', n, 'json'), oursCsv: await shipped('ours', n, 'csv'), base: await shipped('baseline', n, 'json') };
}
const codeOurs = bytes[ALL_SIZES[0]].ours.code;
const codeBase = bytes[ALL_SIZES[0]].base.code;

// ---------------------------------------------------------------- native
let native = null;
if (NATIVE) {
  native = [];
  for (const bench of ['import', 'search']) {
    log(`cargo bench --bench ${bench} -- --quick --warm-up-time 1 --measurement-time 3`);
    // panic = "unwind" for this build: cargo builds benches with
    // unwind but the `kyoto` binary with the release profile's abort, so the
    // library would be built twice into the same file names (cargo #6313) and
    // the link fails now and then.
    const r = spawnSync('cargo', ['bench', '--locked', '--bench', bench, '--', '--quick', '--warm-up-time', '1', '--measurement-time', '3'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, CARGO_PROFILE_RELEASE_PANIC: 'unwind' } });
    if (r.status !== 0) {
      console.error(r.stderr.split('\n').filter((l) => /^error/.test(l)).slice(0, 10).join('\n'));
      native.push({ bench, name: '(failed)', time: `cargo bench exited with ${r.status}` });
      continue;
    }
    let last = '';
    for (const line of r.stdout.split('\n')) {
      const m = /^(.*?)\s*time:\s+\[(.+?)\]/.exec(line);
      if (m) {
        const name = m[1].trim() || last;
        const [lo, mid, hi] = m[2].split(/\s+(?=\d)/);
        native.push({ bench, name, time: mid, range: `${lo} – ${hi}` });
      } else if (line.trim() && !/^\s/.test(line) && !/^(Benchmarking|Found|Gnuplot|Warning)/.test(line)) {
        last = line.trim();
      }
    }
  }
}

// ---------------------------------------------------------------- report
const big = SIZES.includes(100000) ? 100000 : SIZES[SIZES.length - 1];
const mid10k = SIZES.includes(10000) ? 10000 : SIZES[Math.floor(SIZES.length / 2)];
/** "met/missed" with the margin: `value` against `limit`, lower is better. */
function judge(value, limit, unit) {
  if (!Number.isFinite(value) || !Number.isFinite(limit)) return '–';
  const d = limit - value;
  const pct = ((value / limit - 1) * 100).toFixed(0);
  return d >= 0
    ? `**met**, ${unit(d)} under (${pct}%)`
    : `**missed** by ${unit(-d)} (+${pct}%)`;
}
const U = { kb: (b) => KB(b), ms: (x) => `${ms(x)} ms`, mb: (b) => MB(b), x: (x) => `${x.toFixed(2)}×` };

const L = [];
const pkgWasm = path.join(PKG, 'kyoto_chart_json_bg.wasm');
const pkgBuilt = `wasm ${fmtN(fs.statSync(pkgWasm).size)} bytes, built ${fs.statSync(pkgWasm).mtime.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
const gitHead = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'data', 'Cargo.toml', 'Cargo.lock'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return `git ${head}${dirty ? ` with uncommitted changes to ${dirty.split('\n').length} files of the crate` : ''}`;
  } catch { return process.env.BENCH_SOURCE || 'unknown (not a git checkout)'; }
})();
const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1] || os.cpus()[0]?.model || '?';
const nproc = (() => { try { return execFileSync('nproc', { encoding: 'utf8' }).trim(); } catch { return String(os.cpus().length); } })();
L.push('# Benchmark results', '');
L.push(`Generated by \`node bench/run.mjs\` (\`./x bench\`) on ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC. What is measured and how: [README.md](README.md).`, '');
L.push(`- Machine: ${nproc} CPUs (\`nproc\`), ${cpu}, ${(os.totalmem() / 1073741824).toFixed(1)} GB RAM, ${os.type()} ${os.release()}`);
L.push(`- Package: \`pkg/\` as built by \`./x build\` (${pkgBuilt}); source ${gitHead}`);
L.push(`- Browser: headless Chromium ${chromiumVersion} (playwright-core), viewport 1000×800, device pixel ratio 1; Node ${process.version}`);
L.push(`- Rounds: ${ROUNDS} per profile, size and side, alternating ours (JSON), Chart.js (JSON), ours (CSV); ${TOGGLES} filter changes and ${PUSHES} data pushes per unthrottled load; each load in a fresh browser context, nothing cached (\`no-store\`; checked: no response came from a cache)`);
L.push(`- Network: ${PROFILES.map((p) => `${p.label}: ${describe(p)}, at ${p.sizes.map(fmtN).join(', ')} activities`).join('; ')}. HTTP/1.1 from 127.0.0.1; responses compressed as a real host serves them, brotli (quality 11) since Chromium asks for it (checked: every compressible response arrived in brotli at the size of the file's brotli).`);
L.push(`- Load: load average ${loadBefore.map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min) before the browser runs, ${loadAfter.map((x) => x.toFixed(2)).join(' / ')} after; the machine is shared (other builds and tests may run at the same time), so single figures are noisy. Alternating the sides every round spreads that noise over both; the ratios are steadier than the absolute times.`);
L.push(`- Data: \`kyoto generate N --seed 1\` (JSON and CSV); pushed data alternate seed 2 and seed 1 exports of the same size. ${LOCAL ? `Both charts showed the same numbers per bar at every size (checked on round 1, unthrottled: ${SIZES.map((n) => `${fmtN(n)} ${checks[n].same ? 'same' : 'DIFFERENT'}`).join(', ')}).` : 'The charts\' numbers were not compared (checked on the unthrottled profile only).'}`);
L.push(`- Browser part: ${browserSeconds.toFixed(0)} s.`, '');

L.push('## Bytes shipped', '');
L.push('Code is every file the page requested before its chart was painted, except the measuring harness; gzip is level 9 and brotli quality 11 (node\'s zlib, as the server compresses them). The server sends Chromium brotli.', '');
L.push('| | ours raw | ours gzip | ours brotli | Chart.js raw | Chart.js gzip | Chart.js brotli | ours / Chart.js (gzip) | ours / Chart.js (brotli) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
const sizes3 = (x) => `${size(x.raw)} | ${size(x.gz)} | ${size(x.br)}`;
const add = (x, y) => ({ raw: x.raw + y.raw, gz: x.gz + y.gz, br: x.br + y.br });
const ratios = (x, y) => `${ratio(x.gz, y.gz)} | ${ratio(x.br, y.br)}`;
L.push(`| code (wasm + JS) | ${sizes3(codeOurs)} | ${sizes3(codeBase)} | ${ratios(codeOurs, codeBase)} |`);
for (const n of ALL_SIZES) {
  const o = bytes[n].ours; const b = bytes[n].base; const oc = bytes[n].oursCsv;
  L.push(`| data, ${fmtN(n)} activities (JSON) | ${sizes3(o.data)} | ${sizes3(b.data)} | ${ratios(o.data, b.data)} |`);
  L.push(`| code + data, ${fmtN(n)} (JSON) | ${sizes3(add(o.code, o.data))} | ${sizes3(add(b.code, b.data))} | ${ratios(add(o.code, o.data), add(b.code, b.data))} |`);
  L.push(`| code + data, ${fmtN(n)} (ours from CSV) | ${sizes3(add(oc.code, oc.data))} | | | | ${ratios(add(oc.code, oc.data), add(b.code, b.data))} |`);
}
const fileList = (files) => files.filter((f) => !f.url.startsWith('/data/')).map((f) => `\`${f.url}\` ${KB(f.gz)} / ${KB(f.br)}`).join(', ');
L.push('', `Files: ours ${fileList(bytes[ALL_SIZES[0]].ours.files)}; Chart.js ${fileList(bytes[ALL_SIZES[0]].base.files)} (gzip / brotli).`, '');

L.push('## Time to chart', '');
L.push('Milliseconds from navigation start to the end of the first frame that shows the chart with the data (median of the rounds, min–max in brackets), per network profile. Received: the bytes of the page\'s code and data that arrived before that frame, as sent (brotli, with the response headers; CDP `Network.loadingFinished` encodedDataLength), the measuring harness left out.', '');
L.push('Where the time goes (medians, ms since navigation start): code ready = ours: the chart\'s module fetched, compiled and instantiated and the widget made (`handle.ready` resolved); Chart.js: Chart.js evaluated and the page module running. Data received = the export\'s last byte (Resource Timing `responseEnd`; ours: kyoto.js starts it at `mount()`, beside the module). Data → chart = from that byte to the painted chart: parsing, aggregation, drawing.', '');
for (const net of PROFILES) {
  L.push(`### ${net.label}`, '', `${describe(net)[0].toUpperCase()}${describe(net).slice(1)}.`, '');
  L.push('| activities | ours (JSON) | ours (CSV) | Chart.js (JSON) | ours / Chart.js (JSON) | received: ours (JSON) | ours (CSV) | Chart.js (JSON) |', '|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of net.sizes) {
    const { ttc: t, received: got } = loads[net.name][n];
    const f = (xs) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
    L.push(`| ${fmtN(n)} | ${f(t.ours)} | ${f(t.oursCsv)} | ${f(t.base)} | ${ratio(median(t.ours), median(t.base))} | ${size(got.ours)} | ${size(got.oursCsv)} | ${size(got.base)} |`);
  }
  L.push('');
  L.push('| activities | ours: code ready | ours: data received | ours: data → chart | ours CSV: data → chart | Chart.js: code ready | Chart.js: data received | Chart.js: data → chart | data → chart, ours / Chart.js |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of net.sizes) {
    const p = loads[net.name][n].phases;
    L.push(`| ${fmtN(n)} | ${ms(p.ours.code)} | ${ms(p.ours.data)} | ${ms(p.ours.after)} | ${ms(p.oursCsv.after)} | ${ms(p.base.code)} | ${ms(p.base.data)} | ${ms(p.base.after)} | ${ratio(p.ours.after, p.base.after)} |`);
  }
  L.push('');
}

L.push('## Request chain', '');
L.push('Every request of round 1 sent before the chart was painted, from CDP Network events (`requestWillBeSent`: start, type, initiator; `responseReceived`: Content-Encoding; `dataReceived`: decoded bytes; `loadingFinished`: end, bytes received), in ms since navigation start. Round trip: 1 for the document, k + 1 for a request sent after one of round trip k had ended; under throttling each costs at least the latency. Transferred: the bytes received, response headers and compressed body; body: the compressed body alone; decoded: after decompression. Harness: the measuring page and scripts, not counted as shipped.', '');
L.push('| page | profile | activities | requests | round trips | transferred | of it code and data | time to chart |', '|---|---|---:|---:|---:|---:|---:|---:|');
for (const net of PROFILES) {
  for (const n of net.sizes) {
    for (const [k, label] of Object.entries(PAGES)) {
      const r = loads[net.name][n].round1[k];
      const all = r.chain.reduce((a, q) => a + q.transferred, 0);
      L.push(`| ${label} | ${net.label} | ${fmtN(n)} | ${r.chain.length} | ${Math.max(...r.chain.map((q) => q.trip))} | ${size(all)} | ${size(received(r))} | ${ms(r.timeToChart)} ms |`);
    }
  }
}
L.push('');
// The chains in full: throttled, where the round trips cost; without a throttled profile, the first size unthrottled.
const throttled = PROFILES.filter((p) => p.conditions);
for (const net of throttled.length ? throttled : PROFILES) {
  for (const n of throttled.length ? net.sizes : net.sizes.slice(0, 1)) {
    for (const [k, label] of Object.entries(PAGES)) {
      const r = loads[net.name][n].round1[k];
      L.push(`### ${label}, ${net.label}, ${fmtN(n)} activities`, '');
      L.push('| round trip | request | type | initiator | start | end | transferred | body | decoded | encoding |', '|---:|---|---|---|---:|---:|---:|---:|---:|---|');
      for (const q of r.chain) {
        L.push(`| ${q.trip} | \`${q.path}\`${q.harness ? ' (harness)' : ''} | ${q.type} | ${q.initiator} | ${ms(q.start)} | ${ms(q.end)} | ${fmtN(q.transferred)} | ${fmtN(q.body)} | ${fmtN(q.decoded)} | ${q.encoding || 'none'} |`);
      }
      L.push('', `Chart painted at ${ms(r.timeToChart)} ms.`, '');
    }
  }
}

// Updates and memory do not depend on the network: measured unthrottled only.
if (LOCAL) {
  L.push('## Update', '');
  L.push(`Milliseconds from the action, taken at the start of a frame, to the end of that frame's paint; median / 95th percentile over ${ROUNDS} × ${TOGGLES} filter changes and ${ROUNDS} × ${PUSHES} pushes. Filter change: ours clicks a status in the legend (the chart re-aggregates without that status); Chart.js toggles the dataset's visibility and calls \`update('none')\`. New data: ours \`handle.update(text)\` (import, validation, aggregation, redraw); Chart.js \`JSON.parse\`, aggregation, \`update('none')\`.`, '');
  L.push('| activities | filter change ours | filter change Chart.js | ratio (p95) | new data ours | new data Chart.js | ratio (p95) |', '|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) {
    const f = fig[n];
    const pp = (xs) => `${ms(median(xs))} / ${ms(quantile(xs, 0.95))}`;
    L.push(`| ${fmtN(n)} | ${pp(f.toggle.ours)} | ${pp(f.toggle.base)} | ${ratio(quantile(f.toggle.ours, 0.95), quantile(f.toggle.base, 0.95))} | ${pp(f.push.ours)} | ${pp(f.push.base)} | ${ratio(quantile(f.push.ours, 0.95), quantile(f.push.base, 0.95))} |`);
  }
  L.push('');
  L.push('Of a filter change, the script alone (the click handler: summary of the status subset, chart model, DOM, canvas drawing; median / 95th percentile); the rest of the frame is the browser\'s style, layout, paint and commit.', '');
  L.push('| activities | ours, script | Chart.js, script |', '|---:|---:|---:|');
  for (const n of SIZES) {
    const f = fig[n];
    const pp = (xs) => `${ms(median(xs))} / ${ms(quantile(xs, 0.95))}`;
    L.push(`| ${fmtN(n)} | ${pp(f.toggleScript.ours)} | ${pp(f.toggleScript.base)} |`);
  }
  L.push('');

  L.push('## Memory after load', '');
  L.push('Median over the rounds, after two forced garbage collections (CDP `HeapProfiler.collectGarbage`): JS heap is CDP `Performance.getMetrics` JSHeapUsedSize of the page (it does not count ArrayBuffer backing stores, so not the wasm memory); wasm is the byte length of the instance\'s `WebAssembly.Memory` (the `memory` export, returned by the glue\'s `init()`).', '');
  L.push('| activities | ours JS heap | ours wasm memory | ours total | ours total (CSV) | Chart.js JS heap | ours / Chart.js |', '|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) {
    const m = fig[n].mem;
    L.push(`| ${fmtN(n)} | ${MB(m.oursHeap)} | ${MB(m.oursWasm)} | ${MB(m.oursTotal)} | ${MB(m.oursCsvTotal)} | ${MB(m.base)} | ${ratio(m.oursTotal, m.base)} |`);
  }
  L.push('');
} else {
  L.push('## Update and memory', '', 'Not measured: they are taken on the unthrottled profile, which this run left out (`--profiles`).', '');
}

L.push('## Budgets', '');
L.push('Each budget, with the target we are really after in brackets. Margins: how far under (met) or over (missed) the limit.', '');
L.push('| budget | limit [target] | measured | budget | target |', '|---|---|---:|---|---|');
L.push(`| wasm + JS, gzip, both widgets and the whole Declaration | 150 KB [100 KB] | ${KB(codeOurs.gz)} | ${judge(codeOurs.gz, 150 * 1024, U.kb)} | ${judge(codeOurs.gz, 100 * 1024, U.kb)} |`);
for (const net of PROFILES) {
  for (const n of net.sizes) {
    const t = loads[net.name][n].ttc; const o = median(t.ours); const b = median(t.base);
    L.push(`| time to chart at ${fmtN(n)}${net === LOCAL ? '' : `, ${net.label}`}, ours / Chart.js (JSON) | 1.00× [0.80×] | ${ratio(o, b)} (${ms(o)} vs ${ms(b)} ms) | ${judge(o / b, 1, U.x)} | ${judge(o / b, 0.8, U.x)} |`);
  }
}
if (LOCAL) {
  const f = fig[mid10k];
  const tp = quantile(f.toggle.ours, 0.95); const pp = quantile(f.push.ours, 0.95);
  L.push(`| filter change at ${fmtN(mid10k)}, p95 (Chart.js: ${ms(quantile(f.toggle.base, 0.95))} ms) | 8 ms [4 ms] | ${ms(tp)} ms | ${judge(tp, 8, U.ms)} | ${judge(tp, 4, U.ms)} |`);
  const ts = quantile(f.toggleScript.ours, 0.95);
  L.push(`| filter change at ${fmtN(mid10k)}, p95, the widget's redraw alone (script) | 8 ms [4 ms] | ${ms(ts)} ms | ${judge(ts, 8, U.ms)} | ${judge(ts, 4, U.ms)} |`);
  L.push(`| new data pushed at ${fmtN(mid10k)}, p95 (Chart.js: ${ms(quantile(f.push.base, 0.95))} ms) | 8 ms [4 ms] | ${ms(pp)} ms | ${judge(pp, 8, U.ms)} | ${judge(pp, 4, U.ms)} |`);
}
if (LOCAL) {
  const t = loads.local[big].ttc; const b = median(t.base);
  for (const [label, xs] of [['JSON', t.ours], ['CSV', t.oursCsv]]) {
    const o = median(xs);
    L.push(`| ${fmtN(big)}-activity ${label} export to a painted chart | 1 s [Chart.js on the JSON: ${ms(b)} ms] | ${ms(o)} ms | ${judge(o, 1000, U.ms)} | ${judge(o, b, U.ms)} |`);
  }
}
if (LOCAL) {
  const m = fig[big].mem;
  L.push(`| memory at ${fmtN(big)}: JS heap + wasm memory | 64 MB [half of Chart.js's JS heap: ${MB(m.base / 2)}] | ${MB(m.oursTotal)} | ${judge(m.oursTotal, 64 * 1048576, U.mb)} | ${judge(m.oursTotal, m.base / 2, U.mb)} |`);
}
L.push('');

L.push('## Native (criterion)', '');
if (native) {
  L.push('`cargo bench --bench import` and `--bench search`, with `-- --quick --warm-up-time 1 --measurement-time 3`, run after the browser part. Estimate of the time per iteration (the criterion interval in brackets).', '');
  L.push('| bench | benchmark | time | interval |', '|---|---|---:|---|');
  for (const r of native) L.push(`| ${r.bench} | ${r.name} | ${r.time} | ${r.range || ''} |`);
} else {
  L.push('Not run (`--no-native`).');
}
L.push('');
L.push(`Total run time: ${((Date.now() - started) / 1000).toFixed(0)} s.`, '');

const md = L.join('\n');
fs.writeFileSync(RESULTS, md);
console.log(md);
log(`written ${path.relative(ROOT, RESULTS)}`);
