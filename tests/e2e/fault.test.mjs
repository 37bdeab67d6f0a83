// A panic is a bug, but if one happens the page must not be left with dead
// widgets and no word: every widget of the module that panicked says it
// stopped (a visible message and a `kyoto:error` with panic: true), widgets
// of other modules keep working, and Restart — or recover() — brings the
// stopped ones back on a fresh WebAssembly instance. Under the strict CSP,
// with the three ways of embedding (charts) and a paragraph browser mounted
// later on the page (so in its own module). The two charts of the page's
// markup show a CSV export and run in the chart module that reads CSV; the
// one mounted from the page's script shows JSON, so it runs in the chart
// module with both readers (kyoto.js: one module more for a page of both
// formats, not two), and keeps working like the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, chartPixels, SHOTS } from './harness.mjs';

/** The first screen of the page (the whole page is long). */
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** A page of two charts (English and French), under `csp` when given. */
const twoCharts = (csp) => (req, res) => {
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  if (csp) headers['content-security-policy'] = csp;
  res.writeHead(200, headers).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Two charts</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/demo.css">
<script type="module" src="/pkg/kyoto.js"></script></head>
<body><main><h1>Two charts</h1>
<kyoto-pillar-chart id="en" src="/examples/sample-activities.csv"></kyoto-pillar-chart>
<kyoto-pillar-chart id="fr" lang="fr" src="/examples/sample-activities.csv"></kyoto-pillar-chart>
</main></body></html>`);
};

const routes = {
  '/t/two-charts.html': twoCharts(null),
  // A policy of the kind many sites have, without 'wasm-unsafe-eval'.
  '/t/no-wasm.html': twoCharts("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"),
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

const IDS = ['by-element', 'by-data', 'by-api', 'browser'];
/** The widgets of the chart module that reads CSV, which the test panic stops. */
const CHARTS = ['by-element', 'by-data'];

async function openPage() {
  const page = await ctx.context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(`${e.message} ${e.stack}`));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.addInitScript(() => { Error.stackTraceLimit = 60; });
  await page.goto(`${ctx.url}embed.html`);
  await page.evaluate(async () => {
    const { ready, mount } = await import('/pkg/kyoto.js');
    await ready;
    const div = document.createElement('div');
    div.id = 'browser';
    document.querySelector('main').append(div);
    mount(div, { kind: 'paragraph-browser', src: 'examples/sample-activities.csv' });
    window.kyotoErrors = [];
    document.addEventListener('kyoto:error', (e) => window.kyotoErrors.push({ id: e.target.id, ...e.detail }));
  });
  for (const id of ['by-element', 'by-data', 'by-api']) await chartPixels(page, `#${id}`);
  await page.waitForFunction(() => document.querySelector('#browser').shadowRoot?.querySelector('.kw-note')?.textContent.startsWith('51'));
  return { page, consoleErrors, pageErrors, dialogs };
}

const panicBoxes = (page) => page.evaluate((ids) => ids.map((id) => {
  const box = document.getElementById(id).shadowRoot.querySelector('.kw-panic');
  return box ? { role: box.getAttribute('role'), text: box.textContent } : null;
}), IDS);

/** Arms the test panic and clicks a legend button of the first chart: the redraw panics inside the click handler. */
async function panicInClick(page) {
  await page.evaluate(async () => {
    (await import('/pkg/kyoto.js')).panicForTesting('chart_csv');
    document.getElementById('by-element').shadowRoot.querySelector('[data-action="legend:1"]').click();
  });
}

