// The pillar chart as a user meets it: hover, click, drill down and back by
// mouse and keyboard, legend, table, resize, exports; numbers equal `kyoto summary`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { start, open, chartPixels, nextFrame, shot, withoutBom, SHOTS } from './harness.mjs';

let ctx;
before(async () => { ctx = await start({ csp: true }); });
after(async () => { await ctx.close(); });

const shadow = (page, fn, arg) => page.evaluate(([f, a]) => {
  const el = document.querySelector('kyoto-pillar-chart');
  return new Function('root', 'el', 'arg', f)(el.shadowRoot, el, a);
}, [fn, arg]);

async function barCentre(page, label) {
  const r = await page.evaluate((l) => {
    const el = document.querySelector('kyoto-pillar-chart');
    const c = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    const b = [...el.handle.barRects()].find((x) => x.label === l);
    return b && { x: c.left + b.x + Math.min(b.width, 40) / 2 + 2, y: c.top + b.y + b.height / 2 };
  }, label);
  assert.ok(r, `bar ${label} exists`);
  return r;
}

test('hover shows a tooltip with exact numbers that does not cover the bar', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  const p = await barCentre(page, 'Pillar II');
  await page.mouse.move(p.x, p.y);
  await page.waitForFunction(() => !document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw-tooltip').hidden);
  const tip = await shadow(page, `const t = root.querySelector('.kw-tooltip'); const r = t.getBoundingClientRect(); return { text: t.textContent, top: r.top, bottom: r.bottom };`);
  assert.match(tip.text, /Pillar II/);
  assert.match(tip.text, /17 of 17 paragraphs/);
  assert.ok(tip.top > p.y + 10 || tip.bottom < p.y - 10, 'tooltip is beside the bar, not over it');
  await shot(page, 'chart-hover');
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Hovers every bar of the current level with the mouse and returns, per
 * bar, its label, the bar's box, the tooltip's box and the canvas's box. */
async function hoverEveryBar(page) {
  const n = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.barRects().length);
  const out = [];
  for (let i = 0; i < n; i++) {
    const bar = await page.evaluate((k) => {
      const el = document.querySelector('kyoto-pillar-chart');
      const canvas = el.shadowRoot.querySelector('canvas');
      const b = el.handle.barRects()[k];
      // A tall chart (a narrow one, its labels above its bars): the bar into the viewport first.
      const mid = canvas.getBoundingClientRect().top + b.y + b.height / 2;
      if (mid < 40 || mid > innerHeight - 40) window.scrollBy(0, mid - innerHeight / 2);
      const c = canvas.getBoundingClientRect();
      return { label: b.label, left: c.left + b.x, right: c.left + b.x + b.width, top: c.top + b.y, bottom: c.top + b.y + b.height, canvas: { left: c.left, right: c.right } };
    }, i);
    await page.mouse.move(Math.min(bar.left + 20, bar.right - 1), (bar.top + bar.bottom) / 2);
    await page.waitForFunction((label) => {
      const t = document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw-tooltip');
      return !t.hidden && t.querySelector('strong')?.textContent === label;
    }, bar.label);
    // The placement is written in the same redraw; wait for the frame that shows it.
    await nextFrame(page);
    const tip = await shadow(page, TIP_BOX);
    out.push({ bar, tip });
  }
  return out;
}

/** The tooltip's box; whether a block of its text (label, name, numbers)
 * wraps; its widest (widget.css: min(360px, 90%) of the plot). */
const TIP_BOX = `const t = root.querySelector('.kw-tooltip'); const r = t.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(t).fontSize) * 1.5;
  const wraps = [...t.children].some((c) => c.getBoundingClientRect().height > line);
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, wraps, cap: Math.min(360, 0.9 * t.offsetParent.clientWidth) };`;

/** Every tooltip is beside its bar (not over it), inside the chart's width
 * and not squeezed (its text wraps only when it is as wide as it may be). */
function assertBeside(hovers, where) {
  assert.ok(hovers.length > 0, `${where}: bars to hover`);
  for (const { bar, tip } of hovers) {
    const what = `${where}, ${bar.label}: tooltip ${JSON.stringify(tip)}, bar ${JSON.stringify(bar)}`;
    assert.ok(tip.bottom <= bar.top + 0.5 || tip.top >= bar.bottom - 0.5, `not over the bar — ${what}`);
    assert.ok(tip.left >= bar.canvas.left - 0.5 && tip.right <= bar.canvas.right + 0.5, `inside the chart — ${what}`);
    assert.ok(!tip.wraps || tip.right - tip.left >= tip.cap - 2, `not squeezed — ${what}`);
  }
}

test('every tooltip stays beside its bar and inside the chart: each level, a narrow chart, the timeline', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  assertBeside(await hoverEveryBar(page), 'overview');
  let p = await barCentre(page, 'Pillar IV');
  await page.mouse.click(p.x, p.y);
  assertBeside(await hoverEveryBar(page), 'Pillar IV');
  await shot(page, 'chart-tooltip-last-theme');
  const themes = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.barRects().map((b) => b.label));
  p = await barCentre(page, themes[0]);
  await page.mouse.click(p.x, p.y);
  assertBeside(await hoverEveryBar(page), `${themes[0]}`);
  // A narrow chart: the tooltip is shifted back inside instead of running off.
  await page.keyboard.press('Escape');
  await shadow(page, `root.querySelector('.kw-crumbs button[data-action="crumb:0"]').click()`);
  await page.evaluate(() => { document.querySelector('kyoto-pillar-chart').style.width = '340px'; });
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').clientWidth <= 340);
  await nextFrame(page, 2);
  assertBeside(await hoverEveryBar(page), 'narrow overview');
  await shot(page, 'chart-tooltip-narrow');
  // The timeline: the first and the last quarter's tooltips stay inside.
  await page.mouse.move(1, 1);
  await shadow(page, `root.querySelector('[data-action="measure:timeline"]').click()`);
  await shadow(page, `root.querySelector('canvas').focus()`);
  for (const key of ['Home', 'End']) {
    await page.keyboard.press(key);
    await nextFrame(page);
    const tip = await shadow(page, TIP_BOX);
    const box = await shadow(page, `const c = root.querySelector('canvas').getBoundingClientRect(); return { hidden: root.querySelector('.kw-tooltip').hidden, left: c.left, right: c.right };`);
    assert.equal(box.hidden, false, key);
    const what = `${key}: timeline tooltip ${JSON.stringify(tip)} in ${JSON.stringify(box)}`;
    assert.ok(tip.left >= box.left - 0.5 && tip.right <= box.right + 0.5, `inside — ${what}`);
    assert.ok(!tip.wraps || tip.right - tip.left >= tip.cap - 2, `not squeezed — ${what}`);
  }
  await shot(page, 'chart-tooltip-timeline-end');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a canvas context the browser reset and restored is drawn again with every setting', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  await shadow(page, `root.querySelector('[data-action="measure:status"]').click()`);
  const pixels = () => shadow(page, `const c = root.querySelector('canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0; for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) >>> 0; return h;`);
  const before = await pixels();
  // As after a loss: the context back to its defaults (no transform, font,
  // colours or alignment) and the bitmap cleared.
  await shadow(page, `const c = root.querySelector('canvas'); c.getContext('2d').reset();`);
  assert.notEqual(await pixels(), before, 'the reset cleared the canvas');
  await shadow(page, `root.querySelector('canvas').dispatchEvent(new Event('contextrestored'))`);
  assert.equal(await pixels(), before, 'drawn again, the same pixels');
  // Later redraws too: hover a bar (outline, tooltip) and leave it.
  const p = await barCentre(page, 'Pillar II');
  await page.mouse.move(p.x, p.y);
  assert.notEqual(await pixels(), before, 'the hovered bar is outlined');
  await page.mouse.move(1, 1);
  assert.equal(await pixels(), before, 'after the hover, the same pixels');
  assert.deepEqual(problems, []);
  await page.close();
});

