// Embedding: custom elements, data attributes, the JS API and its events,
// one fetch and one parse shared by widgets with the same src, destroy
// leaving nothing behind, themes, hidden containers, iframes — under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, chartPixels, shot } from './harness.mjs';

let ctx;
before(async () => { ctx = await start({ csp: true }); });
after(async () => { await ctx.close(); });

test('custom element, data attribute and mount() all draw; same src is fetched and parsed once', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}embed.html`);
  await chartPixels(page, '#by-element');
  await chartPixels(page, '#by-data');
  await chartPixels(page, '#by-api');
  await page.waitForFunction(() => document.querySelector('#by-element').shadowRoot.querySelector('.kw-note').textContent.startsWith('51'));
  await page.waitForFunction(() => document.querySelector('#by-data').shadowRoot.querySelector('.kw-note').textContent.startsWith('51'));
  const counts = await page.evaluate(async () => (await import('/pkg/kyoto.js')).loadCounts());
  assert.deepEqual([...counts], [2, 2], 'two URLs (csv shared by two widgets, json): two fetches, two parses');
  await shot(page, 'embed-three-ways');
  assert.deepEqual(problems, []);
  await page.close();
});

test('handle.update() redraws and emits kyoto:updated with the validation report', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}embed.html`);
  await chartPixels(page, '#by-api');
  const detail = await page.evaluate(() => new Promise((resolve) => {
    document.getElementById('by-api').addEventListener('kyoto:updated', (e) => resolve(e.detail), { once: true });
    document.getElementById('push').click();
  }));
  assert.equal(detail.activities, 2);
  assert.equal(detail.errors, 0);
  const note = await page.evaluate(() => document.querySelector('#by-api').shadowRoot.querySelector('.kw-note').textContent);
  assert.match(note, /^2 activities · Pushed from the page/);
  // Bad rows are reported, good rows load.
  const bad = await page.evaluate(() => new Promise((resolve) => {
    document.getElementById('by-api').addEventListener('kyoto:updated', (e) => resolve(e.detail), { once: true });
    window.kyotoHandle.update('id,title,paragraphs,status\na,One,21,done\nb,Two,120,ongoing\n');
  }));
  assert.equal(bad.activities, 1);
  assert.equal(bad.errors, 1);
  assert.equal(bad.problems[0].row, 3);
  assert.equal(bad.problems[0].column, 'paragraphs');
  const shown = await page.evaluate(() => document.querySelector('#by-api').shadowRoot.querySelector('.kw-problems summary').textContent);
  assert.match(shown, /^2 rows read, 1 loaded, 1 error, 0 warnings$/);
  // Nothing usable: kyoto:error, and the chart keeps its data.
  const err = await page.evaluate(() => new Promise((resolve) => {
    document.getElementById('by-api').addEventListener('kyoto:error', (e) => resolve(e.detail), { once: true });
    window.kyotoHandle.update('not,a,matrix\n1,2,3\n');
  }));
  assert.ok(err.message.length > 10, err.message);
  await shot(page, 'embed-update-error');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a missing src shows a clear error in the widget and emits kyoto:error; other widgets keep working', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}embed.html`);
  await chartPixels(page, '#by-element');
  const err = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('kyoto-pillar-chart');
    el.addEventListener('kyoto:error', (e) => resolve(e.detail), { once: true });
    el.setAttribute('src', 'missing.csv');
    document.querySelector('main').append(el);
  }));
  assert.match(err.message, /missing\.csv.*404/);
  const px = await chartPixels(page, '#by-element');
  assert.ok(px.ink > 10000);
  // The 404 is expected here; no other console error.
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
  await page.close();
});

