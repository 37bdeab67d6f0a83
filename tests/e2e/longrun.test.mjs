// Long runs: does anything grow while the widgets live for a long time?
//
// 1. Polling through thousands of cycles: a pillar chart and a paragraph
//    browser poll a local source every second (poll="1") while Playwright's
//    fake clock runs time forward a second per step. The source changes its
//    export every few requests (JSON and CSV, with and without an ETag, once
//    the same bytes under a new version), answers 304 to a matching
//    If-None-Match or If-Modified-Since, and now and then 500 (backoff and
//    recovery). The server counts the requests.
// 2. Mounting and destroying: both widget kinds, through mount()/unmount(),
//    by inserting and removing the custom element, and through the
//    data-kyoto-widget attribute, with and without src, poll and channel;
//    each cycle is checked to have mounted (kyoto:loaded, a filled shadow
//    root) and to have been emptied again.
//
// Measured after a warm-up and at the end, after forced garbage collection:
// the JS heap (Runtime.getHeapUsage), the wasm linear memory (the byte length
// of the module's memory; it never shrinks), the wasm-bindgen table of JS
// references held by Rust, and Blink's DOM counters (documents, nodes, JS
// event listeners). The figures are printed and written to
// tests/e2e/out/longrun.json.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './harness.mjs';
import { STRICT_CSP } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'out');
const examples = path.join(here, '../../www/examples');
const sample = JSON.parse(fs.readFileSync(path.join(examples, 'sample-activities.json'), 'utf8'));
const edited = JSON.parse(fs.readFileSync(path.join(examples, 'sample-activities-edited.json'), 'utf8'));
const sampleCsv = fs.readFileSync(path.join(examples, 'sample-activities.csv'), 'utf8');

// How long the runs are.
const POLL_WARMUP_STEPS = 400;  // fake seconds before the first measurement (the allocator reaches its high-water mark: with 250 a loaded machine once measured from below it, 2 pages under the plateau every later run starts from)
const POLL_STEPS = 1350;        // fake seconds between the two measurements
const QUIET_STEPS = 10;         // unchanged source before each measurement (the 6 s highlight ends)
const MOUNT_WARMUP = 10;        // cycles of each path and kind before the first measurement
const MOUNT_CYCLES = 334;       // cycles of each path and kind measured (3 paths: 1002 per kind)
const PAGE = 65536;             // one page of wasm memory

// ---------------------------------------------------------------- the exports

const withTitle = (data, title) => ({ ...structuredClone(data), title });
function completeSome(data, n) {
  const out = structuredClone(data);
  for (const a of out.activities.filter((a) => a.status !== 'completed').slice(0, n)) a.status = 'completed';
  return out;
}
// The exports the source takes turns with; index 2 repeats the bytes of 1
// under a new version, index 3 is CSV.
const VARIANTS = [
  JSON.stringify(withTitle(sample, 'Live feed A')),
  JSON.stringify(withTitle(edited, 'Live feed B')),
  JSON.stringify(withTitle(edited, 'Live feed B')),
  sampleCsv,
  JSON.stringify(withTitle(completeSome(sample, 3), 'Live feed C')),
];
// What the source shows before each measurement, and at the end.
const FINAL = withTitle(completeSome(edited, 5), 'Live feed: final');
const FINAL_BODY = JSON.stringify(FINAL);

// What the mounted widgets load: a small export, so that a cycle is quick.
const STATIC_BODY = JSON.stringify({ ...withTitle(sample, 'Static export'), activities: sample.activities.slice(0, 8) });

// ---------------------------------------------------------------- the source

const feed = {
  version: 0, quiet: false, total: 0, sinceChange: 0,
  per: {},
};
const widgetStats = () => ({ requests: 0, ok: 0, notModified: 0, failed: 0, inm: 0, ims: 0, inFlight: 0, maxInFlight: 0 });
function current() {
  const v = feed.version;
  const body = feed.quiet ? FINAL_BODY : VARIANTS[v % VARIANTS.length];
  return {
    body,
    type: body.startsWith('{') ? 'application/json' : 'text/csv; charset=utf-8',
    // One version in three has no ETag: only If-Modified-Since can match.
    etag: v % 3 === 2 ? null : `"v${v}"`,
    modified: new Date(Date.UTC(2026, 0, 1) + v * 1000).toUTCString(),
  };
}
function publishNext({ quiet = false } = {}) {
  feed.version++;
  feed.quiet = quiet;
  feed.sinceChange = 0;
}

