// The chart's and the browser's modules with one export format's reader,
// under the strict CSP: kyoto.js picks the module by the src's extension
// (kyoto_chart_json for .json and for the sample, kyoto_chart_csv for .csv,
// kyoto_chart with both readers for any other src), and a widget whose data
// turns out to be of the other format (its src's, data given by update(),
// a dropped file, a push over a channel) is moved to the module with both
// readers and shows that data there, as the module with both would have
// shown it in the first place: no error, nothing lost, other widgets
// untouched. A poll that brings the other format while the widget shows
// data is a failed poll (the data stays).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, chartPixels, shot } from './harness.mjs';
import { STRICT_CSP } from '../../tools/serve.mjs';

const CSV = 'id,title,paragraphs,status\nF-1,Training of prosecutors,40,completed\nF-2,Court statistics,41,ongoing\nF-3,Legal aid review,43,planned\nF-4,Youth crime prevention,7,ongoing\n';
const JSON_EXPORT = JSON.stringify({
  version: 1,
  activities: [
    { id: 'J-1', title: 'Victim support', paragraphs: '27', status: 'completed' },
    { id: 'J-2', title: 'Cybercrime training', paragraphs: '93-95', status: 'ongoing' },
  ],
});

/** What /fmt/polled.json answers: JSON first, then CSV. */
let polled = JSON_EXPORT;

const page = (body) => (req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
  .end(`<!doctype html><html lang="en"><title>formats</title><link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/kyoto.js"></script><main>${body}</main>`);

const routes = {
  '/fmt/data.csv': (req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV),
  '/fmt/data.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON_EXPORT),
  // A CSV under a .json name (a server's mistake, or a renamed file).
  '/fmt/mislabelled.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(CSV),
  '/fmt/export': (req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV),
  '/fmt/polled.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(polled),
  '/fmt/csv.html': page('<kyoto-pillar-chart src="/fmt/data.csv" view="status"></kyoto-pillar-chart>'),
  '/fmt/json.html': page('<kyoto-pillar-chart src="/fmt/data.json" view="status"></kyoto-pillar-chart>'),
  '/fmt/other.html': page('<kyoto-pillar-chart src="/fmt/export" view="status"></kyoto-pillar-chart>'),
  '/fmt/mislabelled.html': page('<kyoto-pillar-chart id="a" src="/fmt/mislabelled.json" view="status"></kyoto-pillar-chart>'
    + '<kyoto-pillar-chart id="b" src="/fmt/data.json" view="status"></kyoto-pillar-chart>'),
  '/fmt/sample.html': page('<kyoto-pillar-chart id="c" view="status" channel="kyoto-formats"></kyoto-pillar-chart>'),
  '/fmt/browser.html': page('<kyoto-paragraph-browser src="/fmt/data.json"></kyoto-paragraph-browser>'),
  '/fmt/polled.html': page('<kyoto-pillar-chart src="/fmt/polled.json" poll="1" view="status"></kyoto-pillar-chart>'),
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

/** The wasm modules the page has fetched, by name (chart_json, …), in order. */
function modulesFetched(p) {
  return p.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.match(/kyoto_(\w+)_bg\.wasm$/)?.[1]).filter(Boolean));
}

/** Every kyoto:* event on the page, recorded from before the widgets exist. */
function recordEvents(p) {
  return p.addInitScript(() => {
    window.__events = [];
    for (const type of ['kyoto:loaded', 'kyoto:updated', 'kyoto:error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, detail: e.detail }), true);
    }
  });
}

const table = (p, sel = 'kyoto-pillar-chart') => p.evaluate((s) => document.querySelector(s)?.handle?.tableCsv() ?? null, sel);

/** The chart's table for the CSV export, as the module with both readers shows it. */
let csvTable;

test('a src ending in .csv loads the CSV module, .json the JSON one, any other src the one with both', async () => {
  for (const [name, module] of [['csv', 'chart_csv'], ['json', 'chart_json'], ['other', 'chart']]) {
    const { page: p, problems } = await open(ctx, `${ctx.url}fmt/${name}.html`);
    await chartPixels(p);
    await p.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle?.detail()?.activities > 0);
    assert.deepEqual(await modulesFetched(p), [module], name);
    if (name === 'other') csvTable = await table(p);
    if (name === 'csv') await shot(p, 'formats-csv-module');
    assert.deepEqual(problems, [], name);
    await p.close();
  }
  assert.match(csvTable, /^Pillar II,/m);
});

