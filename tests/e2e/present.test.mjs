// The presenter page, driven by the keyboard: stepping through the views and
// drill-downs, full screen on F and out on Escape, auto-advance, the idle
// cursor, the 'data as of' stamp, an export pushed from the control page and
// kept for the next visit (offline). Under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, chartPixels, shot } from './harness.mjs';

let ctx;
before(async () => { ctx = await start({ csp: true }); });
after(async () => { await ctx.close(); });

const state = (page) => page.evaluate(() => {
  const c = document.getElementById('chart');
  return {
    level: c.handle.level(),
    view: c.getAttribute('view'),
    title: document.getElementById('slide-title').textContent,
    position: document.getElementById('position').textContent,
  };
});

test('keyboard: step through views and drill-downs, full screen, auto-advance, idle cursor', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html`);
  await chartPixels(page, '#chart');
  await page.waitForFunction(() => /activities/.test(document.getElementById('stamp').textContent));
  assert.match(await page.textContent('#stamp'), /^Kyoto Declaration follow-up.* · 51 activities · loaded \d\d:\d\d/);
  let s = await state(page);
  assert.deepEqual([s.level, s.view, s.position], ['overview', 'coverage', '1 / 10']);
  await shot(page, 'present-overview');

  const seen = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(i % 2 ? 'PageDown' : 'ArrowRight');
    s = await state(page);
    seen.push(`${s.level}:${s.view}`);
  }
  assert.deepEqual(seen, ['overview:status', 'pillar:I:status', 'pillar:II:status', 'pillar:III:status', 'pillar:IV:status', 'overview:timeline']);
  await page.keyboard.press('ArrowLeft');
  s = await state(page);
  assert.equal(s.level, 'pillar:IV');
  await shot(page, 'present-pillar-iv');
  await page.keyboard.press('Home');
  assert.equal((await state(page)).position, '1 / 10');
  await page.keyboard.press('End');
  assert.equal((await state(page)).position, '10 / 10');
  await page.keyboard.press('ArrowRight');
  assert.equal((await state(page)).position, '1 / 10', 'wraps around');

  // Full screen on F, out on Escape.
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.fullscreenElement === null);

  // Auto-advance on A (fake time), off on A again.
  await page.clock.install();
  await page.keyboard.press('a');
  assert.match(await page.textContent('#auto'), /Auto-advance every 20 s/);
  await page.clock.runFor(20000);
  assert.equal((await state(page)).position, '2 / 10');
  await page.clock.runFor(20000);
  assert.equal((await state(page)).position, '3 / 10');
  await page.keyboard.press('a');
  await page.clock.runFor(40000);
  assert.equal((await state(page)).position, '3 / 10');
  assert.equal(await page.textContent('#auto'), '');

  // The cursor hides when idle and comes back on movement.
  await page.mouse.move(200, 200);
  assert.equal(await page.evaluate(() => document.body.classList.contains('idle')), false);
  await page.clock.runFor(3000);
  assert.equal(await page.evaluate(() => document.body.classList.contains('idle')), true);
  await page.mouse.move(220, 220);
  assert.equal(await page.evaluate(() => document.body.classList.contains('idle')), false);

  // The chart keeps its own arrow keys while it has focus.
  await page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('canvas').focus());
  const before = (await state(page)).position;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.equal((await state(page)).position, before, 'arrow keys move between bars, not slides');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the control page pushes an export; the presenter shows it, and again after a reload without network', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html`);
  await chartPixels(page, '#chart');
  await page.evaluate(() => localStorage.clear());
  const control = await ctx.context.newPage();
  await control.goto(`${ctx.url}control.html`);
  await control.fill('#text', 'id,title,paragraphs,status\nc1,From the control page,21,done\nc2,Second,31-33,ongoing\n');
  await control.click('#push');
  await page.waitForFunction(() => / 2 activities /.test(document.getElementById('stamp').textContent));
  assert.match(await control.textContent('#status'), /^Pushed the pasted text/);
  await control.close();
  const csv = await page.evaluate(() => document.getElementById('chart').handle.tableCsv());
  assert.match(csv, /Pillar I,/);
  await shot(page, 'present-pushed');

  // Offline: the export is kept; the page shows it again without its source.
  await ctx.context.setOffline(true);
  await page.reload().catch(() => {});
  await ctx.context.setOffline(false);
  await page.reload();
  await page.waitForFunction(() => / 2 activities /.test(document.getElementById('stamp').textContent));
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await page.close();
});

test('the last slides show who has reported and the indicators, from ?progress= or the progress sample', async () => {
  for (const query of ['', '?progress=/pkg/sample-progress.json']) {
    const { page, problems } = await open(ctx, `${ctx.url}present.html${query}`);
    await chartPixels(page, '#chart');
    const visible = () => page.evaluate(() => ['chart', 'reporting', 'indicators'].filter((id) => !document.getElementById(id).hidden));
    assert.deepEqual(await visible(), ['chart']);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.textContent('#position'), '8 / 10');
    assert.deepEqual(await visible(), ['reporting']);
    await chartPixels(page, '#reporting');
    assert.equal(await page.evaluate(() => document.getElementById('reporting').handle.view()), 'overview');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.getElementById('reporting').handle.view()), 'map');
    await page.waitForFunction(() => document.getElementById('reporting').handle.tileRects()?.length > 150);
    if (!query) await shot(page, 'present-reporting-map');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await visible(), ['indicators']);
    await chartPixels(page, '#indicators');
    const statuses = await page.evaluate(() => document.getElementById('indicators').handle.statuses());
    assert.equal(statuses.length, 12, JSON.stringify(statuses));
    if (!query) await shot(page, 'present-indicators');
    assert.equal(await page.textContent('#slide-title'), 'Indicators per pillar: progress towards the targets');
    assert.deepEqual(problems, []);
    await page.close();
  }
});
