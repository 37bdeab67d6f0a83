// The presenter page, driven by the keyboard: stepping through the views and
// drill-downs, full screen on F and out on Escape, auto-advance, the idle
// cursor, the 'data as of' stamp, an export pushed from the control page and
// kept for the next visit (offline). Under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, chartPixels, nextFrame, shot } from './harness.mjs';

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
  assert.deepEqual([s.level, s.view, s.position], ['overview', 'coverage', '1 / 16']);
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
  assert.equal((await state(page)).position, '1 / 16');
  await page.keyboard.press('End');
  assert.equal((await state(page)).position, '16 / 16');
  await page.keyboard.press('ArrowRight');
  assert.equal((await state(page)).position, '1 / 16', 'wraps around');

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
  assert.equal((await state(page)).position, '2 / 16');
  await page.clock.runFor(20000);
  assert.equal((await state(page)).position, '3 / 16');
  await page.keyboard.press('a');
  await page.clock.runFor(40000);
  assert.equal((await state(page)).position, '3 / 16');
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
    // Slides 8 to 11: who has reported on each pillar; 12: the map; 13 to 16: each pillar's indicators.
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.textContent('#position'), '8 / 16');
    assert.deepEqual(await visible(), ['reporting']);
    await chartPixels(page, '#reporting');
    const reporting = () => page.evaluate(() => {
      const r = document.getElementById('reporting');
      return [r.handle.view(), r.getAttribute('pillar')];
    });
    assert.deepEqual(await reporting(), ['overview', 'I']);
    assert.equal(await page.textContent('#slide-title'), 'Who has reported on Pillar I: States per cycle');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    assert.deepEqual(await reporting(), ['overview', 'IV']);
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await reporting(), ['map', null], 'the map shows every pillar');
    await page.waitForFunction(() => document.getElementById('reporting').handle.tileRects()?.length > 150);
    if (!query) await shot(page, 'present-reporting-map');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await visible(), ['indicators']);
    await chartPixels(page, '#indicators');
    for (const pillar of ['I', 'II', 'III', 'IV']) {
      await page.waitForFunction((p) => {
        const shown = document.getElementById('indicators').handle.statuses();
        return shown?.length === 3 && shown.every((s) => s.pillar === p);
      }, pillar);
      assert.equal(await page.textContent('#slide-title'), `Pillar ${pillar} indicators: progress towards the targets`);
      if (!query && pillar === 'I') await shot(page, 'present-indicators');
      await page.keyboard.press('ArrowRight');
    }
    assert.equal(await page.textContent('#position'), '1 / 16', 'the last slide is pillar IV\'s indicators');
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
  assert.deepEqual([s.position, s.level, s.view], ['2 / 16', 'overview', 'status']);
  await clickBar(page, 'Pillar III');
  await page.keyboard.press('PageDown');
  s = await state(page);
  assert.deepEqual([s.position, s.level], ['3 / 16', 'pillar:I']);
  // Drilled into a theme of pillar I, the slide of pillar I shows pillar I again.
  await fitted(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.match((await state(page)).level, /^theme:I:/);
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageUp');
  s = await state(page);
  assert.deepEqual([s.position, s.level], ['3 / 16', 'pillar:I']);
  // A view button of the chart: the next slide has its own view again.
  await page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('[data-action="measure:timeline"]').click());
  await page.keyboard.press('Home');
  s = await state(page);
  assert.deepEqual([s.position, s.level], ['1 / 16', 'overview']);
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
    // The page has seen the resize (it fits again, data-fitted unset meanwhile).
    await page.waitForFunction((w) => innerWidth === w, width);
    await nextFrame(page, 2);
    for (let i = 1; i <= 16; i++) {
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
  await page.waitForFunction(() => / 1 activity /.test(document.getElementById('stamp').textContent));
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

/** No export kept by an earlier test: the page shows the sample. */
const sampleOnly = (page) => page.addInitScript(() => localStorage.removeItem('kyoto-present-export'));

/** Every slide's widget at 1920×1080: its type (with its zoom), the smallest words it shows, its height. */
const slideType = (page) => page.evaluate(() => {
  const w = ['chart', 'reporting', 'indicators'].map((id) => document.getElementById(id)).find((e) => !e.hidden);
  const zoom = Number(w.style.zoom) || 1;
  const box = w.getBoundingClientRect();
  // The smallest text on screen in the widget (not its screen-reader parts,
  // nor the reporting overview's table left out of sight below its chart).
  let least = Infinity;
  let where = '';
  for (const el of w.shadowRoot.querySelectorAll('*')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.top >= box.bottom - 2 || el.closest('.kw-sr, .kw-table-wrap, option')) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
    if (px < least) { least = px; where = el.textContent.trim().slice(0, 50); }
  }
  const screen = document.getElementById('screen').getBoundingClientRect();
  const right = innerWidth - box.right;
  return {
    id: w.id,
    view: w.id === 'reporting' ? w.handle.view() : null,
    type: parseFloat(getComputedStyle(w).fontSize) * zoom,
    least: Math.round(least * 10) / 10,
    where,
    filled: Math.round((box.height / screen.height) * 100) / 100,
    centred: Math.abs(box.left - right) < 4,
  };
});