test('mounting and destroying 1,000 times leaves no listeners or DOM nodes behind', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}embed.html`);
  await chartPixels(page, '#by-api');
  const cdp = await page.context().newCDPSession(page);
  const metrics = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics: m } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(m.map((x) => [x.name, x.value]));
  };
  await cdp.send('Performance.enable');
  const cycle = (n) => page.evaluate(async (count) => {
    const { mount, unmount } = await import('/pkg/kyoto.js');
    const host = document.createElement('div');
    document.querySelector('main').append(host);
    for (let i = 0; i < count; i++) {
      mount(host, { kind: 'pillar-chart' });
      unmount(host);
    }
    host.remove();
  }, n);
  await cycle(50); // warm up caches
  const before = await metrics();
  await cycle(1000);
  const after = await metrics();
  console.log(`listeners ${before.JSEventListeners} -> ${after.JSEventListeners}, nodes ${before.Nodes} -> ${after.Nodes}, heap ${(before.JSHeapUsedSize / 1e6).toFixed(1)} -> ${(after.JSHeapUsedSize / 1e6).toFixed(1)} MB`);
  assert.ok(after.JSEventListeners <= before.JSEventListeners, `listeners ${before.JSEventListeners} -> ${after.JSEventListeners}`);
  assert.ok(after.Nodes <= before.Nodes + 50, `nodes ${before.Nodes} -> ${after.Nodes}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a container hidden at first draws when shown; inside an iframe it draws too', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}embed.html`);
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'box'; box.hidden = true;
    box.append(document.createElement('kyoto-pillar-chart'));
    document.querySelector('main').append(box);
  });
  await page.waitForTimeout(200);
  const hiddenWidth = await page.evaluate(() => document.querySelector('#box kyoto-pillar-chart').shadowRoot.querySelector('canvas').width);
  await page.evaluate(() => { document.getElementById('box').hidden = false; });
  await chartPixels(page, '#box kyoto-pillar-chart');
  assert.ok(hiddenWidth <= 300, 'nothing drawn while hidden (default canvas size)');
  const frame = await page.evaluate(() => new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.src = '/index.html'; f.width = '700'; f.height = '600'; f.title = 'Embedded demo';
    f.addEventListener('load', () => resolve(true));
    document.querySelector('main').append(f);
  }));
  assert.ok(frame);
  const inner = page.frames().find((f) => f.url().endsWith('/index.html'));
  const px = await chartPixels(inner);
  assert.ok(px.ink > 10000);
  await shot(page, 'embed-hidden-iframe');
  assert.deepEqual(problems, []);
  await page.close();
});

test('every page in www/ works under the strict CSP: widgets draw, no violation, no console error', async () => {
  const fs = await import('node:fs');
  const pages = fs.readdirSync(new URL('../../www/', import.meta.url)).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 4, pages.join(' '));
  for (const name of pages) {
    const { page, problems } = await open(ctx, `${ctx.url}${name}`);
    await page.waitForFunction(() => {
      const charts = [...document.querySelectorAll('kyoto-pillar-chart, [data-kyoto-widget="pillar-chart"]')];
      return charts.every((c) => c.shadowRoot?.querySelector('canvas')?.width > 300);
    }, null, { timeout: 15000 });
    if (name === 'gallery.html') await shot(page, 'gallery');
    assert.deepEqual(problems, [], name);
    await page.close();
  }
  const reports = await (await fetch(`${ctx.url}__csp-report`)).json();
  assert.deepEqual(reports, [], 'no CSP violation report');
});

