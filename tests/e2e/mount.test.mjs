// mount(element, options) honours every attribute the widgets read, as the
// attributes themselves do: the indicators' indicator, area and breakdown,
// the reporting widget's cycle, as-of and all-statuses (by their names or in
// camelCase; true sets a boolean attribute, false removes it), and lang,
// whose catalogue is loaded before the widget speaks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from './harness.mjs';
import { STRICT_CSP } from '../../tools/serve.mjs';

const routes = {
  '/t/mount.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
      .end(`<!doctype html><html lang="en"><title>mount</title><link rel="icon" href="/favicon.svg">
<script type="module" src="/pkg/kyoto.js"></script><body><main></main></body>`);
  },
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

/** Mounts a widget of `kind` on a new div with `options`; its element's attributes and its handle as window[name]. */
async function mounted(page, name, options, attributes = null) {
  return page.evaluate(async ([n, o, a]) => {
    const div = document.createElement('div');
    if (a) for (const [k, v] of Object.entries(a)) div.setAttribute(k, v);
    document.querySelector('main').append(div);
    const { mount } = await import('/pkg/kyoto.js');
    window[n] = mount(div, o);
    await window[n].ready;
    return Object.fromEntries([...div.attributes].map((at) => [at.name, at.value]));
  }, [name, options, attributes]);
}

test('mount() shows the indicator, area and breakdown asked for, as the attributes would', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/mount.html`);
  const attrs = await mounted(page, 'w', { kind: 'indicators', indicator: 'I-1', area: 'ROU', breakdown: 'sex=female' });
  assert.deepEqual(attrs, { indicator: 'I-1', area: 'ROU', breakdown: 'sex=female' });
  await page.waitForFunction(() => window.w.view?.() === 'indicator:I-1');
  const shown = await page.evaluate(() => {
    const root = document.querySelector('main div').shadowRoot;
    const selects = [...root.querySelectorAll('select')];
    return { area: selects[1].value, breakdown: selects[2].value };
  });
  assert.deepEqual(shown, { area: 'ROU', breakdown: 'sex=female' });
  // Back to the overview: Romania's female series (none: every row not assessed).
  await page.evaluate(() => window.w.open(null));
  await page.waitForFunction(() => window.w.view() === 'overview');
  const summary = await page.evaluate(() => document.querySelector('main div').shadowRoot.querySelector('.kw-note').textContent);
  assert.match(summary, /^ROU · Female: /);
  // The World's female series (the sample's breakdowns are the World's): their own statuses.
  await mounted(page, 'v', { kind: 'indicators', breakdown: 'sex=female' });
  await page.waitForFunction(() => window.v.statuses?.()?.length > 0);
  const female = await page.evaluate(() => window.v.statuses().filter((s) => s.status).map((s) => [s.id, s.status]));
  assert.deepEqual(female, [['I-1', 'on-track'], ['II-1', 'moderate']]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('mount() shows the reporting cycle asked for, judged on as-of, with every answer when allStatuses is true', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/mount.html`);
  // The same widget made from attributes, to compare with.
  const declared = await mounted(page, 'r0', { kind: 'reporting' }, { cycle: '2024', 'as-of': '2024-06-01', 'all-statuses': '' });
  assert.deepEqual(declared, { cycle: '2024', 'as-of': '2024-06-01', 'all-statuses': '' });
  const attrs = await mounted(page, 'r1', { kind: 'reporting', cycle: 2024, asOf: '2024-06-01', allStatuses: true });
  assert.deepEqual(attrs, { cycle: '2024', 'as-of': '2024-06-01', 'all-statuses': '' });
  const defaults = await mounted(page, 'r2', { kind: 'reporting', allStatuses: false }, { 'all-statuses': '' });
  assert.deepEqual(defaults, {}, 'false removes the attribute');
  await page.waitForFunction(() => ['r0', 'r1', 'r2'].every((n) => window[n].figures?.()?.cycle));
  const figures = await page.evaluate(() => ['r0', 'r1', 'r2'].map((n) => window[n].figures()));
  assert.equal(figures[1].cycle, '2024');
  assert.deepEqual(figures[1], figures[0], 'as the attributes show it');
  assert.equal(figures[2].cycle, '2026', 'the latest without a cycle');
  // The attribute names work as well as the camelCase ones.
  const named = await mounted(page, 'r3', { kind: 'reporting', cycle: '2024', 'as-of': '2024-06-01', 'all-statuses': true });
  assert.deepEqual(named, { cycle: '2024', 'as-of': '2024-06-01', 'all-statuses': '' });
  await page.waitForFunction(() => window.r3.figures?.()?.cycle);
  assert.deepEqual(await page.evaluate(() => window.r3.figures()), figures[0]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('mount() with a lang speaks it from the start', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/mount.html`);
  await mounted(page, 'f', { kind: 'indicators', lang: 'fr', pillar: 'II' });
  await page.waitForFunction(() => window.f.statuses?.()?.length > 0);
  const label = await page.evaluate(() => document.querySelector('main div').shadowRoot.querySelector('select').closest('label').firstChild.textContent);
  assert.equal(label, 'Pilier');
  assert.deepEqual(problems, []);
  await page.close();
});
