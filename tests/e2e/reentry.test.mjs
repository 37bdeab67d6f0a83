// A page's listener that calls the widget back. Integrators read
// `event.target.handle.detail()` in `kyoto:loaded`, sync the URL or a second
// widget from `kyoto:select`, call update() or render(), change an attribute
// or destroy() the widget from its own event. For both widgets and each of
// their events (loaded, updated, select, error) a listener calls every handle
// method and changes every attribute, or destroys the widget; nothing may
// fail (no kyoto:error but the one under test, no console or page error, no
// stopped widget) and the widget ends in the state the calls asked for. Then
// a slow `src` overtaken by update() and by a newer `src`: the newest data
// wins. Everything under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP } from '../../tools/serve.mjs';
import { start, open, chartPixels, SHOTS } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(fs.readFileSync(path.join(here, '../../www/examples/sample-activities.json'), 'utf8'));
/** The sample's first `n` activities as an export. */
const first = (n, title) => ({ ...sample, title, activities: sample.activities.slice(0, n) });

// Each dataset has its own size, so that detail().activities tells them apart.
const DATA = {
  a: first(5, 'A'), // src the tests start from
  b: first(7, 'B'), // src a listener sets
  u: first(3, 'U'), // update() from a listener or the test
  slow: first(11, 'Slow'),
  fresh: first(13, 'Fresh'),
};
const SLOW_MS = 1500;

const html = (res, body, type = 'text/html; charset=utf-8') => res.writeHead(200, {
  'content-type': type,
  'cache-control': 'no-store',
  'content-security-policy': STRICT_CSP,
}).end(body);