test('two languages on one page, and height reserves the widget\'s space before data arrives', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}embed.html`);
  await chartPixels(page, '#by-element');
  await page.evaluate(() => {
    for (const [id, lang] of [['w-fr', 'fr'], ['w-ru', 'ru']]) {
      const el = document.createElement('kyoto-pillar-chart');
      el.id = id; el.setAttribute('lang', lang); el.setAttribute('height', '480');
      document.querySelector('main').append(el);
    }
  });
  await chartPixels(page, '#w-fr');
  await chartPixels(page, '#w-ru');
  const texts = await page.evaluate(() => ['w-fr', 'w-ru'].map((id) => {
    const root = document.getElementById(id).shadowRoot;
    return { table: root.querySelector('[data-action="table"]').textContent, height: root.querySelector('.kw').getBoundingClientRect().height };
  }));
  const fr = JSON.parse((await import('node:fs')).readFileSync(new URL('../../data/i18n/fr.json', import.meta.url), 'utf8'));
  const ru = JSON.parse((await import('node:fs')).readFileSync(new URL('../../data/i18n/ru.json', import.meta.url), 'utf8'));
  assert.equal(texts[0].table, fr['chart.table_button']);
  assert.equal(texts[1].table, ru['chart.table_button']);
  assert.ok(texts.every((t) => t.height >= 480), JSON.stringify(texts));
  assert.deepEqual(problems, []);
  await page.close();
});

test('preload hints (www/index.html): the chart\'s glue, wasm and sample are each downloaded once, asked for by the page, and taken', async () => {
  const page = await ctx.context.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const cdp = await ctx.context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Each request of the package, with what started it: the page's parser
  // (a hint) or a script (kyoto.js).
  const requests = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    const p = new URL(e.request.url).pathname;
    if (p.startsWith('/pkg/')) requests.push({ path: p, by: e.initiator.type });
  });
  await page.goto(`${ctx.url}index.html`);
  await chartPixels(page, '#chart');
  await page.waitForFunction(() => document.querySelector('#chart').shadowRoot.querySelector('.kw-note')?.textContent.startsWith('51'));
  // Chromium warns of a preload left untaken three seconds after the load.
  await page.waitForTimeout(3500);
  const hinted = ['/pkg/kyoto_chart_json.js', '/pkg/kyoto_chart_json_bg.wasm', '/pkg/sample-activities.json'];
  for (const p of hinted) {
    const asked = requests.filter((r) => r.path === p);
    assert.equal(asked.length, 1, `${p} downloaded ${asked.length} times: ${JSON.stringify(requests)}`);
    assert.equal(asked[0].by, 'parser', `${p} asked for by the page's hint, not later: ${JSON.stringify(asked[0])}`);
  }
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], 'every hint taken');
  const counts = await page.evaluate(async () => (await import('/pkg/kyoto.js')).loadCounts());
  assert.deepEqual([...counts], [1, 1], 'one download and one parse of the sample');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a widget without src has its sample downloaded beside its module, not after it', async () => {
  const page = await ctx.context.newPage();
  const cdp = await ctx.context.newCDPSession(page);
  await cdp.send('Network.enable');
  const sent = new Map();
  const done = new Map();
  cdp.on('Network.requestWillBeSent', (e) => sent.set(e.requestId, { path: new URL(e.request.url).pathname, at: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => done.set(e.requestId, e.timestamp));
  // snippet.html: a chart without src and no hints.
  await page.goto(`${ctx.url}snippet.html`);
  await chartPixels(page, 'kyoto-pillar-chart');
  const byPath = (p) => [...sent.entries()].filter(([, r]) => r.path === p).map(([id, r]) => ({ ...r, done: done.get(id) }));
  const [wasm] = byPath('/pkg/kyoto_chart_json_bg.wasm');
  const samples = byPath('/pkg/sample-activities.json');
  assert.equal(samples.length, 1, 'the sample downloaded once');
  assert.ok(wasm, 'the chart module was loaded');
  assert.ok(samples[0].at <= wasm.done, `the sample was asked for (${samples[0].at}) before the wasm had arrived (${wasm.done})`);
  await page.close();
});

test('the browser\'s locale data is loaded by kyoto.js while the widget\'s code is still on the network', async () => {
  // The chart's wasm is held back until the loader has been seen at work.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const { page, problems } = await open(ctx, `${ctx.url}snippet.html`, async (p) => {
    // Every Intl.NumberFormat made on the page, with the script that made it:
    // the frame that called the constructor (kyoto.js makes the widget, so a
    // frame of it lies deeper in the widget's stacks too).
    await p.addInitScript(() => {
      window.__made = [];
      const NumberFormat = Intl.NumberFormat;
      Intl.NumberFormat = new Proxy(NumberFormat, {
        construct(target, args) {
          const caller = new Error().stack.split('\n')[2] ?? '';
          window.__made.push(caller.includes('/pkg/kyoto.js') ? 'loader' : 'widget');
          return Reflect.construct(target, args);
        },
      });
    });
    await p.route('**/kyoto_chart_json_bg.wasm', async (route) => { await held; await route.continue(); });
  });
  await page.waitForFunction(() => window.__made.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__made), ['loader'], 'made by kyoto.js before the code arrived, once');
  release();
  await chartPixels(page, 'kyoto-pillar-chart');
  const made = await page.evaluate(() => window.__made);
  assert.equal(made[0], 'loader');
  assert.ok(made.slice(1).includes('widget'), `the widget made its own formatters after (${made.join(', ')})`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('without Intl in the page the loader and the chart still work, with ASCII digits', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}snippet.html`, (p) => p.addInitScript(() => { delete window.Intl; }));
  const stats = await chartPixels(page, 'kyoto-pillar-chart');
  assert.ok(stats.ink > 1000 && stats.colours > 3, 'the chart drew its bars');
  const cells = await page.evaluate(() => [...document.querySelector('kyoto-pillar-chart').shadowRoot.querySelectorAll('td')].map((td) => td.textContent));
  assert.ok(cells.length > 0, 'the table for screen readers is filled');
  assert.ok(cells.some((c) => /^[0-9][0-9 %/.,]*$/.test(c.trim())), `numbers written in ASCII digits: ${cells.slice(0, 8).join(' | ')}`);
  assert.equal(await page.evaluate(() => typeof Intl), 'undefined');
  assert.deepEqual(problems, []);
  await page.close();
});