test('a panic in a widget: every widget of its module says so, the others keep working, and Restart brings them back', async () => {
  const { page, consoleErrors, pageErrors, dialogs } = await openPage();
  assert.deepEqual([...consoleErrors, ...pageErrors], [], 'a clean start');
  const tableBefore = await page.evaluate(() => document.getElementById('by-element').handle.tableCsv());

  await panicInClick(page);
  await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).shadowRoot.querySelector('.kw-panic')), CHARTS);
  const boxes = await panicBoxes(page);
  for (const box of boxes.slice(0, 2)) {
    assert.equal(box.role, 'alert');
    assert.match(box.text, /^This widget stopped because of an internal error\.Restart$/);
  }
  assert.equal(boxes[2], null, 'the chart of the module with both readers did not stop');
  assert.equal(boxes[3], null, 'the paragraph browser, in its own module, did not stop');
  assert.deepEqual(await page.evaluate(async () => Object.keys((await import('/pkg/kyoto.js')).instances()).sort()),
    ['browser_csv', 'chart', 'chart_csv'], 'the modules of the page');
  // The chart in the other module still redraws.
  assert.ok(await page.evaluate(async () => {
    const root = document.getElementById('by-api').shadowRoot;
    const before = window.kyotoHandle.tableCsv();
    root.querySelector('[data-action="legend:0"]').click();
    await new Promise((r) => requestAnimationFrame(() => r()));
    const changed = before !== window.kyotoHandle.tableCsv();
    root.querySelector('[data-action="legend:0"]').click();
    return changed;
  }), 'by-api still redraws');
  // It still searches.
  const found = await page.evaluate(async () => {
    const root = document.getElementById('browser').shadowRoot;
    const input = root.querySelector('input[type="search"]');
    input.value = 'legal aid';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 400));
    return root.querySelector('.kw-count').textContent;
  });
  assert.match(found, /paragraphs? found for “legal aid”/, `the browser still searches: ${found}`);
  const errors = await page.evaluate(() => window.kyotoErrors);
  assert.deepEqual(errors.map((e) => e.id).sort(), [...CHARTS].sort(), 'one kyoto:error per stopped widget');
  for (const e of errors) {
    assert.equal(e.panic, true);
    assert.match(e.message, /internal error[^]*panicForTesting\(\): a deliberate panic in a chart redraw/);
  }
  // What the page sees of the panic: the hook's log and the trap out of the click handler.
  assert.equal(consoleErrors.length, 1, consoleErrors.join('\n'));
  assert.match(consoleErrors[0], /^kyoto-widgets: panicked at [^]*a deliberate panic/);
  assert.equal(pageErrors.length, 1, pageErrors.join('\n'));
  assert.match(pageErrors[0], /unreachable/);
  await shot(page, 'fault-stopped');

  // The stopped instance is quiet: clicks on the old widgets do nothing and log nothing.
  await page.evaluate(() => document.getElementById('by-data').shadowRoot.querySelector('[data-action="legend:0"]').click());
  await page.waitForTimeout(200);
  assert.equal(consoleErrors.length + pageErrors.length, 2, 'no second panic from the stopped instance');

  // Restart in one widget re-creates the instance and mounts every widget again.
  await page.evaluate(() => document.getElementById('by-data').shadowRoot.querySelector('.kw-panic button').click());
  await page.waitForFunction((ids) => ids.every((id) => !document.getElementById(id).shadowRoot.querySelector('.kw-panic')), IDS);
  for (const id of ['by-element', 'by-data', 'by-api']) {
    const px = await chartPixels(page, `#${id}`);
    assert.ok(px.ink > 1000, `${id} draws again`);
  }
  await page.waitForFunction(() => document.querySelector('#browser').shadowRoot.querySelector('.kw-note')?.textContent.startsWith('51'));
  const after = await page.evaluate(() => ({
    table: document.getElementById('by-element').handle.tableCsv(),
    activities: document.getElementById('by-element').handle.detail().activities,
    theme: document.getElementById('by-data').getAttribute('data-theme'),
    roots: ['by-element', 'by-data', 'by-api', 'browser'].map((id) => document.getElementById(id).shadowRoot.querySelectorAll('.kw').length),
  }));
  assert.equal(after.table, tableBefore, 'the same numbers as before the panic');
  assert.equal(after.activities, 51);
  assert.equal(after.theme, 'dark');
  assert.deepEqual(after.roots, [1, 1, 1, 1], 'one widget tree per shadow root');

  // The new instance works: a legend click redraws, a filter in the browser searches.
  const changed = await page.evaluate(async () => {
    const el = document.getElementById('by-element');
    const before = el.handle.tableCsv();
    el.shadowRoot.querySelector('[data-action="legend:0"]').click();
    await new Promise((r) => requestAnimationFrame(() => r()));
    return before !== el.handle.tableCsv();
  });
  assert.ok(changed, 'hiding a status changes the numbers shown');
  await shot(page, 'fault-restarted');
  assert.equal(consoleErrors.length + pageErrors.length, 2, [...consoleErrors, ...pageErrors].join('\n'));
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('recover() from the page, twice in a row, and widgets mounted after a recovery', async () => {
  const { page, consoleErrors, pageErrors } = await openPage();
  for (let round = 1; round <= 2; round++) {
    await panicInClick(page);
    await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).shadowRoot.querySelector('.kw-panic')), CHARTS);
    await page.evaluate(async () => (await import('/pkg/kyoto.js')).recover());
    const boxes = await panicBoxes(page);
    assert.deepEqual(boxes, [null, null, null, null], `round ${round}: no message left`);
    assert.equal(pageErrors.length, round, `round ${round}: one trap per panic: ${pageErrors.join('\n')}`);
    assert.equal(consoleErrors.length, round, `round ${round}: one log per panic`);
  }
  // A widget mounted after recovery runs (in the module with both readers,
  // already on the page); a handle's call after recoveries is harmless.
  const result = await page.evaluate(async () => {
    const { mount } = await import('/pkg/kyoto.js');
    const div = document.createElement('div');
    document.querySelector('main').append(div);
    const handle = mount(div, { kind: 'pillar-chart', src: 'examples/sample-activities.json' });
    await new Promise((resolve) => div.addEventListener('kyoto:loaded', resolve, { once: true }));
    let oldHandle = 'no error';
    try { window.kyotoHandle.render(); } catch (e) { oldHandle = e.message; }
    return { activities: handle.detail().activities, oldHandle };
  });
  assert.equal(result.activities, 51);
  assert.equal(typeof result.oldHandle, 'string');
  const px = await chartPixels(page, 'main > div:last-child');
  assert.ok(px.ink > 1000);
  await page.close();
});

