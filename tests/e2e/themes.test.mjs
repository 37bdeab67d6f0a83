// Every theme a widget accepts (light, dark, high-contrast, projector),
// given as `theme="…"` on the element or as `data-theme="…"` on a
// `<div data-kyoto-widget>` (for content systems that strip unknown tags):
// the same colours either way, in the stylesheet every widget adopts
// (widget.css) and the paragraph browser's own (browser.css), and on the
// chart's canvas. Under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, open, chartPixels, SHOTS } from './harness.mjs';

const THEMES = ['light', 'dark', 'high-contrast', 'projector'];
const KINDS = [['pillar-chart', 'kyoto-pillar-chart'], ['paragraph-browser', 'kyoto-paragraph-browser']];

const routes = {
  '/t/themes.html': (req, res) => {
    const widgets = THEMES.flatMap((t) => KINDS.flatMap(([kind, tag]) => [
      `<${tag} id="${kind}-attr-${t}" theme="${t}"></${tag}>`,
      `<div id="${kind}-data-${t}" data-kyoto-widget="${kind}" data-theme="${t}"></div>`,
    ])).join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Themes</title><link rel="icon" href="/favicon.svg">
<script type="module" src="/pkg/kyoto.js"></script></head><body><main><h1>Themes</h1>${widgets}</main></body></html>`);
  },
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

/** The colours a widget's root computes: background, text, accent and, in the browser, the search mark. */
const colours = (p, id) => p.evaluate((i) => {
  const kw = document.getElementById(i).shadowRoot.querySelector('.kw');
  const s = getComputedStyle(kw);
  return {
    background: s.backgroundColor,
    color: s.color,
    accent: s.getPropertyValue('--kyoto-accent').trim(),
    mark: s.getPropertyValue('--kyoto-mark').trim(),
  };
}, id);

/** Each theme's background, text colour and search mark, as widget.css and browser.css write them. */
const EXPECTED = {
  light: { background: 'rgb(255, 255, 255)', color: 'rgb(26, 26, 26)', mark: '#ffe27a' },
  dark: { background: 'rgb(24, 27, 31)', color: 'rgb(236, 238, 240)', mark: '#6b5400' },
  'high-contrast': { background: 'rgb(0, 0, 0)', color: 'rgb(255, 255, 255)', mark: '#ffff00' },
  projector: { background: 'rgb(0, 0, 0)', color: 'rgb(255, 255, 255)', mark: '#ffff00' },
};

test('every theme is the same given as theme="…" or as data-theme="…"', async () => {
  const { page: p, problems } = await open(ctx, `${ctx.url}t/themes.html`);
  await p.waitForFunction((ids) => ids.every((i) => document.getElementById(i)?.shadowRoot?.querySelector('.kw')),
    THEMES.flatMap((t) => KINDS.flatMap(([kind]) => [`${kind}-attr-${t}`, `${kind}-data-${t}`])));
  for (const theme of THEMES) {
    for (const [kind] of KINDS) {
      const attr = await colours(p, `${kind}-attr-${theme}`);
      const data = await colours(p, `${kind}-data-${theme}`);
      assert.deepEqual(data, attr, `${kind}: data-theme="${theme}" as theme="${theme}"`);
      const { background, color, mark } = EXPECTED[theme];
      assert.deepEqual([attr.background, attr.color], [background, color], `${kind} ${theme}`);
      if (kind === 'paragraph-browser') assert.equal(attr.mark, mark, `${kind} ${theme}: the search mark`);
    }
    // The chart's canvas is drawn in the theme's palette either way: as
    // many pixels inked, of as many colours, once both show the sample
    // (the canvas's label is the summary of its data).
    const [attr, data] = [`pillar-chart-attr-${theme}`, `pillar-chart-data-${theme}`];
    await p.waitForFunction((i) => document.getElementById(i).handle?.detail()?.activities > 0, attr);
    await p.waitForFunction(([a, d]) => {
      const label = (i) => document.getElementById(i).shadowRoot.querySelector('canvas')?.getAttribute('aria-label');
      return label(a) && label(a) === label(d);
    }, [attr, data]);
    const ink = async (id) => {
      const { ink: n, colours: c, width } = await chartPixels(p, `#${id}`);
      return { n, c, width };
    };
    assert.deepEqual(await ink(data), await ink(attr), `canvas ${theme}`);
  }
  // The projector chart given by its attribute, and under it its data- twin.
  await p.evaluate(() => document.getElementById('pillar-chart-data-projector').scrollIntoView({ block: 'center' }));
  await p.screenshot({ path: path.join(SHOTS, 'themes-projector.png') });
  assert.deepEqual(problems, []);
  await p.close();
});
