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