test('click drills down to themes and paragraphs, emits kyoto:select, breadcrumb and Escape go back', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  await page.evaluate(() => {
    window.selections = [];
    document.addEventListener('kyoto:select', (e) => window.selections.push(e.detail));
  });
  let p = await barCentre(page, 'Pillar II');
  await page.mouse.click(p.x, p.y);
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.level()), 'pillar:II');
  const themes = await shadow(page, `return [...root.querySelectorAll('tbody th')].map((t) => t.textContent)`);
  assert.ok(themes.includes('Improving prison conditions'), themes.join('|'));
  // A theme's name is its label, said once (in the row's header), not twice.
  const names = await shadow(page, `return [...root.querySelectorAll('tbody tr')].map((tr) => tr.children[1].textContent)`);
  assert.deepEqual(names, themes.map(() => ''));
  await shot(page, 'chart-pillar-II');
  p = await barCentre(page, 'Improving prison conditions');
  await page.mouse.click(p.x, p.y);
  const paras = await shadow(page, `return [...root.querySelectorAll('tbody th')].map((t) => t.textContent)`);
  assert.deepEqual(paras, ['Paragraph 35', 'Paragraph 36']);
  await shot(page, 'chart-theme-paragraphs');
  p = await barCentre(page, 'Paragraph 36');
  await page.mouse.click(p.x, p.y);
  const sel = await page.evaluate(() => window.selections);
  assert.deepEqual(sel.map((s) => s.kind), ['pillar', 'theme', 'paragraph']);
  assert.equal(sel[2].paragraph, 36);
  // Breadcrumb back to the pillar, then Escape to the overview.
  await shadow(page, `root.querySelector('.kw-crumbs button[data-action="crumb:1"]').click()`);
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.level()), 'pillar:II');
  await shadow(page, `root.querySelector('canvas').focus()`);
  await page.keyboard.press('Escape'); // closes the tooltip of the focused bar
  await page.keyboard.press('Escape'); // goes up
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.level()), 'overview');
  // Going up is said as the level now shown: the pillar, then the overview.
  const up = (await page.evaluate(() => window.selections)).slice(3);
  assert.deepEqual(up, [{ kind: 'pillar', pillar: 'II' }, { kind: 'overview' }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard alone: Tab reaches the chart, arrows move, Enter drills, Escape goes up', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  let focused = '';
  for (let i = 0; i < 20 && focused !== 'CANVAS'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName || '');
  }
  assert.equal(focused, 'CANVAS', 'Tab reaches the chart');
  await page.keyboard.press('ArrowDown'); // first bar is focused on arrival; go to the second
  // The live region takes one message per 600 ms: the arrival's, then this one.
  await page.waitForFunction(() => /Pillar I\b/.test(document.querySelector('kyoto-pillar-chart')
    .shadowRoot.querySelector('[aria-live]').textContent), null, { timeout: 3000 });
  await shot(page, 'chart-keyboard-focus');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.level()), 'pillar:I');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  assert.match(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.level()), /^theme:I:/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.level()), 'pillar:I');
  assert.deepEqual(problems, []);
  await page.close();
});

