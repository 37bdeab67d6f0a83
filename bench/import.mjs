// The import in the browser: how long `handle.update(text)` takes for a large
// export (CSV and JSON), on the release package, in headless Chromium.
//
//   node bench/import.mjs [--runs 9] [--n 100000] [--pkg pkg] [--updates 3]
//
// Each run opens our benchmark page (ours.html: the package loaded as the
// README embeds it, one pillar chart mounted on the 100-activity export) in a
// fresh browser context, fetches the N-activity export (not timed), then calls
// handle.update(text) `--updates` times, each at the start of a frame, and
// takes the time to the end of the frame that paints the new chart. That is
// the wasm import (the text read in blocks, parsed, validated), the summary and
// one redraw. The first update of a page runs partly in V8's baseline tier;
// the later ones show the optimised code. The wasm memory is read after the
// first update (WebAssembly memory keeps its high-water mark, so this is the
// import's peak) and set against the export's size on disk (the budget: at
// most twice that, and at most 40 MB for the CSV). CSV and JSON alternate, so
// load on the machine falls on both.
// Medians (and min–max) over the runs are printed as a markdown table.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, FLAGS, ROOT, ensureExports, option, startBenchServer, servePkgCopy } from './server.mjs';

const opt = option;
const RUNS = Number(opt('--runs', 9));
const N = Number(opt('--n', 100000));
const UPDATES = Math.max(1, Number(opt('--updates', 3)));
const PKG_SRC = path.resolve(ROOT, opt('--pkg', 'pkg'));
const DATA = path.join(BENCH, 'data');
const die = (m) => { console.error(`bench/import: ${m}`); process.exit(2); };

if (!fs.existsSync(path.join(PKG_SRC, 'kyoto_widgets_bg.wasm'))) die(`${PKG_SRC} is not built: run ./x build`);
const exports = [100, N].flatMap((n) => ['csv', 'json'].map((ext) => path.join(DATA, `activities-${n}.${ext}`)));
if (!ensureExports(exports, [100, N])) die('generating the exports failed');
// Serve a copy: pkg/ may be rebuilt while this runs.
servePkgCopy(PKG_SRC, 'pkg-import');

const { server, url: base } = await startBenchServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: FLAGS, headless: true,
});
const version = browser.version();
const loadBefore = os.loadavg();
const results = { csv: [], json: [] };

async function one(ext) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${ext === 'csv' ? 'ours-csv' : 'ours'}.html?src=/data/activities-100.${ext}`);
    await page.evaluate(() => window.bench.loaded);
    await page.evaluate((u) => window.bench.prepare([u]), `/data/activities-${N}.${ext}`);
    const updates = [];
    let memory = null;
    for (let k = 0; k < UPDATES; k++) {
      const t = await page.evaluate(() => window.bench.push(0));
      if (t.activities !== N) die(`${ext}: the chart shows ${t.activities} activities, not ${N}`);
      updates.push(t);
      if (k === 0) memory = await page.evaluate(() => window.bench.wasmMemory());
    }
    if (errors.length) die(`page errors: ${errors.join('; ')}`);
    return { first: updates[0], later: updates.slice(1), memory };
  } finally {
    await context.close();
  }
}

try {
  await one('csv'); // warm-up (browser start, server file cache): not counted
  for (let r = 0; r < RUNS; r++) {
    for (const ext of r % 2 ? ['json', 'csv'] : ['csv', 'json']) {
      const m = await one(ext);
      results[ext].push(m);
      console.error(`run ${r + 1}/${RUNS} ${ext}: first ${m.first.total.toFixed(0)} ms, then ${m.later.map((t) => t.total.toFixed(0)).join(', ')} ms; memory ${(m.memory / 1e6).toFixed(1)} MB`);
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
const lines = [
  `Import in the browser: handle.update(text) of the ${N.toLocaleString('en')}-activity export to a painted chart, ${RUNS} runs (median, min–max)`,
  `${new Date().toISOString().slice(0, 10)}, headless Chromium ${version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before`,
  '',
  '| export | size on disk | first update | later updates | of which script (later) | wasm memory after the first | memory / size |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
for (const ext of ['csv', 'json']) {
  const rs = results[ext];
  const later = rs.flatMap((r) => r.later);
  const size = fs.statSync(path.join(DATA, `activities-${N}.${ext}`)).size;
  const memory = median(rs.map((r) => r.memory));
  lines.push(`| ${ext.toUpperCase()} | ${(size / 1e6).toFixed(1)} MB | ${cell(rs.map((r) => r.first.total))} | ${later.length ? cell(later.map((t) => t.total)) : '–'} | ${later.length ? cell(later.map((t) => t.script)) : '–'} | ${cell(rs.map((r) => r.memory / 1e6), 'MB', 1)} | ${(memory / size).toFixed(2)}× |`);
}
console.log(lines.join('\n'));
