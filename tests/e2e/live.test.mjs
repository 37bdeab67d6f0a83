// Live data: a source the test server changes, answers 304, answers 500,
// hangs, serves garbage and recovers; the chart polls it (with Playwright's
// fake clock, so backoff and timeouts run in fake time) and is checked at each
// step: the right numbers, the stale badge, recovery, one request in flight,
// conditional requests. Then data pushed over a BroadcastChannel, a file
// picked and a file dropped. All under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open, chartPixels, shot, SHOTS } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(fs.readFileSync(path.join(here, '../../www/examples/sample-activities.json'), 'utf8'));

const down = { up: false, requests: 0 };

// The source: what /live/export.json answers, and what it saw.
const source = {
  body: '', etag: '', modified: '', mode: 'ok',
  requests: [], inFlight: 0, maxInFlight: 0, hung: [],
};
function publish(data, version) {
  source.body = JSON.stringify(data);
  source.etag = `"v${version}"`;
  source.modified = new Date(Date.UTC(2026, 10, 23, 9, version)).toUTCString();
}
const routes = {
  '/live/export.json': (req, res) => {
    source.requests.push({
      mode: source.mode,
      inm: req.headers['if-none-match'] ?? null,
      ims: req.headers['if-modified-since'] ?? null,
    });
    source.inFlight++;
    source.maxInFlight = Math.max(source.maxInFlight, source.inFlight);
    res.on('close', () => { source.inFlight--; });
    switch (source.mode) {
      case 'ok':
        if (req.headers['if-none-match'] === source.etag) {
          res.writeHead(304, { etag: source.etag }).end();
        } else {
          res.writeHead(200, {
            'content-type': 'application/json', etag: source.etag, 'last-modified': source.modified,
          }).end(source.body);
        }
        break;
      case '500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        break;
      case 'hang':
        source.hung.push(res);
        break;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' })
          .end('<!doctype html><html><body><h1>Service unavailable</h1></body></html>');
        break;
      default:
        res.writeHead(404).end();
    }
  },
  '/live/page.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Live chart</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/demo.css">
<script type="module" src="/pkg/kyoto.js"></script>
<script type="module" src="/live/events.js"></script></head>
<body><main><h1>Live chart</h1>
<kyoto-pillar-chart id="live" src="/live/export.json" poll="1" view="status" channel="kyoto-test"></kyoto-pillar-chart>
<kyoto-pillar-chart id="other"></kyoto-pillar-chart>
</main></body></html>`);
  },
  '/live/browser.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Live paragraph browser</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/demo.css">
<script type="module" src="/pkg/kyoto.js"></script>
<script type="module" src="/live/events.js"></script></head>
<body><main><h1>Live paragraph browser</h1>
<kyoto-paragraph-browser id="live" src="/live/export.json" poll="1"></kyoto-paragraph-browser>
</main></body></html>`);
  },
  // A source that is down from the start, until `down.up`.
  '/live/down.json': (req, res) => {
    down.requests++;
    if (down.up) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sample));
    else res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
  },
  '/live/down.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Live chart, source down</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/demo.css">
<script type="module" src="/pkg/kyoto.js"></script></head>
<body><main><h1>Live chart, source down</h1>
<kyoto-pillar-chart id="en" src="/live/down.json" poll="2"></kyoto-pillar-chart>
<kyoto-pillar-chart id="ar" lang="ar" src="/live/down.json?ar" poll="2"></kyoto-pillar-chart>
</main></body></html>`);
  },
  '/live/events.js': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(`