test('a CSV under a .json src: the widget moves to the module with both readers and shows it; the other chart stays', async () => {
  const { page: p, problems } = await open(ctx, `${ctx.url}fmt/mislabelled.html`, recordEvents);
  await p.waitForFunction(() => document.getElementById('a').handle?.detail()?.activities === 4);
  await p.waitForFunction(() => document.getElementById('b').handle?.detail()?.activities === 2);
  assert.equal(await table(p, '#a'), csvTable);
  assert.deepEqual((await modulesFetched(p)).sort(), ['chart', 'chart_json']);
  const events = await p.evaluate(() => window.__events.map((e) => `${e.type} ${e.id}`));
  assert.deepEqual(events.filter((e) => e.startsWith('kyoto:error')), [], 'no error shown on the way');
  assert.equal(events.filter((e) => e === 'kyoto:loaded a').length, 1, events.join(', '));
  // Nothing of the first module's widget is left in the element.
  assert.equal(await p.evaluate(() => document.getElementById('a').shadowRoot.querySelectorAll('.kw').length), 1);
  await chartPixels(p, '#a');
  await shot(p, 'formats-moved');
  assert.deepEqual(problems, []);
  await p.close();
});

test('CSV given through update(), pushed over a channel or dropped on a JSON-module chart is shown after the move, with its origin', async () => {
  for (const how of ['update', 'channel', 'drop']) {
    const { page: p, problems } = await open(ctx, `${ctx.url}fmt/sample.html`, recordEvents);
    await chartPixels(p, '#c');
    await p.waitForFunction(() => window.__events.some((e) => e.type === 'kyoto:loaded'));
    assert.deepEqual(await modulesFetched(p), ['chart_json'], how);
    if (how === 'update') {
      await p.evaluate((text) => document.getElementById('c').handle.update(text), CSV);
    } else if (how === 'channel') {
      const control = await ctx.context.newPage();
      await control.goto(`${ctx.url}fmt/csv.html`);
      await control.evaluate((text) => { const ch = new BroadcastChannel('kyoto-formats'); ch.postMessage(text); ch.close(); }, CSV);
      await control.close();
    } else {
      await p.evaluate((text) => {
        const root = document.getElementById('c').shadowRoot.querySelector('.kw');
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
        root.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
        root.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, CSV);
    }
    await p.waitForFunction(() => window.__events.some((e) => e.type === 'kyoto:updated'), null, { timeout: 15000 });
    const updated = await p.evaluate(() => window.__events.filter((e) => e.type === 'kyoto:updated').map((e) => e.detail));
    assert.equal(updated.length, 1, how);
    assert.equal(updated[0].activities, 4, how);
    assert.equal(updated[0].origin, how === 'drop' ? 'file' : 'push', how);
    assert.equal(await table(p, '#c'), csvTable, how);
    assert.deepEqual((await modulesFetched(p)).sort(), ['chart', 'chart_json'], how);
    assert.deepEqual(await p.evaluate(() => window.__events.filter((e) => e.type === 'kyoto:error').length), 0, how);
    // The widget still takes the data its first module read: JSON.
    await p.evaluate((text) => document.getElementById('c').handle.update(text), JSON_EXPORT);
    await p.waitForFunction(() => document.getElementById('c').handle.detail()?.activities === 2);
    assert.deepEqual(problems, [], how);
    await p.close();
  }
});

test('a dropped file that is neither JSON nor an export: the chart moves, says why, and keeps the data it showed', async () => {
  const { page: p, problems } = await open(ctx, `${ctx.url}fmt/sample.html`, recordEvents);
  await chartPixels(p, '#c');
  await p.waitForFunction(() => window.__events.some((e) => e.type === 'kyoto:loaded'));
  const sample = await table(p, '#c');
  await p.evaluate(() => {
    const root = document.getElementById('c').shadowRoot.querySelector('.kw');
    const dt = new DataTransfer();
    dt.items.add(new File(['<!doctype html><html><body><h1>Service unavailable</h1></body></html>'], 'page.html', { type: 'text/html' }));
    root.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await p.waitForFunction(() => window.__events.some((e) => e.type === 'kyoto:error'), null, { timeout: 15000 });
  const errors = await p.evaluate(() => window.__events.filter((e) => e.type === 'kyoto:error').map((e) => e.detail.message));
  assert.equal(errors.length, 1, errors.join('\n'));
  // The CSV reader's own words (the module with both readers read it), not the JSON module's.
  assert.doesNotMatch(errors[0], /reads JSON only/);
  assert.equal(await table(p, '#c'), sample, 'the sample still shown');
  assert.deepEqual((await modulesFetched(p)).sort(), ['chart', 'chart_json']);
  await shot(p, 'formats-dropped-garbage');
  assert.deepEqual(problems, []);
  await p.close();
});

test('a polled .json src that turns into CSV while the chart shows data: a failed poll, the data kept; a new page shows the CSV', async () => {
  polled = JSON_EXPORT;
  const { page: p, problems } = await open(ctx, `${ctx.url}fmt/polled.html`, recordEvents);
  await p.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle?.detail()?.activities === 2);
  const before = await table(p);
  assert.deepEqual(await modulesFetched(p), ['chart_json']);
  polled = CSV;
  // An error page in place of the export would be read as CSV too: moving
  // the widget would reload its src and leave it without data.
  await p.waitForFunction(() => window.__events.some((e) => e.type === 'kyoto:error'), null, { timeout: 15000 });
  const [error] = await p.evaluate(() => window.__events.filter((e) => e.type === 'kyoto:error').map((e) => e.detail));
  assert.match(error.message, /\/fmt\/polled\.json: the data is not JSON, and this module reads JSON only/);
  assert.equal(error.stale, true);
  assert.equal(await table(p), before, 'the data kept');
  assert.deepEqual(await modulesFetched(p), ['chart_json']);
  await p.close();
  // Loaded afresh, the src's CSV moves the widget before it shows anything.
  const fresh = await open(ctx, `${ctx.url}fmt/polled.html`, recordEvents);
  await fresh.page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle?.detail()?.activities === 4, null, { timeout: 15000 });
  assert.equal(await table(fresh.page), csvTable);
  assert.deepEqual((await modulesFetched(fresh.page)).sort(), ['chart', 'chart_json']);
  // And polls there: JSON again is shown.
  polled = JSON_EXPORT;
  await fresh.page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle?.detail()?.activities === 2, null, { timeout: 15000 });
  assert.deepEqual(await fresh.page.evaluate(() => window.__events.filter((e) => e.type === 'kyoto:error').length), 0);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.page.close();
});

test('the paragraph browser: a .json src loads its JSON module; CSV given later moves it to the one with both', async () => {
  const { page: p, problems } = await open(ctx, `${ctx.url}fmt/browser.html`, recordEvents);
  await p.waitForFunction(() => document.querySelector('kyoto-paragraph-browser').handle?.detail()?.activities === 2);
  assert.deepEqual(await modulesFetched(p), ['browser_json']);
  await p.evaluate((text) => document.querySelector('kyoto-paragraph-browser').handle.update(text), CSV);
  await p.waitForFunction(() => document.querySelector('kyoto-paragraph-browser').handle?.detail()?.activities === 4, null, { timeout: 15000 });
  assert.deepEqual((await modulesFetched(p)).sort(), ['browser', 'browser_json']);
  const shown = await p.evaluate(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.textContent);
  // The CSV's four activities by status in the filter, and paragraph 7's one.
  assert.match(shown, /Completed \(1\)Ongoing \(2\)Planned \(1\)/);
  assert.match(shown, /Paragraph 71 activity · 0 completed, 1 ongoing, 0 planned/);
  assert.deepEqual(problems, []);
  await p.close();
});
