// The demo page: the chart is drawn by the wasm module from the embedded data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, chartPixels, shot } from './harness.mjs';

let ctx;
before(async () => { ctx = await start({ csp: true }); });
after(async () => { await ctx.close(); });

test('demo page draws a sharp, non-blank pillar chart under the strict CSP', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  const px = await chartPixels(page);
  assert.ok(px.cssWidth > 300, `canvas is laid out (${px.cssWidth}px)`);
  assert.equal(px.width, px.cssWidth * 2, 'backing store sized by devicePixelRatio 2');
  assert.ok(px.ink > 20000, `canvas has ink (${px.ink} pixels)`);
  assert.ok(px.colours > 4, `canvas has several colours (${px.colours})`);
  await shot(page, 'demo-overview');
  assert.deepEqual(problems, []);
  const reports = await (await fetch(`${ctx.url}__csp-report`)).json();
  assert.deepEqual(reports, [], 'no CSP violation');
});

// On a phone (360 px) no page of www/ scrolls sideways once its widgets are
// drawn: control.html's textarea (cols="80") made it 704 px wide.
test('no page of www/ scrolls sideways on a 360 px phone', async () => {
  const pages = ['index.html', 'browser.html', 'compare.html', 'control.html', 'embed.html', 'gallery.html', 'present.html', 'snippet.html', 'un.html'];
  const wide = [];
  for (const name of pages) {
    const { page, problems } = await open(ctx, `${ctx.url}${name}`, (p) => p.setViewportSize({ width: 360, height: 800 }));
    await page.evaluate(async () => { await (await import('/pkg/kyoto.js')).ready; });
    await page.waitForTimeout(500);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) wide.push(`${name}: ${width}`);
    assert.deepEqual(problems, [], name);
    await page.close();
  }
  assert.deepEqual(wide, []);
});
