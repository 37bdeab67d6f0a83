// Accessibility: axe-core (WCAG 2.1 A and AA rules) on every www/ page and
// every widget state, inside the widgets' shadow roots too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { start, open, chartPixels, shot, SHOTS } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let ctx;
// axe-core is injected as an inline script, which the strict CSP (tested in
// embed.test.mjs) would block: these pages are served without it.
before(async () => { ctx = await start({ csp: false }); });
after(async () => { await ctx.close(); });

async function axe(page, label) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert.deepEqual(result, [], `${label}: axe violations`);
}

const chart = (page, js) => page.evaluate((code) => {
  const root = document.querySelector('kyoto-pillar-chart').shadowRoot;
  return new Function('root', code)(root);
}, js);

for (const name of fs.readdirSync(new URL('../../www/', import.meta.url)).filter((f) => f.endsWith('.html'))) {
  test(`axe: ${name} as loaded`, async () => {
    const { page } = await open(ctx, `${ctx.url}${name}`);
    await page.waitForTimeout(800);
    await axe(page, name);
    await page.close();
  });
}

test('axe: chart states — each drill-down level, tooltip open, table shown, status and timeline views', async () => {
  const { page } = await open(ctx, ctx.url);
  await chartPixels(page);
  await axe(page, 'overview');
  await chart(page, `root.querySelector('canvas').focus()`);
  await page.keyboard.press('ArrowDown');
  await axe(page, 'tooltip open');
  await page.keyboard.press('Enter');
  await axe(page, 'pillar level');
  await page.keyboard.press('Enter');
  await axe(page, 'theme level');
  await chart(page, `root.querySelector('[data-action="table"]').click()`);
  await axe(page, 'table shown');
  await chart(page, `root.querySelector('[data-action="measure:status"]').click()`);
  await axe(page, 'status view');
  await chart(page, `root.querySelector('[data-action="measure:timeline"]').click()`);
  await axe(page, 'timeline view');
  await page.close();
});

test('axe: paragraph browser searched and expanded', async () => {
  const { page } = await open(ctx, `${ctx.url}browser.html`);
  await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.shadowRoot?.querySelector('input'));
  const input = await page.evaluateHandle(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('input[type="search"], input'));
  await input.asElement().fill('cybercrime');
  await page.waitForTimeout(500);
  await page.evaluate(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('button[aria-expanded]').click());
  await page.waitForTimeout(300);
  await axe(page, 'browser searched and expanded');
  await page.close();
});

test('axe: Arabic right-to-left page and dark and high-contrast themes', async () => {
  for (const url of ['un.html?lang=ar', 'gallery.html']) {
    const { page } = await open(ctx, `${ctx.url}${url}`);
    await page.waitForTimeout(1000);
    await axe(page, url);
    await page.close();
  }
});

test('keyboard only: every control of the chart is reached by Tab, shows a visible focus, and Tab leaves the widget', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      const el = inner || host;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      return {
        inWidget: !!inner,
        name: el.getAttribute('data-action') || el.tagName,
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
      };
    });
    if (!f) break;
    seen.push(f);
    if (seen.length > 2 && !f.inWidget && seen.some((s) => s.inWidget)) break;
  }
  const names = seen.filter((s) => s.inWidget).map((s) => s.name);
  for (const action of ['measure:coverage', 'measure:status', 'measure:timeline', 'table', 'export:png', 'export:svg', 'export:csv', 'legend:0', 'legend:1', 'legend:2', 'CANVAS']) {
    assert.ok(names.includes(action), `${action} reached by Tab (${names.join(', ')})`);
  }
  assert.ok(seen.filter((s) => s.inWidget).every((s) => s.outline), 'focus is visible on every control');
  assert.ok(!seen[seen.length - 1].inWidget, 'Tab leaves the widget: focus is not trapped');
  // Space and Enter operate the controls.
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="measure:status"]').focus());
  await page.keyboard.press('Space');
  const pressed = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="measure:status"]').getAttribute('aria-pressed'));
  assert.equal(pressed, 'true');
  await shot(page, 'a11y-keyboard');
  assert.deepEqual(problems, []);
  await page.close();
});

test('text resized to 200%: the widgets grow with it and nothing is cut off', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}un.html`);
  await chartPixels(page);
  const measure = () => page.evaluate(() => {
    const out = { clipped: [], overflow: [] };
    for (const host of document.querySelectorAll('kyoto-pillar-chart, kyoto-paragraph-browser')) {
      const root = host.shadowRoot.querySelector('.kw');
      if (root.scrollWidth > root.clientWidth + 1) out.overflow.push(`${host.localName}: ${root.scrollWidth} > ${root.clientWidth}`);
      for (const b of host.shadowRoot.querySelectorAll('button, select, label, .kw-note, .kw-crumbs')) {
        if (b.offsetParent === null) continue;
        // Wider than its box, or taller than a box that hides what overflows.
        const hides = getComputedStyle(b).overflowY !== 'visible';
        if (b.scrollWidth > b.clientWidth + 1 || (hides && b.scrollHeight > b.clientHeight + 1)) out.clipped.push(`${host.localName} ${b.localName}.${b.className}: ${b.textContent.slice(0, 30)}`);
      }
    }
    const chart = document.querySelector('kyoto-pillar-chart');
    out.font = getComputedStyle(chart.shadowRoot.querySelector('.kw')).fontSize;
    out.canvasHeight = chart.shadowRoot.querySelector('canvas').clientHeight;
    out.table = chart.handle.tableCsv();
    return out;
  });
  const normal = await measure();
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await page.waitForFunction((h) => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').clientHeight > h, normal.canvasHeight);
  const big = await measure();
  assert.equal(normal.font, '16px');
  assert.equal(big.font, '32px', 'widget text follows the page text size');
  assert.ok(big.canvasHeight > normal.canvasHeight * 1.2, `chart labels grow: ${normal.canvasHeight} → ${big.canvasHeight} px`);
  assert.equal(big.table, normal.table, 'the same numbers');
  assert.deepEqual(big.overflow, [], 'no widget wider than its column');
  assert.deepEqual(big.clipped, [], 'no control or text cut off');
  await page.locator('kyoto-pillar-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/text-200.png` });
  await axe(page, 'text at 200%');
  assert.deepEqual(problems, []);
  await page.close();
});

test('announcements are throttled: holding an arrow key ends in one message about where focus is', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  await page.evaluate(() => {
    const region = document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[aria-live]');
    window.liveWrites = [];
    new MutationObserver(() => window.liveWrites.push([performance.now(), region.textContent]))
      .observe(region, { childList: true, characterData: true, subtree: true });
  });
  await chart(page, `root.querySelector('canvas').focus()`);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(1400);
  const writes = await page.evaluate(() => window.liveWrites);
  assert.ok(writes.length <= 2, `at most two messages for six moves, got ${writes.length}: ${JSON.stringify(writes)}`);
  for (let i = 1; i < writes.length; i++) {
    assert.ok(writes[i][0] - writes[i - 1][0] >= 590, 'at least 600 ms apart');
  }
  const focusedLabel = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.barRects()[5].label);
  assert.ok(writes.at(-1)[1].startsWith(focusedLabel), `the last message is about the focused bar (${focusedLabel}): ${writes.at(-1)[1]}`);
  assert.deepEqual(problems, []);
  await page.close();
});
