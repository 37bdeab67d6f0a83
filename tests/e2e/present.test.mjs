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

  // The chart keeps Up and Down while it has focus; Left and Right step slides.
  await page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('canvas').focus());
  const before = (await state(page)).position;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal((await state(page)).position, before, 'Up and Down move between bars, not slides');
  await page.keyboard.press('ArrowRight');
  assert.notEqual((await state(page)).position, before, 'Right steps the slide with the chart focused');
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
  await control.waitForFunction(() => /keeps it/.test(document.getElementById('status').textContent));
  assert.match(await control.textContent('#status'), /^Pushed the pasted text .* The presenter page shows the pasted text and keeps it for next time\.$/);
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

/** Waits until the slide shown is laid out to fit the screen. */
const fitted = (page) => page.waitForFunction(() => document.body.dataset.fitted === document.getElementById('position').textContent.split(' ')[0]
  && !document.getElementById('screen')?.classList.contains('fitting'), null, { timeout: 5000 }).catch(() => {});

/** Clicks the middle of the chart's bar labelled `label`, once the slide is laid out. */
async function clickBar(page, label) {
  await fitted(page);
  const box = await page.evaluate((l) => {
    const c = document.getElementById('chart');
    const r = c.shadowRoot.querySelector('canvas').getBoundingClientRect();
    const b = c.handle.barRects().find((x) => x.label === l);
    return { x: r.left + b.x + b.width / 2, y: r.top + b.y + b.height / 2 };
  }, label);
  await page.mouse.click(box.x, box.y);
}

test('a click on the chart: each slide still shows its own view, and the slide keys still work', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await chartPixels(page, '#chart');
  await clickBar(page, 'Pillar II');
  assert.equal((await state(page)).level, 'pillar:II', 'the click drills down');
  // The chart has focus now: Right steps to the next slide, at its own level.
  await page.keyboard.press('ArrowRight');
  let s = await state(page);
  assert.deepEqual([s.position, s.level, s.view], ['2 / 10', 'overview', 'status']);
  await clickBar(page, 'Pillar III');
  await page.keyboard.press('PageDown');
  s = await state(page);
  assert.deepEqual([s.position, s.level], ['3 / 10', 'pillar:I']);
  // Drilled into a theme of pillar I, the slide of pillar I shows pillar I again.
  await fitted(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.match((await state(page)).level, /^theme:I:/);
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageUp');
  s = await state(page);
  assert.deepEqual([s.position, s.level], ['3 / 10', 'pillar:I']);
  // A view button of the chart: the next slide has its own view again.
  await page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('[data-action="measure:timeline"]').click());
  await page.keyboard.press('Home');
  s = await state(page);
  assert.deepEqual([s.position, s.level], ['1 / 10', 'overview']);
  const pressed = await page.evaluate(() => [...document.getElementById('chart').shadowRoot.querySelectorAll('[data-action^="measure:"][aria-pressed="true"]')].map((b) => b.dataset.action));
  assert.deepEqual(pressed, ['measure:coverage']);
  const labels = await page.evaluate(() => document.getElementById('chart').handle.barRects().map((b) => b.label));
  assert.ok(['Pillar I', 'Pillar II', 'Pillar III', 'Pillar IV'].every((l) => labels.includes(l)), `the overview's bars, not a pillar's themes: ${labels}`);
  // A status hidden in the legend: the next slide shows every status again.
  await page.keyboard.press('ArrowRight');
  const legend = () => page.evaluate(() => [...document.getElementById('chart').shadowRoot.querySelectorAll('[data-action^="legend:"]')].map((b) => b.getAttribute('aria-pressed')));
  await page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('[data-action="legend:1"]').click());
  assert.deepEqual(await legend(), ['true', 'false', 'true']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await legend(), ['true', 'true', 'true'], 'the next slide shows every status');
  await page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('[data-action="legend:0"]').click());
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await legend(), ['true', 'true', 'true'], 'and the slide before too');
  await page.keyboard.press('Home');
  // Escape, with the chart focused: up a level; in full screen it leaves full screen first.
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await clickBar(page, 'Pillar IV');
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.fullscreenElement === null);
  assert.equal((await state(page)).level, 'pillar:IV');
  // The chart's Escape closes its tooltip, then goes up a level.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal((await state(page)).level, 'overview');
  await shot(page, 'present-after-click');
  assert.deepEqual(problems, []);
  await page.close();
});