window.kyotoEvents = [];
for (const type of ['kyoto:loaded', 'kyoto:updated', 'kyoto:error']) {
  document.addEventListener(type, (e) => window.kyotoEvents.push({ type, target: e.target.id, detail: e.detail }));
}`);
  },
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => {
  for (const res of source.hung) res.destroy();
  await ctx.close();
});

async function until(f, what, ms = 10000) {
  const t0 = Date.now();
  while (!(await f())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pillarRow = (csv, numeral) => csv.split('\n').find((l) => l.startsWith(`Pillar ${numeral},`));
const table = (page) => page.evaluate(() => document.getElementById('live').handle.tableCsv());
const events = (page, type) => page.evaluate((t) => window.kyotoEvents.filter((e) => e.type === t && e.target === 'live'), type);
const badge = (page) => page.evaluate(() => {
  const b = document.getElementById('live').shadowRoot.querySelector('.kw-stale');
  return b.hidden ? null : b.textContent;
});
const liveRegion = (page) => page.evaluate(() => document.getElementById('live').shadowRoot.querySelector('[aria-live]').textContent);

// Two activities of pillar II (paragraphs 31–47) that are not completed yet.
function completeTwoInPillarII(data) {
  const out = structuredClone(data);
  const inII = (a) => [].concat(a.paragraphs).map(Number).some((n) => n >= 31 && n <= 47)
    && ![].concat(a.paragraphs).map(Number).some((n) => n < 31 || n > 47);
  const picked = out.activities.filter((a) => inII(a) && a.status !== 'completed').slice(0, 2);
  assert.equal(picked.length, 2, 'the sample has two open activities in pillar II only');
  for (const a of picked) a.status = 'completed';
  return out;
}

test('polling: 304, change, 500 with backoff, hang, garbage, recovery; one request in flight', async () => {
  publish(sample, 1);
  // A browser of its own: the fake clock belongs to the browser context.
  const own = await start({ csp: true, routes });
  const page = await own.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  // Time stands still except when the test moves it.
  const t0 = new Date('2026-11-23T09:00:00Z').getTime();
  await page.clock.install({ time: t0 });
  await page.clock.pauseAt(t0 + 1000);
  await page.goto(`${own.url}live/page.html`);
  await chartPixels(page, '#live');
  await until(async () => (await events(page, 'kyoto:loaded')).length === 1, 'the first load');
  const first = await table(page);
  assert.equal(source.requests.length, 1);
  // Moves the fake clock in 100 ms steps until request `n` has been made and
  // answered (the server answers in real time); returns the fake time moved.
  const advance = async (n, what, limit = 60000) => {
    let moved = 0;
    while (source.requests.length < n) {
      if (moved >= limit) throw new Error(`no request ${n} (${what}) within ${limit} ms`);
      await page.clock.runFor(100);
      moved += 100;
      await new Promise((r) => setTimeout(r, 15));
    }
    await until(() => source.inFlight === 0 || source.mode === 'hang', what);
    await new Promise((r) => setTimeout(r, 100));
    return moved;
  };
  const tick = (ms, n, what) => advance(n, what);

  // Same data twice: the first poll gets the same bytes (no redraw), the
  // second asks conditionally and gets a 304.
  await tick(1000, 2, 'poll 1');
  await tick(1000, 3, 'poll 2');
  assert.equal(source.requests[1].inm, null);
  assert.equal(source.requests[2].inm, '"v1"', 'If-None-Match from the last answer');
  assert.equal(source.requests[2].ims, source.modified, 'If-Modified-Since from the last answer');
  assert.equal((await events(page, 'kyoto:updated')).length, 0, 'no update while nothing changed');
  assert.equal(await table(page), first);

  // The data changes: the chart shows it, says what changed, highlights it.
  publish(completeTwoInPillarII(sample), 2);
  await tick(1000, 4, 'poll 3');
  await until(async () => (await events(page, 'kyoto:updated')).length === 1, 'kyoto:updated');
  const [updated] = await events(page, 'kyoto:updated');
  assert.equal(updated.detail.origin, 'poll');
  assert.ok(updated.detail.changedParagraphs.every((n) => n >= 31 && n <= 47), 'changed paragraphs in pillar II');
  const before2 = pillarRow(first, 'II').split(',');
  const after2 = pillarRow(await table(page), 'II').split(',');
  assert.notDeepEqual(after2, before2);
  assert.equal(pillarRow(await table(page), 'I'), pillarRow(first, 'I'), 'pillar I unchanged');
  await until(async () => /Data updated: 2 activities completed in Pillar II\./.test(await liveRegion(page)), 'the announcement');
  await shot(page, 'live-changed-highlight');
  const second = await table(page);

  // HTTP 500: the last good data stays, a quiet badge says since when.
  source.mode = '500';
  await tick(1000, 5, 'poll 4 (500)');
  await until(async () => (await badge(page)) !== null, 'the stale badge');
  assert.match(await badge(page), /^Stale since \d\d:\d\d/);
  assert.equal(await table(page), second, 'the last good numbers stay');
  const errors = await events(page, 'kyoto:error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].detail.stale, true);
  assert.match(errors[0].detail.message, /HTTP 500/);
  await shot(page, 'live-stale');

  // Backoff: after one failure the next request waits 2 s, then 4 s, then 8 s.
  const wait2 = await advance(6, 'poll 5 (500, after 2 s)');
  assert.ok(wait2 >= 1900 && wait2 <= 2100, `2 s after the first failure, not ${wait2} ms`);
  source.mode = 'hang';
  const wait4 = await advance(7, 'poll 6 (hangs, after 4 s)');
  assert.ok(wait4 >= 3900 && wait4 <= 4100, `4 s after the second failure, not ${wait4} ms`);

  // A hanging server: one request in flight, abandoned after the timeout.
  await until(() => source.inFlight === 1, 'the hanging request');
  await page.clock.runFor(4500);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(source.requests.length, 7, 'no second request while one is in flight');
  await page.clock.runFor(600);
  await until(() => source.inFlight === 0, 'the timeout to abort the request');
  await until(async () => (await events(page, 'kyoto:error')).some((e) => /no answer within 5 s/.test(e.detail.message)), 'the timeout error');
  assert.equal(source.maxInFlight, 1, 'never more than one request in flight');

  // Garbage with status 200: rejected, the data stays.
  source.mode = 'garbage';
  await tick(16000, 8, 'poll (garbage)');
  await until(async () => (await events(page, 'kyoto:error')).length === 4, 'the garbage error');
  const garbage = (await events(page, 'kyoto:error'))[3].detail.message;
  assert.match(garbage, /export\.json/);
  assert.doesNotMatch(garbage, /no answer/);
  assert.equal(await table(page), second);
  assert.notEqual(await badge(page), null);

  // Recovery: new data, the badge goes, the numbers follow.
  source.mode = 'ok';
  publish(sample, 3);
  await tick(32000, 9, 'poll (recovered)');
  await until(async () => (await badge(page)) === null, 'the badge to go').catch(async (e) => {
    console.log(JSON.stringify(source.requests), JSON.stringify(await page.evaluate(() => window.kyotoEvents.map((e) => [e.type, e.detail.message || e.detail.origin]))));
    throw e;
  });
  await until(async () => (await table(page)) === first, 'the numbers of the new export');
  assert.equal(source.maxInFlight, 1);

  // Paused while the page is hidden, resumed when it shows.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const n = source.requests.length;
  await page.clock.runFor(5000);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(source.requests.length, n, 'no request while hidden');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.runFor(10);
  await until(() => source.requests.length === n + 1, 'a request when shown again');

  // The other chart on the page kept working all along.
  const other = await page.evaluate(() => document.getElementById('other').handle.tableCsv());
  assert.match(other, /^Item,/);
  assert.deepEqual(problems, []);
  await page.close();
  for (const res of source.hung) res.destroy();
  await own.close();
});

test('a source down from the first load: the badge says no data came yet and when the next try is, then goes', async () => {
  const own = await start({ csp: true, routes });
  const page = await own.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const t0 = new Date('2026-11-23T09:00:00Z').getTime();
  await page.clock.install({ time: t0 });
  await page.clock.pauseAt(t0 + 1000);
  await page.goto(`${own.url}live/down.html`);
  const state = (id) => page.evaluate((i) => {
    const root = document.getElementById(i).shadowRoot;
    const b = root?.querySelector('.kw-stale');
    const error = root?.querySelector('.kw-error');
    return {
      badge: b && !b.hidden ? b.textContent : null,
      title: b?.getAttribute('title') ?? null,
      error: error && !error.hidden ? error.textContent : null,
    };
  }, id);
  // The first load fails: the error box says so; no badge yet.
  await until(async () => (await state('en')).error !== null && (await state('ar')).error !== null, 'the failed first loads');
  assert.equal((await state('en')).badge, null);
  // The first poll (2 s later) fails too: the badge has no last good time
  // to give; it says that no data came yet, and when the next try (4 s
  // later, backing off) will be.
  const requests = down.requests;
  for (let moved = 0; down.requests < requests + 2; moved += 100) {
    if (moved > 10000) throw new Error('no poll');
    await page.clock.runFor(100);
    await new Promise((r) => setTimeout(r, 15));
  }
  await until(async () => (await state('en')).badge !== null && (await state('ar')).badge !== null, 'the badges');
  const next = (lang) => page.evaluate((l) => new Date(Date.now() + 4000)
    .toLocaleTimeString(l, { hour: '2-digit', minute: '2-digit' }), lang);
  const en = await state('en');
  assert.equal(en.badge, `No data yet · next try ${await next('en')}`);
  assert.ok(en.title.startsWith(`No data could be loaded from the source yet. Next try at ${await next('en')}, then less often while it fails.\n`), en.title);
  assert.match(en.title, /HTTP 503/);
  assert.doesNotMatch(en.badge, /Stale since/);
  const ar = await state('ar');
  assert.equal(ar.badge, `لا بيانات بعد · المحاولة التالية ${await next('ar')}`);
  // No bars, table or count of zeros while nothing has loaded: a reader
  // (or a screen reader, through the canvas's name) would take them for data.
  const shownParts = (i) => page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const seen = (sel) => { const e = root.querySelector(sel); return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0; };
    return { plot: seen('.kw-plot canvas'), table: !!root.querySelector('.kw-table-wrap:not([hidden])'), note: seen('.kw-note') };
  }, i);
  assert.deepEqual(await shownParts('en'), { plot: false, table: false, note: false });
  await page.locator('#en').screenshot({ path: path.join(SHOTS, 'live-never-loaded-en.png') });
  await page.locator('#ar').screenshot({ path: path.join(SHOTS, 'live-never-loaded-ar.png') });
  // The source comes back: the next poll shows its data and the badge goes.
  down.up = true;
  for (let moved = 0; (await state('en')).badge !== null || (await state('ar')).badge !== null; moved += 100) {
    if (moved > 20000) throw new Error('no recovery');
    await page.clock.runFor(100);
    await new Promise((r) => setTimeout(r, 15));
  }
  assert.equal((await state('en')).error, null, 'the error box goes with the first data');
  assert.ok(await page.evaluate(() => document.getElementById('en').handle.detail().activities > 0));
  await until(async () => (await shownParts('en')).plot, 'the plot with the first data');
  assert.deepEqual(await shownParts('en'), { plot: true, table: true, note: true });
  assert.deepEqual(problems, []);
  await own.close();
});

test('push over a BroadcastChannel, a picked file and a dropped file', async () => {
  source.mode = 'ok';
  publish(sample, 1);
  const { page, problems } = await open(ctx, `${ctx.url}live/page.html`);
  await chartPixels(page, '#live');
  await until(async () => (await events(page, 'kyoto:loaded')).length === 1, 'the first load');

  // A control page of the same origin pushes an export.
  const control = await ctx.context.newPage();
  await control.goto(`${ctx.url}live/page.html`);
  await control.evaluate(() => {
    const ch = new BroadcastChannel('kyoto-test');
    ch.postMessage('id,title,paragraphs,status\nx1,Pushed,21,done\nx2,Pushed too,31,ongoing\n');
    ch.close();
  });
  await until(async () => (await events(page, 'kyoto:updated')).length === 1, 'the pushed data');
  const pushed = (await events(page, 'kyoto:updated'))[0].detail;
  assert.equal(pushed.origin, 'push');
  assert.equal(pushed.activities, 2);
  await control.close();

  // A file chosen in the file picker, with a bad row: the report shows.
  await page.locator('#live').locator('input[type=file]').setInputFiles({
    name: 'picked.csv', mimeType: 'text/csv',
    buffer: Buffer.from('id;title;paragraphs;status\np1;Picked;27, 28;ongoing\np2;Bad;120;ongoing\n'),
  });
  await until(async () => (await events(page, 'kyoto:updated')).length === 2, 'the picked file');
  const picked = (await events(page, 'kyoto:updated'))[1].detail;
  assert.equal(picked.origin, 'file');
  assert.equal(picked.activities, 1);
  assert.equal(picked.errors, 1);
  const problemsText = await page.evaluate(() => document.getElementById('live').shadowRoot.querySelector('.kw-problems').textContent);
  assert.match(problemsText, /row 3/i);

  // A file dropped on the widget.
  await page.evaluate(() => {
    const root = document.getElementById('live').shadowRoot.querySelector('.kw');
    const dt = new DataTransfer();
    dt.items.add(new File(['{"version":1,"activities":[{"id":"d1","title":"Dropped","paragraphs":"93-95","status":"planned"}]}'], 'dropped.json', { type: 'application/json' }));
    root.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    root.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await until(async () => (await events(page, 'kyoto:updated')).length === 3, 'the dropped file');
  assert.equal((await events(page, 'kyoto:updated'))[2].detail.activities, 1);
  assert.equal(await page.evaluate(() => document.getElementById('live').shadowRoot.querySelector('.kw').classList.contains('kw-dragover')), false);

  // A dropped file that is not an export: a clear error, the data stays.
  await page.evaluate(() => {
    const root = document.getElementById('live').shadowRoot.querySelector('.kw');
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0, 159, 146, 150, 0, 1, 2])], 'photo.png', { type: 'image/png' }));
    root.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await until(async () => (await events(page, 'kyoto:error')).length === 1, 'the error for a bad file');
  assert.match((await events(page, 'kyoto:error'))[0].detail.message, /photo\.png/);
  const shown = await page.evaluate(() => document.getElementById('live').handle.tableCsv());
  assert.match(shown, /Follow-up|Pillar IV,/);
  await shot(page, 'live-file-error');

  // Two exports dropped at once: the chart shows one export, and says so
  // instead of taking one of them; its data stays.
  await page.evaluate(() => {
    const root = document.getElementById('live').shadowRoot.querySelector('.kw');
    const dt = new DataTransfer();
    for (const name of ['a.json', 'b.json']) {
      dt.items.add(new File(['{"version":1,"activities":[{"id":"x","title":"X","paragraphs":"93","status":"planned"}]}'], name, { type: 'application/json' }));
    }
    root.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await until(async () => (await events(page, 'kyoto:error')).length === 2, 'the error for two files');
  assert.equal((await events(page, 'kyoto:error'))[1].detail.message,
    '2 files were given at once, and this widget shows one export: give one file');
  assert.equal(await page.evaluate(() => document.getElementById('live').handle.tableCsv()), shown);
  await shot(page, 'live-two-files');
  assert.deepEqual(problems, []);
  await page.close();
});

// The Open file button clicks the widget's hidden file input, whose click
// the browser dispatches at once inside the widget's root, to the listener
// that is running: it must open the file picker and nothing else (no error,
// no second picker), and the file chosen must show.
test('the Open file button opens the file picker once, with no error, in the chart and the browser', async () => {
  source.mode = 'ok';
  publish(sample, 1);
  for (const file of ['page.html', 'browser.html']) {
    const { page, problems } = await open(ctx, `${ctx.url}live/${file}`);
    await until(async () => (await events(page, 'kyoto:loaded')).length === 1, `${file}: the first load`);
    let choosers = 0;
    page.on('filechooser', () => { choosers += 1; });
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#live').locator('button[data-action="file:open"]').click();
    await (await chooser).setFiles({
      name: 'chosen.csv', mimeType: 'text/csv',
      buffer: Buffer.from('id,title,paragraphs,status\nc1,Chosen,27,ongoing\n'),
    });
    await until(async () => (await events(page, 'kyoto:updated')).length === 1, `${file}: the chosen file`);
    const chosen = (await events(page, 'kyoto:updated'))[0].detail;
    assert.equal(chosen.origin, 'file', file);
    assert.equal(chosen.activities, 1, file);
    assert.equal(choosers, 1, `${file}: one file picker`);
    assert.deepEqual(problems, [], file);
    await page.close();
  }
});

test('the paragraph browser polls too: changed paragraphs are marked and announced; update() works', async () => {
  source.mode = 'ok';
  publish(sample, 1);
  const { page, problems } = await open(ctx, `${ctx.url}live/browser.html`);
  await until(async () => (await events(page, 'kyoto:loaded')).length === 1, 'the first load');
  const loaded = (await events(page, 'kyoto:loaded'))[0].detail;
  assert.equal(loaded.activities, sample.activities.length);
  const n = source.requests.length;
  publish(completeTwoInPillarII(sample), 2);
  await until(async () => (await events(page, 'kyoto:updated')).length === 1, 'the polled change', 15000).catch(async (e) => {
    console.log('DEBUG', n, source.requests.length, await page.evaluate(() => document.visibilityState), JSON.stringify(source.requests.slice(-3)), JSON.stringify(await page.evaluate(() => window.kyotoEvents)), problems);
    throw e;
  });
  assert.ok(source.requests.length > n);
  const [updated] = await events(page, 'kyoto:updated');
  assert.equal(updated.detail.origin, 'poll');
  const marked = await page.evaluate(() => [...document.getElementById('live').shadowRoot.querySelectorAll('article.kw-changed')].map((a) => Number(a.dataset.n)));
  assert.ok(marked.length >= 1, 'changed paragraphs are marked');
  assert.deepEqual(marked.filter((m) => !updated.detail.changedParagraphs.includes(m)), []);
  await until(async () => /Data updated: 2 activities completed in Pillar II\./.test(await liveRegion(page)), 'the announcement');
  await page.evaluate(() => document.getElementById('live').shadowRoot.querySelector('article.kw-changed').scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(SHOTS, 'live-browser-changed.png') });
  // update() on the browser's handle.
  await page.evaluate(() => document.getElementById('live').handle.update('id,title,paragraphs,status\nu1,Pushed,21,done\n'));
  await until(async () => (await events(page, 'kyoto:updated')).length === 2, 'update()');
  assert.equal((await events(page, 'kyoto:updated'))[1].detail.origin, 'push');
  await page.evaluate(() => document.getElementById('live').setAttribute('poll', ''));
  assert.deepEqual(problems, []);
  await page.close();
});