test('at 1920×1080 every slide is readable from the back of the room: its words at least 20 px, its chart filling the screen', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html`, sampleOnly);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await chartPixels(page, '#chart');
  for (let i = 1; i <= 16; i++) {
    await page.waitForFunction((n) => document.body.dataset.fitted === String(n)
      && !document.getElementById('screen').classList.contains('fitting'), i, { timeout: 8000 });
    if (i >= 8) await page.waitForFunction(() => document.getElementById('stamp').textContent.includes('rows'));
    const m = await slideType(page);
    const at = `slide ${i}: ${JSON.stringify(m)}`;
    // Canvas labels are 0.875 of the widget's type: 24 px type draws them at 21 px.
    assert.ok(m.type >= 24, `type of at least 24 px at ${at}`);
    assert.ok(m.least >= 20, `no words under 20 px at ${at}`);
    if (m.view === 'map') {
      // The tile map's drawing has a size of its own: narrowed to its room and centred, not scaled down.
      assert.ok(m.centred, `the map centred at ${at}`);
      // Its tiles are as large as the room's height allows (21 rows, and the
      // summary under the map, two lines at that width since it counts areas
      // and reports apart): the widget, not the page, sets the size of their
      // codes and legend.
      const tile = await page.evaluate(() => {
        const r = document.getElementById('reporting');
        return r.handle.tileRects()[0].w * (Number(r.style.zoom) || 1);
      });
      assert.ok(tile >= 27, `tiles of at least 27 px at ${at}: ${tile}`);
    } else {
      assert.ok(m.filled >= 0.85, `the widget fills the screen at ${at}`);
    }
    await shot(page, `present-1920-${i}`);
    await page.keyboard.press('PageDown');
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('?lang=ar: the page speaks Arabic, right to left, the pillar headings in English marked so, the data title and file names isolated', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}present.html?lang=ar`, sampleOnly);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await chartPixels(page, '#chart');
  await page.waitForFunction(() => /نشاط/.test(document.getElementById('stamp').textContent));
  const seen = () => page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    title: document.getElementById('slide-title').textContent,
    english: [...document.querySelectorAll('#slide-title [lang="en"]')].map((e) => e.textContent),
    stamp: document.getElementById('stamp').textContent,
    isolated: [...document.querySelectorAll('#stamp bdi')].map((e) => e.textContent),
    keys: document.querySelector('footer .keys').textContent.replace(/\s+/g, ' ').trim(),
    page: document.title,
    widget: document.getElementById('chart').shadowRoot.querySelector('.kw').getAttribute('dir'),
  }));
  let s = await seen();
  assert.deepEqual([s.lang, s.dir, s.widget], ['ar', 'rtl', 'rtl']);
  assert.equal(s.title, 'تغطية الالتزامات حسب الركيزة');
  assert.equal(s.page, 'تغطية الالتزامات حسب الركيزة · kyoto-widgets: العرض');
  assert.match(s.stamp, /^Kyoto Declaration follow-up: .* · البيانات حتى .* · 51 نشاطًا · وقت التحميل /);
  assert.deepEqual(s.isolated, ['Kyoto Declaration follow-up: sample from public United Nations documents'], 'the English title of the data is isolated');
  assert.doesNotMatch(s.stamp, /activities|data as of|loaded/);
  assert.equal(s.keys, '→ ← الشرائح · ↑ ↓ Enter داخل الرسم البياني · F ملء الشاشة · A تقدّم تلقائي · O فتح · صفحة التحكم');
  await fitted(page);
  await shot(page, 'present-ar-1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  s = await seen();
  assert.equal(s.title, 'الركيزة I: Advancing crime prevention');
  assert.deepEqual(s.english, ['Advancing crime prevention'], 'the Declaration\'s heading, untranslated, is marked English');
  await fitted(page);
  await shot(page, 'present-ar-3');
  await page.keyboard.press('End');
  s = await seen();
  assert.equal(s.title, 'مؤشرات الركيزة IV: التقدم نحو الأهداف');
  await page.waitForFunction(() => /صف/.test(document.getElementById('stamp').textContent));
  assert.match((await seen()).stamp, /^بيانات التقدم: العينة · .* صفًا · وقت التحميل /);
  await fitted(page);
  await shot(page, 'present-ar-16');
  assert.deepEqual(problems, []);
  await page.close();

  // The other languages: the first slide's title, and left to right; a language not one of the six is English.
  const titles = {
    fr: 'Couverture des engagements, par pilier',
    es: 'Cobertura de los compromisos, por pilar',
    ru: 'Охват обязательств по компонентам',
    zh: '各支柱承诺的覆盖情况',
    de: 'Coverage of the commitments, by pillar',
  };
  for (const [lang, title] of Object.entries(titles)) {
    const other = await open(ctx, `${ctx.url}present.html?lang=${lang}`, sampleOnly);
    await chartPixels(other.page, '#chart');
    const shown = await other.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, document.getElementById('slide-title').textContent]);
    assert.deepEqual(shown, [lang === 'de' ? 'en' : lang, 'ltr', title]);
    assert.deepEqual(other.problems, []);
    await other.page.close();
  }
});

