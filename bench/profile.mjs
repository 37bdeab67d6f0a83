// CPU profiles at 100,000 activities: where the time to chart and the time of
// pushed data go, for our chart and for the Chart.js baseline.
//
//   bash bench/size-profile.sh      (once: builds bench/data/pkg-names/, wasm with names)
//   node bench/profile.mjs [--n 100000] [--top 25] [--release]
//
// Chromium's sampling profiler (CDP Profiler, 100 µs) runs from before the
// navigation until the chart is painted, then again around one
// handle.update(text) / re-parse, and around 10 legend filter changes. Prints the top self-time functions of each
// profile and writes them to bench/data/profile-N.md; the raw profiles
// (bench/data/*.cpuprofile) open in Chromium's DevTools (Performance panel).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH, startBenchServer } from './server.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const N = Number(opt('--n', 100000));
const NAMES = !argv.includes('--release'); // --release: profile pkg/ (no wasm names)
const PKG = NAMES ? '/pkg-names/' : '/pkg/';
const TOP = Number(opt('--top', 25));
const TOGGLES = 10;
const DATA = path.join(BENCH, 'data');
if (NAMES && !fs.existsSync(path.join(DATA, 'pkg-names', 'kyoto_chart_json_bg.wasm'))) {
  console.error('bench/data/pkg-names/ is missing: run bash bench/size-profile.sh first (or pass --release)');
  process.exit(2);
}

/** Self time per function (name + where), sorted, from a CDP profile. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // ms, attributed to sample i
    const f = byId.get(id).callFrame;
    const where = f.url ? `${path.basename(new URL(f.url).pathname)}${f.url.includes('.wasm') ? '' : `:${f.lineNumber + 1}`}` : '';
    const key = `${f.functionName || '(anonymous)'}\t${where}`;
    self.set(key, (self.get(key) || 0) + dt);
    total += dt;
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).map(([k, t]) => {
    const [name, where] = k.split('\t');
    return { name, where, ms: t, share: t / total };
  });
  return { total, rows };
}

function table(title, { total, rows }) {
  const L = [`### ${title}`, '', `Sampled ${total.toFixed(0)} ms (idle included as \`(idle)\`, garbage collection as \`(garbage collector)\`).`, '',
    '| self ms | share | function | where |', '|---:|---:|---|---|'];
  for (const r of rows.slice(0, TOP)) {
    const name = r.name.length > 90 ? `${r.name.slice(0, 87)}…` : r.name;
    L.push(`| ${r.ms.toFixed(1)} | ${(r.share * 100).toFixed(1)}% | \`${name.replace(/\|/g, '\\|')}\` | ${r.where} |`);
  }
  return L.join('\n');
}

const { server, url: base } = await startBenchServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  headless: true,
});
const out = [`# CPU profiles at ${N.toLocaleString('en-US')} activities`, '', `Chromium ${browser.version()}, package ${PKG}, ${new Date().toISOString().slice(0, 16)} UTC.`, ''];
try {
  for (const side of ['ours', 'baseline']) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    // A same-origin page first, so that the navigation below stays in this
    // renderer process and the profiler keeps running across it.
    await page.goto(`${base}blank.html`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const file = side === 'baseline' ? 'baseline.html' : NAMES ? 'ours-names.html' : 'ours.html';
    await page.goto(`${base}${file}?src=${encodeURIComponent(`/data/activities-${N}.json`)}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.bench && window.bench.loaded, null, { timeout: 120000 });
    const loaded = await page.evaluate(() => window.bench.loaded);
    const load = (await cdp.send('Profiler.stop')).profile;
    await page.evaluate((u) => window.bench.prepare(u), [`/data/activities-${N}-seed2.json`]);
    await cdp.send('Profiler.start');
    const pushed = await page.evaluate(() => window.bench.push(0));
    const push = (await cdp.send('Profiler.stop')).profile;
    await cdp.send('Profiler.start');
    const toggled = [];
    for (let k = 0; k < TOGGLES; k++) toggled.push((await page.evaluate((s) => window.bench.toggle(s), Math.floor(k / 2) % 3)).total);
    const toggle = (await cdp.send('Profiler.stop')).profile;
    const tag = `${side}-${N}`;
    fs.writeFileSync(path.join(DATA, `profile-${tag}-load.cpuprofile`), JSON.stringify(load));
    fs.writeFileSync(path.join(DATA, `profile-${tag}-push.cpuprofile`), JSON.stringify(push));
    fs.writeFileSync(path.join(DATA, `profile-${tag}-toggle.cpuprofile`), JSON.stringify(toggle));
    const who = side === 'ours' ? 'ours' : 'Chart.js baseline';
    out.push(`## ${who}`, '');
    out.push(table(`${who}: navigation to painted chart (${loaded.timeToChart.toFixed(0)} ms from navigation start)`, selfTimes(load)), '');
    out.push(table(`${who}: new data pushed (${pushed.total.toFixed(0)} ms)`, selfTimes(push)), '');
    const sum = toggled.reduce((a, b) => a + b, 0);
    out.push(table(`${who}: ${TOGGLES} filter changes (${sum.toFixed(0)} ms in all; idle between them included)`, selfTimes(toggle)), '');
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const md = out.join('\n');
fs.writeFileSync(path.join(DATA, `profile-${N}.md`), md);
console.log(md);
