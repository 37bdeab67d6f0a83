// The redraw of the pillar chart after a hover or a filter change, in the
// browser, with N activities loaded (10,000 by default): the budget of the
// chart is a p95 under 8 ms.
//
//   node bench/redraw.mjs [--pages 12] [--n 10000] [--pkg pkg] [--json out.json] [--append results.md]
//   ./x bench          (runs it after bench/run.mjs, appending to bench/results.md)
//
// Each page is a fresh browser context loading our benchmark page (ours.html:
// the release package as the README embeds it, one chart mounted with
// view="status" on the N-activity export). On each page, in turn:
//   - 10 filter changes: the legend's status buttons clicked off and on, as
//     bench/run.mjs does (0 0 1 1 2 2 0 0 1 1: three of them ask for a status
//     subset the chart has not shown yet);
//   - 12 hovers: the pointer moved onto bar 0, 1, 2, … in turn (every move
//     lands on another bar, so every one redraws and moves the tooltip).
// Half the pages hover first, half click first, so neither is always the
// first thing the page does. Every action runs at the start of a frame
// (bench/frame.js): "script" is the event handler (the widget's redraw:
// summary, layout, canvas drawing, DOM), "frame" runs to the end of that
// frame's paint (the browser's style, layout, paint and commit added).
// After each hover the tooltip must show the hovered bar's label, and after
// each click the legend button's state must have changed.
//
// Prints p50 / p95 (nearest rank) per action and per kind of action: the
// first action of the page, the first click asking for a status subset, the
// rest.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, FLAGS, ROOT, ensureExports, option, startBenchServer, servePkgCopy } from './server.mjs';

const opt = option;
const PAGES = Number(opt('--pages', 12));
const N = Number(opt('--n', 10000));
const PKG_SRC = path.resolve(ROOT, opt('--pkg', 'pkg'));
const JSON_OUT = opt('--json', null);
const APPEND = opt('--append', null);
const TOGGLES = [0, 0, 1, 1, 2, 2, 0, 0, 1, 1];
const HOVERS = 12;
const DATA = path.join(BENCH, 'data');
const die = (m) => { console.error(`bench/redraw: ${m}`); process.exit(2); };

if (!fs.existsSync(path.join(PKG_SRC, 'kyoto_widgets_bg.wasm'))) die(`${PKG_SRC} is not built: run ./x build`);
const exportFile = path.join(DATA, `activities-${N}.json`);
if (!ensureExports([exportFile], [N])) die('generating the export failed');
// Serve a copy: pkg/ may be rebuilt while this runs.
servePkgCopy(PKG_SRC, 'pkg-redraw');

/** Nearest-rank quantile. */
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

const { server, url: base } = await startBenchServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: FLAGS, headless: true,
});
const version = browser.version();
const loadBefore = os.loadavg();
/** Every action: { page, action: 'hover'|'filter', kind: 'first'|'new subset'|'repeat', script, total }. */
const samples = [];

async function onePage(p, hoverFirst) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${base}ours.html?src=/data/activities-${N}.json`);
    const loaded = await page.evaluate(() => window.bench.loaded);
    if (loaded.activities !== N) die(`the chart loaded ${loaded.activities} activities, not ${N}`);
    const bars = await page.evaluate(() => window.bench.bars());
    let first = true;
    const record = (action, kind, t) => {
      samples.push({ page: p, action, kind: first ? 'first' : kind, script: t.script, total: t.total });
      first = false;
    };
    const hovers = async () => {
      for (let k = 0; k < HOVERS; k++) {
        const i = k % bars;
        const t = await page.evaluate((b) => window.bench.hover(b), i);
        const tip = await page.evaluate(() => {
          const root = document.getElementById('chart').shadowRoot;
          const tipEl = root.getElementById('kw-tip');
          return tipEl && !tipEl.hidden ? tipEl.querySelector('strong')?.textContent : null;
        });
        const label = await page.evaluate((b) => window.bench.shown().bars[b], i);
        if (tip !== label) die(`hover on bar ${i} shows the tooltip of ${JSON.stringify(tip)}, not ${JSON.stringify(label)}`);
        record('hover', 'repeat', t);
      }
    };
    const filters = async () => {
      const seen = new Set(['111']);
      const shown = [true, true, true];
      for (const s of TOGGLES) {
        shown[s] = !shown[s];
        const subset = shown.map((v) => (v ? 1 : 0)).join('');
        const t = await page.evaluate((i) => window.bench.toggle(i), s);
        const pressed = await page.evaluate((i) => document.getElementById('chart').shadowRoot
          .querySelector(`[data-action="legend:${i}"]`).getAttribute('aria-pressed'), s);
        if (pressed !== String(shown[s])) die(`legend ${s} is aria-pressed=${pressed} after the click`);
        record('filter', seen.has(subset) ? 'repeat' : 'new subset', t);
        seen.add(subset);
      }
    };
    if (hoverFirst) { await hovers(); await filters(); } else { await filters(); await hovers(); }
    if (errors.length) die(`page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

try {
  await onePage(-1, false); // warm-up (browser start, server file cache): not counted
  samples.length = 0;
  for (let p = 0; p < PAGES; p++) {
    await onePage(p, p % 2 === 0);
    const mine = samples.filter((s) => s.page === p);
    const worst = (a) => Math.max(...mine.filter((s) => s.action === a).map((s) => s.script));
    console.error(`page ${p + 1}/${PAGES} (${p % 2 === 0 ? 'hover first' : 'filter first'}): slowest script hover ${worst('hover').toFixed(1)} ms, filter ${worst('filter').toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  server.close();
}

const f = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
const row = (name, xs) => `| ${name} | ${xs.length} | ${f(quantile(xs.map((s) => s.script), 0.5))} / ${f(quantile(xs.map((s) => s.script), 0.95))} | ${f(quantile(xs.map((s) => s.total), 0.5))} / ${f(quantile(xs.map((s) => s.total), 0.95))} |`;
const lines = [
  `Redraw after a hover or a filter change, ${N.toLocaleString('en')} activities loaded, ${PAGES} fresh pages (ms, median / p95)`,
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, headless Chromium ${version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} after`,
  '',
  '| action | n | script (the redraw) | whole frame |',
  '|---|---:|---:|---:|',
];
for (const action of ['hover', 'filter']) {
  const all = samples.filter((s) => s.action === action);
  lines.push(row(`**${action}**, all`, all));
  for (const kind of ['first', 'new subset', 'repeat']) {
    const some = all.filter((s) => s.kind === kind);
    if (some.length) lines.push(row(`${action}, ${kind === 'first' ? 'first action of the page' : kind}`, some));
  }
}
lines.push(row('**hover and filter together**', samples));
console.log(lines.join('\n'));
if (APPEND) fs.appendFileSync(APPEND, `\n## ${lines[0]}\n\n${lines.slice(1).join('\n')}\n\nFrom \`node bench/redraw.mjs\`: every action at the start of a frame; "script" is the widget's redraw (the event handler), "whole frame" adds the browser's style, layout, paint and commit. The first action of a page runs in V8's baseline tier.\n`);
if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ version, n: N, pages: PAGES, samples }, null, 1));