const html = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/demo.css">
<script src="/long/setup.js"></script>
<script type="module" src="/pkg/kyoto.js"></script>
<script type="module" src="/long/probe.js"></script></head>
<body><main id="host"><h1>${title}</h1>
${body}
</main></body></html>`;

// Instruments the page before the widgets load: counts the kyoto events and
// the requests to /feed/ still being answered (until the body is read), so
// that the test knows when a poll has been handled and the next is scheduled.
const SETUP_JS = `
const L = window.kyotoLong = { pending: 0, waiters: [], events: {} };
for (const type of ['kyoto:loaded', 'kyoto:updated', 'kyoto:error']) {
  document.addEventListener(type, (e) => {
    const id = e.target.id || '?';
    const c = (L.events[id] ||= { 'kyoto:loaded': 0, 'kyoto:updated': 0, 'kyoto:error': 0 });
    c[type]++;
  });
}
const settle = () => {
  L.pending--;
  if (L.pending === 0) for (const w of L.waiters.splice(0)) w();
};
const fetch0 = window.fetch;
window.fetch = function (input, init) {
  const p = fetch0.call(this, input, init);
  if (String(input).includes('/feed/')) {
    L.pending++;
    p.then((r) => { if (r.status === 200) r.kyotoPending = true; else settle(); }, settle);
  }
  return p;
};
const arrayBuffer0 = Response.prototype.arrayBuffer;
Response.prototype.arrayBuffer = function () {
  const p = arrayBuffer0.call(this);
  if (this.kyotoPending) {
    this.kyotoPending = false;
    p.then(settle, settle);
  }
  return p;
};
// Resolves once no request to /feed/ is under way and one (real, not faked)
// task has run after the last answer, so its handling is complete.
L.idle = () => new Promise((resolve) => {
  const check = () => {
    if (L.pending > 0) { L.waiters.push(check); return; }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); resolve(L.pending); };
    ch.port2.postMessage(0);
  };
  check();
});
`;

// The wasm exports (init() of the wasm-bindgen glue resolves to them once the
// module is instantiated), mount()/unmount(), and one mount-and-destroy cycle.
const PROBE_JS = `
import { ready, mount, unmount, preload, instances } from '/pkg/kyoto.js';
const L = window.kyotoLong;
await ready;
await preload('pillar-chart');
await preload('paragraph-browser');
// Every instance's memory and reference table, added up.
L.wasm = () => Object.values(instances()).reduce((a, i) => ({ memory: a.memory + i.memory, refs: a.refs + i.refs }), { memory: 0, refs: 0 });
L.mount = mount;
L.unmount = unmount;
L.mounted = 0;
L.drawn = 0;
L.loaded = 0;

// One task later (after a MutationObserver callback, say).
const nextTask = () => new Promise((resolve) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { ch.port1.close(); resolve(); };
  ch.port2.postMessage(0);
});
// The promise's value, or null after 5 s.
const within5s = (promise) => {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), 5000); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};
const frame = () => new Promise((r) => requestAnimationFrame(r));
const TAGS = { 'pillar-chart': 'kyoto-pillar-chart', 'paragraph-browser': 'kyoto-paragraph-browser' };