test('legend toggles statuses, table toggles, numbers equal `kyoto summary`', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  const summary = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'kyoto', '--', 'summary', '--format', 'json'], { encoding: 'utf8' }));
  const rows = await shadow(page, `return [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))`);
  for (const pillar of summary.pillars) {
    const row = rows.find((r) => r[0] === `Pillar ${pillar.pillar}`);
    assert.ok(row, `row for pillar ${pillar.pillar}`);
    assert.deepEqual(row.slice(2).map(Number).filter((_, i) => i !== 2),
      [pillar.paragraphs, pillar.covered, pillar.activities, ...pillar.by_status]);
  }
  await shadow(page, `root.querySelector('[data-action="measure:status"]').click()`);
  await shadow(page, `root.querySelector('[data-action="legend:2"]').click()`);
  const after = await shadow(page, `return { pressed: root.querySelector('[data-action="legend:2"]').getAttribute('aria-pressed'), planned: [...root.querySelectorAll('tbody tr')].map((tr) => tr.children[8].textContent) }`);
  assert.equal(after.pressed, 'false');
  assert.ok(after.planned.every((v) => v === '0'), 'planned activities no longer counted');
  await shadow(page, `root.querySelector('[data-action="table"]').click()`);
  const visible = await shadow(page, `return root.querySelector('table').getBoundingClientRect().height`);
  assert.ok(visible > 50, 'table shown');
  await shot(page, 'chart-status-legend-table');
  assert.deepEqual(problems, []);
  await page.close();
});