const routes = {
  '/reentry/page.html': (req, res) => html(res, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Listeners that call back</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/demo.css">
<script type="module" src="/pkg/kyoto.js"></script>
<script type="module" src="/reentry/page.js"></script></head>
<body><main><h1>Listeners that call back</h1>
<p id="caption">Loading…</p>
<kyoto-pillar-chart id="chart" src="/reentry/a.json"></kyoto-pillar-chart>
<kyoto-paragraph-browser id="browser" src="/reentry/a.json"></kyoto-paragraph-browser>
</main></body></html>`),
  // Records every event; with ?caption, updates a caption from kyoto:loaded
  // through the handle, as the documentation shows.
  '/reentry/page.js': (req, res) => html(res, `
window.kyotoEvents = [];
for (const type of ['kyoto:loaded', 'kyoto:updated', 'kyoto:select', 'kyoto:error']) {
  document.addEventListener(type, (e) => window.kyotoEvents.push({ type, target: e.target.id, detail: e.detail }));
}
if (location.search === '?caption') {
  document.getElementById('chart').addEventListener('kyoto:loaded', (e) => {
    const d = e.target.handle.detail();
    document.getElementById('caption').textContent = d.title + ': ' + d.activities + ' activities';
  });
}`, 'text/javascript; charset=utf-8'),
  '/reentry/a.json': (req, res) => html(res, JSON.stringify(DATA.a), 'application/json'),
  '/reentry/b.json': (req, res) => html(res, JSON.stringify(DATA.b), 'application/json'),
  '/reentry/fresh.json': (req, res) => html(res, JSON.stringify(DATA.fresh), 'application/json'),
  '/reentry/slow.json': (req, res) => {
    setTimeout(() => html(res, JSON.stringify(DATA.slow), 'application/json'), SLOW_MS);
  },
  // Not an export: the import fails (a 404 would log a console error of its own).
  '/reentry/broken.json': (req, res) => html(res, '<!doctype html><p>Service unavailable</p>', 'application/json'),
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

async function until(page, f, arg, what, ms = 10000) {
  try {
    await page.waitForFunction(f, arg, { timeout: ms, polling: 20 });
  } catch {
    throw new Error(`timed out waiting for ${what}`);
  }
}

/** The page with both widgets loaded from a.json. */
async function openPage(search = '') {
  const { page, problems } = await open(ctx, `${ctx.url}reentry/page.html${search}`);
  await until(page, () => ['chart', 'browser'].every((id) => window.kyotoEvents
    .some((e) => e.type === 'kyoto:loaded' && e.target === id)), null, 'both widgets loaded');
  await chartPixels(page, '#chart');
  return { page, problems };
}

const events = (page, type, id) => page.evaluate(([t, i]) => window.kyotoEvents
  .filter((e) => e.type === t && (!i || e.target === i)).length, [type, id]);

/** Neither widget shows the stopped message. */
const stopped = (page) => page.evaluate(() => ['chart', 'browser']
  .filter((id) => document.getElementById(id).shadowRoot?.querySelector('.kw-panic')));

/**
 * Installs, on widget `id`, a one-shot listener of `type` that calls every
 * method of the handle and changes every attribute (mode 'all'), or only
 * destroys the widget (mode 'destroy'). What it saw lands in window.seen.
 */
function arm(page, id, type, mode) {
  return page.evaluate(([id, type, mode, u]) => {
    const el = document.getElementById(id);
    window.seen = null;
    const listener = (e) => {
      el.removeEventListener(type, listener);
      const h = e.target.handle;
      const seen = { type: e.type, calls: [], errors: [] };
      const call = (name, f) => {
        try { seen.calls.push([name, f()]); } catch (err) { seen.errors.push(`${name}: ${err.message}`); }
      };
      const chart = id === 'chart';
      if (mode === 'destroy') {
        call('destroy', () => h.destroy());
        // The handle stays callable after destroy(), and answers nothing.
        call('detail', () => h.detail());
        call('update', () => h.update(u));
        call('render', () => h.render());
        if (chart) call('level', () => h.level());
        window.seen = seen;
        return;
      }
      call('detail', () => h.detail().activities);
      if (chart) {
        call('level', () => h.level());
        call('tableCsv', () => h.tableCsv().split('\n')[0]);
        call('barRects', () => h.barRects().length);
        call('plotRect', () => h.plotRect() !== undefined);
      } else {
        call('query', () => h.query());
        call('setQuery', () => h.setQuery('q=prevention'));
        call('query', () => h.query());
        call('open', () => h.open(27));
      }
      call('render', () => h.render());
      // update() fires kyoto:updated at once: before it returns, the data is shown.
      call('update', () => { h.update(u); return h.detail().activities; });
      for (const [name, value] of [['view', 'status'], ['pillar', 'II'], ['lang', 'fr'], ['theme', 'dark'],
        ['height', '480'], ['channel', `reentry-${id}`], ['poll', '600']]) {
        call(`set ${name}`, () => el.setAttribute(name, value));
      }
      if (chart) call('level', () => h.level());
      else call('query', () => h.query());
      // Last, a newer src: it wins over the update above.
      call('set src', () => el.setAttribute('src', '/reentry/b.json'));
      window.seen = seen;
    };
    el.addEventListener(type, listener);
  }, [id, type, mode, DATA.u]);
}

/** Makes widget `id` fire `type`. */
async function trigger(page, id, type) {
  switch (type) {
    case 'kyoto:loaded':
      await page.evaluate((i) => document.getElementById(i).setAttribute('src', '/reentry/fresh.json'), id);
      break;
    case 'kyoto:updated':
      await page.evaluate(([i, d]) => document.getElementById(i).handle.update(d), [id, DATA.fresh]);
      break;
    case 'kyoto:error':
      await page.evaluate((i) => document.getElementById(i).setAttribute('src', '/reentry/broken.json'), id);
      break;
    case 'kyoto:select':
      if (id === 'chart') {
        const p = await page.evaluate(() => {
          const el = document.getElementById('chart');
          const c = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
          const b = el.handle.barRects()[1];
          return { x: c.left + b.x + Math.min(b.width, 40) / 2 + 2, y: c.top + b.y + b.height / 2 };
        });
        await page.mouse.click(p.x, p.y);
      } else {
        await page.locator('#browser article[data-n="21"] button.kw-para-toggle').click();
      }
      break;
    default:
      throw new Error(type);
  }
  await until(page, () => window.seen, null, `the ${type} listener of ${id}`);
  return page.evaluate(() => window.seen);
}

/** A screenshot of the viewport (the browser's 97 paragraphs make the full page too tall to look at). */
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

const TYPES = ['kyoto:loaded', 'kyoto:updated', 'kyoto:select', 'kyoto:error'];

for (const id of ['chart', 'browser']) {
  for (const type of TYPES) {
    test(`${id}: a ${type} listener calls every handle method and changes every attribute`, async () => {
      const { page, problems } = await openPage();
      const errorsBefore = await events(page, 'kyoto:error');
      await arm(page, id, type, 'all');
      const seen = await trigger(page, id, type);
      assert.deepEqual(seen.errors, [], 'no handle call threw');
      const calls = Object.fromEntries(seen.calls.map(([k, v], i) => [`${i}:${k}`, v]));
      const at = (name) => seen.calls.filter(([k]) => k === name).map(([, v]) => v);
      // Consistent answers inside the listener.
      assert.equal(typeof at('detail')[0], 'number', JSON.stringify(calls));
      assert.deepEqual(at('update'), [DATA.u.activities.length], 'update() shows its data before it returns');
      if (id === 'chart') {
        assert.equal(at('level').at(-1), 'pillar:II', 'the pillar attribute applied at once');
        assert.ok(at('barRects')[0] > 0);
      } else {
        assert.ok(at('query')[1].includes('q=prevention'), 'setQuery() applied at once');
        assert.ok(at('query').at(-1).includes('pillar=II'), 'the pillar attribute applied at once');
      }
      // The newer src wins: b.json, loaded after the listener.
      await until(page, ([i, n]) => document.getElementById(i).handle.detail()?.activities === n,
        [id, DATA.b.activities.length], 'the src set in the listener');
      await page.waitForTimeout(200);
      const state = await page.evaluate((i) => {
        const el = document.getElementById(i);
        const root = el.shadowRoot.querySelector('.kw');
        return {
          activities: el.handle.detail().activities,
          title: el.handle.detail().title,
          lang: root?.getAttribute('lang'),
          level: i === 'chart' ? el.handle.level() : null,
          query: i === 'browser' ? el.handle.query() : null,
        };
      }, id);
      assert.equal(state.activities, DATA.b.activities.length, 'the newest data wins');
      assert.equal(state.title, 'B');
      assert.equal(state.lang, 'fr', 'the lang attribute set in the listener applies');
      if (id === 'chart') {
        assert.equal(state.level, 'pillar:II');
        const px = await chartPixels(page, '#chart');
        assert.ok(px.ink > 1000, 'the chart draws');
      } else {
        assert.ok(state.query.includes('pillar=II'), state.query);
      }
      const errors = await events(page, 'kyoto:error');
      assert.equal(errors - errorsBefore, type === 'kyoto:error' ? 1 : 0, 'no kyoto:error but the one under test');
      assert.deepEqual(await stopped(page), [], 'no widget stopped');
      assert.deepEqual(problems, [], 'no console or page error');
      await shot(page, `reentry-${id}-${type.slice(6)}`);
      await page.close();
    });

    test(`${id}: a ${type} listener destroys the widget`, async () => {
      const { page, problems } = await openPage();
      const errorsBefore = await events(page, 'kyoto:error');
      await arm(page, id, type, 'destroy');
      const seen = await trigger(page, id, type);
      assert.deepEqual(seen.errors, [], 'no handle call threw');
      assert.deepEqual(seen.calls.map(([k, v]) => [k, v ?? null]),
        [['destroy', null], ['detail', null], ['update', null], ['render', null],
          ...(id === 'chart' ? [['level', null]] : [])], 'a destroyed handle answers nothing (null from the loader)');
      // The outer code (the click, the fetch, the update) ended quietly, and
      // the widget fires nothing more.
      const after = await page.evaluate(() => window.kyotoEvents.length);
      await page.waitForTimeout(300);
      const state = await page.evaluate((i) => {
        const el = document.getElementById(i);
        el.setAttribute('pillar', 'III');
        el.setAttribute('src', '/reentry/b.json');
        return { children: el.shadowRoot.childElementCount };
      }, id);
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.kyotoEvents.length), after, 'no event after destroy()');
      assert.equal(state.children, 0, 'the shadow root is empty');
      // The other widget still works.
      const other = id === 'chart' ? 'browser' : 'chart';
      await page.evaluate(([o, d]) => document.getElementById(o).handle.update(d), [other, DATA.u]);
      assert.equal(await page.evaluate((o) => document.getElementById(o).handle.detail().activities, other),
        DATA.u.activities.length);
      const errors = await events(page, 'kyoto:error');
      assert.equal(errors - errorsBefore, type === 'kyoto:error' ? 1 : 0, 'no kyoto:error but the one under test');
      assert.deepEqual(await stopped(page), [], 'no widget stopped');
      assert.deepEqual(problems, [], 'no console or page error');
      await page.close();
    });
  }
}

test('the caption listener of the page reads detail() from kyoto:loaded', async () => {
  const { page, problems } = await openPage('?caption');
  assert.equal(await page.locator('#caption').textContent(), `A: ${DATA.a.activities.length} activities`);
  await page.evaluate(() => document.getElementById('chart').setAttribute('src', '/reentry/b.json'));
  await until(page, () => document.getElementById('caption').textContent.startsWith('B:'), null, 'the caption');
  assert.deepEqual(await stopped(page), []);
  assert.deepEqual(problems, []);
  await shot(page, 'reentry-caption');
  await page.close();
});

for (const id of ['chart', 'browser']) {
  test(`${id}: a slow src overtaken by update() and by a newer src; the newest data wins`, async () => {
    const { page, problems } = await openPage();
    const shown = () => page.evaluate((i) => document.getElementById(i).handle.detail().activities, id);
    const loaded = () => events(page, 'kyoto:loaded', id);

    // update() while the slow download is under way.
    let before = await loaded();
    await page.evaluate((i) => document.getElementById(i).setAttribute('src', '/reentry/slow.json?n=1'), id);
    await page.evaluate(([i, d]) => document.getElementById(i).handle.update(d), [id, DATA.u]);
    assert.equal(await shown(), DATA.u.activities.length);
    await page.waitForTimeout(SLOW_MS + 700);
    assert.equal(await shown(), DATA.u.activities.length, 'the slow download did not overwrite update()');
    assert.equal(await loaded(), before, 'no kyoto:loaded for the outdated download');

    // A newer src while the slow download is under way.
    before = await loaded();
    await page.evaluate((i) => document.getElementById(i).setAttribute('src', '/reentry/slow.json?n=2'), id);
    await page.evaluate((i) => document.getElementById(i).setAttribute('src', '/reentry/fresh.json'), id);
    await until(page, ([i, n]) => document.getElementById(i).handle.detail().activities === n,
      [id, DATA.fresh.activities.length], 'the newer src');
    await page.waitForTimeout(SLOW_MS + 700);
    assert.equal(await shown(), DATA.fresh.activities.length, 'the slow download did not overwrite the newer src');
    assert.equal(await loaded(), before + 1, 'one kyoto:loaded: the newer src');
    assert.equal(await events(page, 'kyoto:error'), 0);
    assert.deepEqual(await stopped(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