// One cycle: 'how' is 'mount' (mount()/unmount() on a div), 'element' (insert
// and remove the custom element) or 'attribute' (insert and remove a div with
// data-kyoto-widget); variant i % 4: the sample, src, src and poll,
// src, poll and channel.
L.cycle = async (how, kind, i) => {
  const options = {};
  if (i % 4 >= 1) options.src = '/feed/static.json';
  if (i % 4 >= 2) options.poll = '1';
  if (i % 4 === 3) options.channel = 'kyoto-longrun';
  const host = document.getElementById('host');
  let el;
  if (how === 'element') {
    el = document.createElement(TAGS[kind]);
    for (const [k, v] of Object.entries(options)) el.setAttribute(k, v);
  } else {
    el = document.createElement('div');
    if (how === 'attribute') {
      el.dataset.kyotoWidget = kind;
      for (const [k, v] of Object.entries(options)) el.setAttribute('data-' + k, v);
    }
  }
  let loaded;
  const gotLoaded = new Promise((resolve) => { loaded = resolve; });
  el.addEventListener('kyoto:loaded', (e) => loaded(e.detail), { once: true });
  host.append(el);
  if (how === 'mount') mount(el, { kind, ...options });
  // The attribute path mounts from a MutationObserver callback.
  if (how === 'attribute') await nextTask();
  // A widget says kyoto:loaded when its data is shown: the export of its
  // src, else the sample (fetched beside the package).
  const detail = await within5s(gotLoaded);
  if (!detail) throw new Error(how + ' ' + kind + ' #' + i + ': no kyoto:loaded within 5 s');
  if (options.src && detail.title !== 'Static export') throw new Error(how + ' ' + kind + ' #' + i + ': shows ' + detail.title);
  if (options.src) L.loaded++;
  const root = el.shadowRoot && el.shadowRoot.querySelector('.kw');
  if (!root || root.childElementCount === 0) throw new Error(how + ' ' + kind + ' #' + i + ': empty shadow root');
  if (kind === 'pillar-chart') {
    const canvas = root.querySelector('canvas');
    if (!canvas) throw new Error(how + ' ' + kind + ' #' + i + ': no canvas');
    // Now and then wait for the chart to be drawn.
    if (i % 50 === 0) {
      for (let f = 0; f < 60 && canvas.width === 0; f++) await frame();
      if (canvas.width === 0) throw new Error(how + ' ' + kind + ' #' + i + ': the chart was not drawn');
      L.drawn++;
    }
  } else if (root.querySelectorAll('article').length === 0) {
    throw new Error(how + ' ' + kind + ' #' + i + ': no paragraphs');
  }
  L.mounted++;
  if (how === 'mount') unmount(el);
  el.remove();
  // The attribute path unmounts from a MutationObserver callback.
  if (how === 'attribute') await nextTask();
  if (el.shadowRoot.querySelector('.kw')) throw new Error(how + ' ' + kind + ' #' + i + ': not emptied on removal');
  if (how === 'element' && el.handle !== null) throw new Error(how + ' ' + kind + ' #' + i + ': handle kept');
};
L.ready = true;
`;

const routes = {
  '/feed/export.json': (req, res) => {
    const who = new URL(req.url, 'http://x').searchParams.get('for') || '?';
    const s = (feed.per[who] ||= widgetStats());
    s.requests++;
    feed.total++;
    s.inFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
    res.on('close', () => { s.inFlight--; });
    if (!feed.quiet) {
      // The export changes every few requests.
      if (++feed.sinceChange >= 8) publishNext();
      // Now and then a failure, twice in a row once in a while (backoff 2 s, then 4 s).
      const i = s.requests;
      if (i % 53 === 0 || i % 211 === 100 || i % 211 === 101) {
        s.failed++;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      }
    }
    const cur = current();
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (inm !== undefined) s.inm++;
    if (ims !== undefined) s.ims++;
    const unchanged = inm !== undefined ? cur.etag !== null && inm === cur.etag : ims === cur.modified;
    const headers = { 'last-modified': cur.modified, 'cache-control': 'no-cache' };
    if (cur.etag) headers.etag = cur.etag;
    if (unchanged) {
      s.notModified++;
      res.writeHead(304, headers).end();
    } else {
      s.ok++;
      res.writeHead(200, { ...headers, 'content-type': cur.type }).end(cur.body);
    }
  },
  '/feed/static.json': (req, res) => {
    feed.staticRequests = (feed.staticRequests || 0) + 1;
    res.writeHead(200, { 'content-type': 'application/json', etag: '"static"' }).end(STATIC_BODY);
  },
  '/long/setup.js': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(SETUP_JS);
  },
  '/long/probe.js': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(PROBE_JS);
  },
  '/long/poll.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': STRICT_CSP })
      .end(html('Polling for a long time', `<kyoto-pillar-chart id="chart" src="/feed/export.json?for=chart" poll="1"></kyoto-pillar-chart>