test('reset(): the page brings back every status, the view and level of the attributes, the table folded', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  const look = () => shadow(page, `return {
    pressed: [...root.querySelectorAll('[data-action^="legend:"]')].map((b) => b.getAttribute('aria-pressed')),
    planned: [...root.querySelectorAll('tbody tr')].map((tr) => tr.children[8].textContent),
    table: root.querySelector('.kw-table-wrap').classList.contains('kw-sr'),
    tableButton: root.querySelector('[data-action="table"]').getAttribute('aria-pressed'),
    measures: [...root.querySelectorAll('[data-action^="measure:"][aria-pressed="true"]')].map((b) => b.dataset.action),
    level: el.handle.level(),
  }`);
  const start = await look();
  assert.ok(start.planned.some((v) => v !== '0'), 'planned activities counted at first');
  // A reader hides two statuses, opens the table, picks a view and drills down.
  await shadow(page, `el.setAttribute('view', 'status')`);
  await shadow(page, `root.querySelector('[data-action="legend:2"]').click(); root.querySelector('[data-action="legend:0"]').click()`);
  await shadow(page, `root.querySelector('[data-action="table"]').click()`);
  await shadow(page, `root.querySelector('[data-action="measure:timeline"]').click()`);
  await shadow(page, `root.querySelector('[data-action="measure:status"]').click()`);
  const clicked = await look();
  assert.deepEqual(clicked.pressed, ['false', 'true', 'false']);
  assert.ok(clicked.planned.every((v) => v === '0'));
  assert.equal(clicked.table, false);
  // The page asks for the chart of its attributes (view="status", no pillar).
  await shadow(page, `el.handle.reset()`);
  const reset = await look();
  assert.deepEqual(reset.pressed, ['true', 'true', 'true'], 'every status shown again');
  assert.deepEqual(reset.planned, start.planned, 'planned activities counted again');
  assert.equal(reset.table, true, 'the table folded (kept for screen readers)');
  assert.equal(reset.tableButton, 'false');
  assert.deepEqual(reset.measures, ['measure:status'], 'the view of the attribute');
  assert.equal(reset.level, 'overview');
  // With a pillar attribute: that level.
  await shadow(page, `el.setAttribute('pillar', 'III'); root.querySelector('[data-action="legend:1"]').click(); el.handle.reset()`);
  const pillar = await look();
  assert.equal(pillar.level, 'pillar:III');
  assert.deepEqual(pillar.pressed, ['true', 'true', 'true']);
  await shadow(page, `el.removeAttribute('pillar'); el.removeAttribute('view'); el.handle.reset()`);
  assert.deepEqual((await look()).measures, ['measure:coverage']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('resizing the container redraws at the new width; hidden then shown draws', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  const before = await chartPixels(page);
  await page.setViewportSize({ width: 520, height: 800 });
  await page.waitForFunction((w) => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').clientWidth < w, before.cssWidth);
  const after = await chartPixels(page);
  assert.ok(after.cssWidth < before.cssWidth);
  assert.equal(after.width, after.cssWidth * 2);
  await shot(page, 'chart-narrow');
  await page.evaluate(() => {
    const el = document.createElement('kyoto-pillar-chart');
    el.id = 'late'; el.hidden = true;
    document.querySelector('main').append(el);
  });
  await page.evaluate(() => { document.getElementById('late').hidden = false; });
  await page.waitForFunction(() => document.getElementById('late').shadowRoot.querySelector('canvas').width > 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('exports PNG at 2x, SVG and CSV of the current view', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  const files = {};
  for (const kind of ['png', 'svg', 'csv']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      shadow(page, `root.querySelector('[data-action="export:${kind}"]').click()`),
    ]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    files[kind] = { name: download.suggestedFilename(), body: Buffer.concat(chunks) };
  }
  assert.equal(files.png.name, 'kyoto-overview.png');
  assert.equal(files.png.body.subarray(1, 4).toString(), 'PNG');
  const cssWidth = await shadow(page, `return root.querySelector('canvas').clientWidth`);
  assert.equal(files.png.body.readUInt32BE(16), Math.round(cssWidth) * 2, 'PNG is twice the CSS width');
  assert.match(files.svg.body.toString(), /<svg[^>]*>/);
  assert.equal((files.svg.body.toString().match(/>\nPillar I[IV]*\n</g) || []).length, 4);
  // A download reads on its own: its title and the key to its colours above the plot.
  for (const t of ['All pillars · Coverage', 'Paragraphs with activities', 'Paragraphs without activities']) {
    assert.ok(files.svg.body.toString().includes(`>\n${t}\n<`), t);
  }
  const cssHeight = await shadow(page, `return root.querySelector('canvas').clientHeight`);
  assert.ok(files.png.body.readUInt32BE(20) > Math.round(cssHeight) * 2 + 60, 'the PNG has room for its heading');
  fs.writeFileSync(path.join(SHOTS, 'chart-download.png'), files.png.body);
  // UTF-8 with its byte-order mark, so that Excel reads it as UTF-8.
  const csv = withoutBom(files.csv.body).toString();
  assert.match(csv, /^Item,Name,Paragraphs/);
  assert.equal(csv.trim().split('\n').length, 7);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a share of exactly half a percent is the same whole number in the table and in the CSV export', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  // Paragraph 60 alone of the eight of pillar IV's first theme (60-67):
  // 12.5% covered, which the table shows as 13.
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.update(
    'id,title,paragraphs,status\nA-1,Mutual legal assistance,60,completed\n'));
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw-note')?.textContent.startsWith('1 activity'));
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').setAttribute('pillar', 'IV'));
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelectorAll('tbody tr').length === 4);
  const theme = 'International cooperation, including through capacity-building and technical assistance';
  const shown = await shadow(page, `return [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))`);
  const csv = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.tableCsv());
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  const row = shown.find((r) => r.includes(theme));
  assert.ok(row, JSON.stringify(shown));
  const line = csv.split(/\r?\n/).find((l) => l.includes(theme));
  assert.ok(line, csv);
  const percent = header.findIndex((h) => h.includes('%'));
  assert.ok(percent >= 0, header.join('|'));
  const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  assert.equal(row[percent], '13', `the table: ${row.join('|')}`);
  assert.equal(cells[percent], '13', `the CSV: ${line}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('timeline view: one line per pillar over quarters, keyboard moves between quarters', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  await shadow(page, `root.querySelector('[data-action="measure:timeline"]').click()`);
  const px = await chartPixels(page);
  assert.ok(px.ink > 10000);
  const header = await shadow(page, `return [...root.querySelectorAll('thead th')].map((t) => t.textContent)`);
  assert.deepEqual(header.slice(0, 3), ['Quarter', 'Started', 'Cumulative']);
  const quarters = await shadow(page, `return [...root.querySelectorAll('tbody th')].map((t) => t.textContent)`);
  assert.equal(quarters[0], '2021 Q1');
  await shadow(page, `root.querySelector('canvas').focus()`);
  await page.keyboard.press('End');
  const tip = await shadow(page, `return root.querySelector('.kw-tooltip').textContent`);
  assert.match(tip, new RegExp(quarters[quarters.length - 1]));
  assert.match(tip, /Pillar IV: \d+ activities/);
  await shot(page, 'chart-timeline');
  assert.deepEqual(problems, []);
  await page.close();
});