test('a src that cannot be loaded: the stamp names it once, the slide is fitted again with the error box, dark on the projector', async () => {
  for (const lang of ['en', 'ar']) {
    const { page, problems } = await open(ctx, `${ctx.url}present.html?src=data/nope.csv&lang=${lang}`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForFunction(() => document.getElementById('chart').shadowRoot?.querySelector('.kw-error:not([hidden])'));
    // The stamp is set where the slide is fitted again.
    await page.waitForFunction(() => /could not|تعذّر/.test(document.getElementById('stamp').textContent));
    await page.waitForFunction(() => document.body.dataset.fitted === '1'
      && !document.getElementById('screen').classList.contains('fitting'), null, { timeout: 8000 });
    const m = await page.evaluate(() => {
      const root = document.getElementById('chart').shadowRoot;
      const error = getComputedStyle(root.querySelector('.kw-error'));
      const lines = [...root.querySelectorAll('.kw-note')].filter((n) => n.offsetHeight);
      return {
        stamp: document.getElementById('stamp').textContent,
        isolated: [...document.querySelectorAll('#stamp bdi')].map((b) => b.textContent),
        screen: document.getElementById('screen').getBoundingClientRect().bottom,
        widget: document.getElementById('chart').getBoundingClientRect().bottom,
        lines: lines.map((n) => n.getBoundingClientRect().bottom),
        background: error.backgroundColor.match(/\d+/g).slice(0, 3).map(Number),
        colour: error.color.match(/\d+/g).slice(0, 3).map(Number),
      };
    });
    const at = `${lang}: ${JSON.stringify(m)}`;
    if (lang === 'en') assert.equal(m.stamp, 'The data could not be loaded from data/nope.csv: the server answered HTTP 404 Not Found');
    else assert.equal(m.stamp, 'تعذّر تحميل البيانات من data/nope.csv: ردّ الخادم بالرمز HTTP 404 Not Found');
    // The widget's reason, in its language, without the URL the stamp names already.
    assert.equal(m.isolated.length, 2, at);
    assert.equal(m.isolated[0], 'data/nope.csv', at);
    // Its line under the chart (there is none when nothing loaded before
    // the src failed: the sample's download may be dropped for the src).
    assert.ok(m.widget <= m.screen + 1 && m.lines.every((b) => b <= m.screen + 1), `the widget and its lines above the footer at ${at}`);
    assert.ok(m.background.every((c) => c < 64), `a dark error panel at ${at}`);
    assert.ok(m.colour.every((c) => c > 200), `light words on it at ${at}`);
    await shot(page, `present-missing-src-${lang}`);
    assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
    await page.close();
  }
});