test('every slide fits the screen with its footer, at 1920×1080, 1280×720 and 1024×768', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html`);
  await chartPixels(page, '#chart');
  for (const [width, height] of [[1920, 1080], [1280, 720], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    for (let i = 1; i <= 10; i++) {
      await page.waitForFunction((n) => document.body.dataset.fitted === String(n)
        && !document.getElementById('screen')?.classList.contains('fitting'), i, { timeout: 5000 }).catch(() => {});
      const m = await page.evaluate(() => {
        const w = ['chart', 'reporting', 'indicators'].map((id) => document.getElementById(id)).find((e) => !e.hidden);
        const plot = w.shadowRoot.querySelector('.kw-plot').getBoundingClientRect();
        const canvas = w.shadowRoot.querySelector('canvas');
        return {
          scroll: document.scrollingElement.scrollHeight,
          inner: innerHeight,
          footer: document.querySelector('footer').getBoundingClientRect().bottom,
          widget: w.getBoundingClientRect().bottom,
          plot: plot.bottom,
          screen: document.getElementById('screen').getBoundingClientRect().bottom,
          drawn: canvas.width > 0 && canvas.getBoundingClientRect().height > 100,
          font: parseFloat(getComputedStyle(w).fontSize),
        };
      });
      const at = `${width}×${height}, slide ${i}: ${JSON.stringify(m)}`;
      assert.ok(m.scroll <= m.inner, `no page scroll at ${at}`);
      assert.ok(m.footer <= m.inner, `footer on screen at ${at}`);
      assert.ok(m.widget <= m.screen + 1 && m.plot <= m.screen + 1, `the widget and its drawing above the footer at ${at}`);
      assert.ok(m.drawn, `drawn at ${at}`);
      assert.ok(m.font >= 14, `text of at least 14 px at ${at}`);
      if (width === 1920 || (width === 1024 && i >= 8)) await shot(page, `present-fit-${width}-${i}`);
      await page.keyboard.press('PageDown');
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a push the chart rejects is not kept: a reload shows the last good export', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html`);
  await chartPixels(page, '#chart');
  await page.evaluate(() => localStorage.clear());
  const control = await ctx.context.newPage();
  await control.goto(`${ctx.url}control.html`);
  await control.fill('#text', 'id,title,paragraphs,status\nc1,Good one,21,done\nc2,Second,31-33,ongoing\nc3,Third,40,planned\n');
  await control.click('#push');
  await page.waitForFunction(() => / 3 activities /.test(document.getElementById('stamp').textContent));
  await control.fill('#text', 'hello world, this is not an export');
  await control.click('#push');
  await control.waitForFunction(() => /could not show/.test(document.getElementById('status').textContent));
  assert.match(await control.textContent('#status'), /It still shows the last export it could read\.$/);
  await control.close();
  assert.match(await page.evaluate(() => localStorage.getItem('kyoto-present-export')), /Good one/);
  await page.reload();
  await page.waitForFunction(() => / 3 activities /.test(document.getElementById('stamp').textContent));
  assert.equal(await page.evaluate(() => document.getElementById('chart').handle.detail().activities), 3);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a pushed export too big to keep: said on both pages, and the older one is not shown after a reload', async () => {
  // The browser's storage quota, made small: what does not fit is refused as a full storage refuses it.
  const quota = (page) => page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function setItem(k, v) {
      if (String(v).length > 400) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const { page, problems } = await open(ctx, `${ctx.url}present.html`, quota);
  await chartPixels(page, '#chart');
  await page.evaluate(() => localStorage.setItem('kyoto-present-export', 'id,title,paragraphs,status\nold,Older export,21,done\n'));
  await page.reload();
  await page.waitForFunction(() => / 1 activities /.test(document.getElementById('stamp').textContent));
  const control = await ctx.context.newPage();
  await control.goto(`${ctx.url}control.html`);
  const big = `id,title,paragraphs,status\n${Array.from({ length: 40 }, (_, i) => `b${i},Big export ${i},${21 + (i % 10)},ongoing`).join('\n')}\n`;
  await control.fill('#text', big);
  await control.click('#push');
  await page.waitForFunction(() => / 40 activities /.test(document.getElementById('stamp').textContent));
  await control.waitForFunction(() => /too big to keep/.test(document.getElementById('status').textContent));
  await control.close();
  assert.match(await page.textContent('#note'), /too big to keep in this browser: after a reload this page shows the sample/);
  assert.equal(await page.evaluate(() => localStorage.getItem('kyoto-present-export')), null, 'the older export is not kept as if it were current');
  await page.reload();
  await page.waitForFunction(() => / 51 activities /.test(document.getElementById('stamp').textContent));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a live source that cannot be loaded at first: the stamp says so and names it', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html?src=/live/late.csv&poll=2`);
  await page.waitForFunction(() => /could not be loaded/.test(document.getElementById('stamp').textContent));
  const text = await page.textContent('#stamp');
  assert.match(text, /\/live\/late\.csv/);
  assert.doesNotMatch(text, /sample/i);
  await shot(page, 'present-live-missing');
  // The 404 itself is the console's only error.
  assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  await page.close();
});