<kyoto-paragraph-browser id="browser" src="/feed/export.json?for=browser" poll="1"></kyoto-paragraph-browser>`));
  },
  '/long/mount.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': STRICT_CSP })
      .end(html('Mounting and destroying', ''));
  },
};

// ---------------------------------------------------------------- measuring

const results = {
  wasmBytes: fs.statSync(path.join(here, '../../pkg/kyoto_widgets_bg.wasm')).size,
};
function save() {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'longrun.json'), `${JSON.stringify(results, null, 2)}\n`);
}

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms); });
  try { return await Promise.race([promise, timeout]); } finally { clearTimeout(timer); }
}

async function until(f, what, ms = 10000) {
  const t0 = Date.now();
  while (!(await f())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The figures of the page, after forced garbage collection. */
async function measure(page, cdp) {
  const wasm = await page.evaluate(() => window.kyotoLong.wasm());
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    jsHeap: heap.usedSize,
    wasmMemory: wasm.memory,
    wasmRefs: wasm.refs,
    documents: dom.documents,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
  };
}

const UNITS = { jsHeap: 'bytes', wasmMemory: 'bytes', wasmRefs: 'table slots', documents: '', nodes: '', listeners: '' };
function report(title, rows) {
  const table = {};
  for (const [label, start, end] of rows) {
    for (const k of Object.keys(UNITS)) {
      table[`${label}: ${k}`] = { start: start[k], end: end[k], growth: end[k] - start[k], unit: UNITS[k] };
    }
  }
  console.log(`\n${title}`);
  console.table(table);
  return table;
}

/** Asserts that nothing grew from `start` to `end` beyond the tolerances. */
function assertFlat(what, start, end) {
  const heapGrowth = end.jsHeap - start.jsHeap;
  assert.ok(heapGrowth < Math.max(1 << 20, start.jsHeap * 0.1),
    `${what}: JS heap grew by ${heapGrowth} bytes (${start.jsHeap} → ${end.jsHeap})`);
  const wasmGrowth = end.wasmMemory - start.wasmMemory;
  assert.ok(wasmGrowth <= PAGE,
    `${what}: wasm memory grew by ${wasmGrowth} bytes (${start.wasmMemory} → ${end.wasmMemory})`);
  assert.ok(end.wasmRefs - start.wasmRefs <= 64,
    `${what}: the table of JS references held by wasm grew from ${start.wasmRefs} to ${end.wasmRefs}`);
  assert.ok(end.documents - start.documents <= 0, `${what}: documents ${start.documents} → ${end.documents}`);
  assert.ok(end.nodes - start.nodes <= 20, `${what}: DOM nodes ${start.nodes} → ${end.nodes}`);
  assert.ok(end.listeners - start.listeners <= 4, `${what}: event listeners ${start.listeners} → ${end.listeners}`);
}

const contexts = [];
after(async () => { for (const c of contexts) await c.close(); });

// ---------------------------------------------------------------- the tests

test('polling through thousands of cycles: heap, wasm memory, nodes and listeners stay flat', async () => {
  const t0 = Date.now();
  // A browser of its own: the fake clock belongs to the browser context.
  const ctx = await start({ routes });
  contexts.push(ctx);
  const page = await ctx.context.newPage();
  const problems = [];
  // A 500 is logged by the browser as a failed resource load; nothing else may be.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 500/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  const clock0 = new Date('2026-11-23T09:00:00Z').getTime();
  await page.clock.install({ time: clock0 });
  await page.clock.pauseAt(clock0 + 1000);
  await page.goto(`${ctx.url}long/poll.html`);
  await until(() => page.evaluate(() => window.kyotoLong?.ready === true
    && window.kyotoLong.events.chart?.['kyoto:loaded'] === 1 && window.kyotoLong.events.browser?.['kyoto:loaded'] === 1), 'the first load');
  const cdp = await page.context().newCDPSession(page);

  // The clock is moved a second at a time, and after each second the test
  // waits until the polls it set off are answered and handled. Moving it from
  // inside the page (the controller page.clock installs) spares a round trip
  // per second; page.clock.runFor() does the same from outside.
  const inPage = await page.evaluate(() => typeof globalThis.__pwClock?.controller?.runFor === 'function');
  let steps = 0;
  const run = async (n) => {
    if (inPage) {
      for (let done = 0; done < n; done += 50) {
        const k = Math.min(50, n - done);
        await withTimeout(page.evaluate(async (k) => {
          for (let i = 0; i < k; i++) {
            await globalThis.__pwClock.controller.runFor(1000);
            await window.kyotoLong.idle();
          }
        }, k), 60000, `steps ${steps}–${steps + k}`);
        steps += k;
      }
    } else {
      for (let i = 0; i < n; i++) {
        await page.clock.runFor(1000);
        await withTimeout(page.evaluate(() => window.kyotoLong.idle()), 10000, `the polls of step ${steps}`);
        steps++;
      }
    }
  };
  const quiet = async () => {
    publishNext({ quiet: true });
    await run(QUIET_STEPS);
  };
  const shown = () => page.evaluate(() => ['chart', 'browser'].map((id) => {
    const el = document.getElementById(id);
    const d = el.handle.detail();
    const badge = el.shadowRoot.querySelector('.kw-stale');
    return { title: d.title, activities: d.activities, stale: !badge.hidden };
  }));

  await run(POLL_WARMUP_STEPS);
  await quiet();
  const requestsAtStart = feed.total;
  const startFigures = await measure(page, cdp);
  const updatedAtStart = await page.evaluate(() => structuredClone(window.kyotoLong.events));
  feed.quiet = false;
  await run(POLL_STEPS);
  await quiet();
  const endFigures = await measure(page, cdp);
  const events = await page.evaluate(() => window.kyotoLong.events);

  const table = report(`Polling: ${feed.total} requests (${feed.total - requestsAtStart} between the measurements) in ${steps} fake seconds`, [
    ['polling', startFigures, endFigures],
  ]);
  results.polling = {
    steps, requests: feed.total, requestsMeasured: feed.total - requestsAtStart, perWidget: feed.per,
    versionsPublished: feed.version, events, start: startFigures, end: endFigures, table,
    seconds: (Date.now() - t0) / 1000,
  };
  save();
  console.log('requests per widget:', JSON.stringify(feed.per));
  console.log('events:', JSON.stringify(events));

  // The cycles happened, with every kind of answer, one request at a time.
  assert.ok(feed.total >= 3000, `at least 3000 polls (${feed.total})`);
  for (const who of ['chart', 'browser']) {
    const s = feed.per[who];
    assert.ok(s.requests >= 1500, `${who}: ${s.requests} polls`);
    assert.ok(s.notModified > 100 && s.ok > 100 && s.failed > 20, `${who}: 200, 304 and 500 answers (${JSON.stringify(s)})`);
    assert.ok(s.inm > 100 && s.ims > 100, `${who}: conditional requests (${JSON.stringify(s)})`);
    assert.equal(s.maxInFlight, 1, `${who}: one request in flight`);
    const during = events[who]['kyoto:updated'] - updatedAtStart[who]['kyoto:updated'];
    assert.ok(during >= 150, `${who}: ${during} updates shown between the measurements`);
    assert.ok(events[who]['kyoto:error'] > 20, `${who}: failures reported`);
  }

  // The widgets show the latest export, and are not stale.
  for (const s of await shown()) {
    assert.deepEqual(s, { title: FINAL.title, activities: FINAL.activities.length, stale: false });
  }
  const [polled, reference] = await page.evaluate((body) => {
    const div = document.createElement('div');
    document.getElementById('host').append(div);
    const h = window.kyotoLong.mount(div, { kind: 'pillar-chart' });
    h.update(body);
    return [document.getElementById('chart').handle.tableCsv(), h.tableCsv()];
  }, FINAL_BODY);
  assert.equal(polled, reference, 'the polled chart shows the numbers of the last export');
  const articles = await page.evaluate(() => document.getElementById('browser').shadowRoot.querySelectorAll('article').length);
  assert.ok(articles > 0, 'the browser shows paragraphs');

  assertFlat('polling', startFigures, endFigures);
  assert.deepEqual(problems, []);
  await page.close();
});

test('over 1000 mount and destroy cycles of each widget kind: heap, wasm memory, nodes and listeners stay flat', async () => {
  const t0 = Date.now();
  const ctx = await start({ routes });
  contexts.push(ctx);
  const page = await ctx.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${ctx.url}long/mount.html`);
  await page.waitForFunction(() => window.kyotoLong?.ready === true);
  const cdp = await page.context().newCDPSession(page);

  const combos = [];
  for (const how of ['mount', 'element', 'attribute']) {
    for (const kind of ['pillar-chart', 'paragraph-browser']) combos.push([how, kind]);
  }
  const run = (how, kind, from, n) => withTimeout(page.evaluate(async ([how, kind, from, n]) => {
    for (let i = from; i < from + n; i++) await window.kyotoLong.cycle(how, kind, i);
  }, [how, kind, from, n]), 120000, `${how} ${kind}`);

  for (const [how, kind] of combos) await run(how, kind, 0, MOUNT_WARMUP);
  const startFigures = await measure(page, cdp);
  const rows = [];
  let before = startFigures;
  const perCombo = {};
  for (const [how, kind] of combos) {
    const c0 = Date.now();
    for (let i = MOUNT_WARMUP; i < MOUNT_WARMUP + MOUNT_CYCLES; i += 50) await run(how, kind, i, Math.min(50, MOUNT_WARMUP + MOUNT_CYCLES - i));
    const figures = await measure(page, cdp);
    rows.push([`${how} ${kind}`, before, figures]);
    perCombo[`${how} ${kind}`] = { cycles: MOUNT_CYCLES, ms: Date.now() - c0, start: before, end: figures };
    before = figures;
  }
  const endFigures = before;
  // The widgets that polled did start polling: two left in place long enough
  // ask again...
  const polled = feed.staticRequests;
  await page.evaluate(() => {
    for (const tag of ['kyoto-pillar-chart', 'kyoto-paragraph-browser']) {
      const el = document.createElement(tag);
      el.className = 'control';
      el.setAttribute('src', '/feed/static.json');
      el.setAttribute('poll', '1');
      document.getElementById('host').append(el);
    }
  });
  await until(() => feed.staticRequests >= polled + 2, 'the polls of two widgets left in place');
  await page.evaluate(() => document.querySelectorAll('.control').forEach((el) => el.remove()));
  // ...and no poller outlives its widget: no request to the source for 2.5 s.
  await new Promise((r) => setTimeout(r, 300));
  const staticBefore = feed.staticRequests;
  await new Promise((r) => setTimeout(r, 2500));
  const staticAfter = feed.staticRequests;
  const counts = await page.evaluate(() => ({
    mounted: window.kyotoLong.mounted, loaded: window.kyotoLong.loaded, drawn: window.kyotoLong.drawn,
    left: document.getElementById('host').children.length,
  }));

  const cycles = combos.length * (MOUNT_WARMUP + MOUNT_CYCLES);
  const table = report(`Mount and destroy: ${cycles} cycles (${combos.length * MOUNT_CYCLES} between the measurements)`, [
    ...rows, ['all', startFigures, endFigures],
  ]);
  results.mounting = {
    cycles, cyclesMeasured: combos.length * MOUNT_CYCLES, perCombo, counts,
    staticRequests: { before: staticBefore, after: staticAfter },
    start: startFigures, end: endFigures, table, seconds: (Date.now() - t0) / 1000,
  };
  save();
  console.log('mounts:', JSON.stringify(counts));

  assert.equal(counts.mounted, cycles, 'every cycle mounted a widget');
  const per = MOUNT_WARMUP + MOUNT_CYCLES;
  assert.equal(counts.loaded, combos.length * (per - Math.ceil(per / 4)), 'every cycle with src loaded it');
  assert.equal(counts.drawn, combos.length / 2 * Math.ceil(per / 50), 'charts drawn');
  assert.equal(counts.left, 1, 'only the heading is left in the page');
  assert.equal(staticAfter, staticBefore, 'no poller outlived its widget');
  for (const [label, start, end] of rows) assertFlat(label, start, end);
  assertFlat('mounting', startFigures, endFigures);
  assert.deepEqual(problems, []);
  await page.close();
});