test('a src that fails on first load: an error and no data, never the sample passed off as the page\'s', async () => {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${ctx.url}embed.html`);
  const result = await page.evaluate(async () => {
    const { ready, mount } = await import('/pkg/kyoto.js');
    await ready;
    document.querySelector('main').replaceChildren();
    const made = {};
    const failed = [];
    for (const [id, kind, how] of [['c1', 'pillar-chart', 'mount'], ['b1', 'paragraph-browser', 'mount'], ['b2', 'paragraph-browser', 'data']]) {
      const div = document.createElement('div');
      div.id = id;
      const gotError = new Promise((resolve) => div.addEventListener('kyoto:error', (e) => resolve(e.detail.message), { once: true }));
      if (how === 'data') { div.dataset.kyotoWidget = kind; div.dataset.src = '/no-such-export.csv'; }
      document.querySelector('main').append(div);
      if (how === 'mount') made[id] = mount(div, { kind, src: '/no-such-export.csv' });
      failed.push(await gotError);
    }
    const text = (id) => document.getElementById(id).shadowRoot.querySelector('.kw-error').textContent;
    const shown = {
      failed,
      chart: made.c1.detail().activities,
      browser: made.b1.detail().activities,
      errorText: ['c1', 'b1', 'b2'].map(text),
      note: document.getElementById('c1').shadowRoot.querySelector('.kw-note').textContent,
      table: made.c1.tableCsv(),
    };
    window.made = made;
    return shown;
  });
  await page.locator('#c1').screenshot({ path: path.join(SHOTS, 'fault-first-load-failed.png') });
  // New data still comes in, and the error goes.
  Object.assign(result, await page.evaluate(() => {
    window.made.c1.update('id,title,paragraphs,status\na,One,21,done\n');
    return {
      after: window.made.c1.detail().activities,
      errorHidden: document.getElementById('c1').shadowRoot.querySelector('.kw-error').hidden,
    };
  }));
  for (const m of result.failed) assert.match(m, /no-such-export\.csv.*404/);
  assert.equal(result.chart, 0, 'the chart shows no activity, not the sample');
  assert.equal(result.browser, 0, 'the browser shows no activity, not the sample');
  for (const t of result.errorText) {
    assert.match(t, /No activity is shown: no data has loaded\./);
    assert.doesNotMatch(t, /still shows the last data/);
  }
  assert.match(result.note, /^0 activities/);
  assert.match(result.table, /^Pillar I,Advancing crime prevention,10,0,0,0,0,0,0$/m);
  assert.equal(result.after, 1);
  assert.equal(result.errorHidden, true);
  assert.deepEqual(errors, []);
  await page.close();
});

/** The text of the message kyoto.js put in place of widget `id`, if any. */
const notStarted = (page, id) => page.evaluate((i) => {
  const box = document.getElementById(i).querySelector(':scope > .kw-panic[data-kind="not-started"]');
  return box && { lines: [...box.querySelectorAll('p')].map((p) => p.textContent), button: box.querySelector('button').textContent };
}, id);

test('a page whose policy keeps WebAssembly from compiling: each widget says so, and what the policy lacks', async () => {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.kyotoErrors = [];
    document.addEventListener('kyoto:error', (e) => window.kyotoErrors.push([e.target.id, e.detail]));
  });
  await page.goto(`${ctx.url}t/no-wasm.html`);
  await page.waitForFunction(() => window.kyotoErrors.length === 2);
  const en = await notStarted(page, 'en');
  const fr = await notStarted(page, 'fr');
  assert.deepEqual(en, {
    lines: ['This widget could not start: its code did not load.',
      'The page’s Content-Security-Policy must allow \'wasm-unsafe-eval\' in script-src.'],
    button: 'Try again',
  });
  assert.deepEqual(fr.lines[0], 'Ce widget n’a pas pu démarrer : son code ne s’est pas chargé.');
  assert.equal(fr.lines[1], en.lines[1], 'the policy\'s words for the editor, in English');
  assert.equal(await page.evaluate(() => document.querySelector('#fr .kw-panic p:nth-child(2)').lang), 'en');
  const details = await page.evaluate(() => window.kyotoErrors);
  for (const [, d] of details) {
    assert.equal(d.notStarted, true);
    assert.match(d.message, /Content Security Policy|unsafe-eval/, 'the browser\'s reason follows');
  }
  await page.locator('main').screenshot({ path: path.join(SHOTS, 'fault-not-started-csp.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a module that did not download: the widgets say so, and Try again brings every one of them', async () => {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let refused = 0;
  await page.route(/kyoto_chart_csv_bg\.wasm/, (route) => { refused += 1; route.abort('connectionreset'); });
  await page.goto(`${ctx.url}t/two-charts.html`);
  await page.waitForFunction(() => ['en', 'fr'].every((id) => document.getElementById(id).querySelector('.kw-panic')));
  assert.deepEqual(await notStarted(page, 'en'), { lines: ['This widget could not start: its code did not load.'], button: 'Try again' });
  assert.equal((await notStarted(page, 'fr')).button, 'Réessayer');
  assert.ok(refused >= 1);
  // The network is back: one press starts both.
  await page.unroute(/kyoto_chart_csv_bg\.wasm/);
  await page.locator('#fr button').click();
  for (const id of ['en', 'fr']) {
    const px = await chartPixels(page, `#${id}`);
    assert.ok(px.ink > 1000, `${id} drawn`);
    assert.equal(await notStarted(page, id), null, `${id}: the message is gone`);
  }
  assert.equal(await page.evaluate(() => document.getElementById('en').handle.detail().activities), 51);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a load error is said in the widget\'s language', async () => {
  const page = await ctx.context.newPage();
  await page.goto(`${ctx.url}embed.html`);
  const texts = await page.evaluate(async () => {
    const { ready, mount } = await import('/pkg/kyoto.js');
    await ready;
    document.querySelector('main').replaceChildren();
    const out = {};
    for (const lang of ['fr', 'ar', 'en']) {
      const div = document.createElement('div');
      div.lang = lang;
      document.querySelector('main').append(div);
      const failed = new Promise((resolve) => div.addEventListener('kyoto:error', (e) => resolve(e.detail.message), { once: true }));
      mount(div, { kind: 'pillar-chart', src: '/no-such-export.json' });
      await failed;
      out[lang] = div.shadowRoot.querySelector('.kw-error').textContent;
    }
    return out;
  });
  assert.match(texts.fr, /Impossible de charger http:\/\/127\.0\.0\.1:\d+\/no-such-export\.json\s:\sle serveur a répondu HTTP 404 Not Found/);
  assert.match(texts.ar, /تعذّر تحميل http:\/\/127\.0\.0\.1:\d+\/no-such-export\.json/);
  assert.match(texts.en, /Could not load http:\/\/127\.0\.0\.1:\d+\/no-such-export\.json: the server answered HTTP 404 Not Found/);
  assert.doesNotMatch(texts.fr, /Could not/);
  await page.close();
});
