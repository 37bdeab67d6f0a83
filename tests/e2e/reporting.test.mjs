// <kyoto-reporting> in Chromium under the strict CSP, over the fixture
// workbook (tests/fixtures/progress, read by the workbook module), counted
// on 1 August 2026: the same figures as natively (tests/reporting_board.rs),
// the four views by mouse and keyboard (arrow keys between the map's tiles,
// sort buttons with aria-sort, filters), the live announcements, the
// downloads (PNG at 2x, SVG, CSV of the view shown), and screenshots of the
// overview, the map and a question in light, dark and Arabic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open, chartPixels, nextFrame, shot, exportFile, pngSize } from './harness.mjs';
import { STRICT_CSP } from '../../tools/serve.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeCore = require('axe-core');
const RULES = axeCore.getRules(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).map((r) => r.ruleId);

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '..', 'fixtures', 'progress');

const routes = {
  '/t/reporting.html': (req, res) => {
    const lang = new URL(req.url, 'http://x').searchParams.get('lang') || 'en';
    const theme = new URL(req.url, 'http://x').searchParams.get('theme') || 'light';
    // view, cycle, pillar: attributes of the widget when given.
    const attrs = ['view', 'cycle', 'pillar'].map((a) => [a, new URL(req.url, 'http://x').searchParams.get(a)])
      .filter(([, v]) => v).map(([a, v]) => ` ${a}="${v}"`).join('');
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
      .end(`<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><title>reporting</title><link rel="icon" href="/favicon.svg">`
        + '<script type="module" src="/pkg/kyoto.js"></script>'
        + `<main><kyoto-reporting src="/fixtures/progress/kyoto-progress.xlsx" as-of="2026-08-01" theme="${theme}"${attrs}></kyoto-reporting></main>`);
  },
  // axe-core is injected as an inline script: this page has no CSP.
  '/t/reporting-axe.html': (req, res) => {
    const lang = new URL(req.url, 'http://x').searchParams.get('lang') || 'en';
    res.writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><title>reporting</title><link rel="icon" href="/favicon.svg">`
        + '<script type="module" src="/pkg/kyoto.js"></script>'
        + '<main><kyoto-reporting src="/fixtures/progress/kyoto-progress.xlsx" as-of="2026-08-01"></kyoto-reporting></main>');
  },
  // No src: the widget shows the sample, whose figures are invented.
  '/t/reporting-sample.html': (req, res) => {
    const lang = new URL(req.url, 'http://x').searchParams.get('lang') || 'en';
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
      .end(`<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><title>reporting</title><link rel="icon" href="/favicon.svg">`
        + '<script type="module" src="/pkg/kyoto.js"></script>'
        + '<main><kyoto-reporting></kyoto-reporting></main>');
  },
  '/fixtures/progress/kyoto-progress.xlsx': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
      .end(fs.readFileSync(path.join(FIXTURES, 'kyoto-progress.xlsx')));
  },
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

const TAG = 'kyoto-reporting';

/** Runs `fn` (a function body over root, el, arg) in the page. */
const inWidget = (page, fn, arg) => page.evaluate(([f, a]) => {
  const el = document.querySelector('kyoto-reporting');
  return new Function('root', 'el', 'arg', f)(el.shadowRoot, el, a);
}, [fn, arg]);

async function loaded(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('kyoto-reporting');
    return el?.handle?.figures?.()?.cycle;
  });
  await chartPixels(page, TAG);
}

async function showView(page, view) {
  await inWidget(page, `root.querySelector('button[data-view="${view}"]').click();`);
  await page.waitForFunction((v) => document.querySelector('kyoto-reporting').handle.view() === v, view);
  await nextFrame(page, 2);
}

const announced = (page) => inWidget(page, `return root.querySelector('[aria-live]').textContent;`);

test('the figures equal the native ones', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html`);
  await loaded(page);
  const f = await page.evaluate(() => document.querySelector('kyoto-reporting').handle.figures());
  assert.equal(f.cycle, '2026');
  assert.equal(f.pillar, null);
  // [States answering, States reporting, on time, late, answers only]
  assert.deepEqual(f.pillars, {
    I: [33, 36, 27, 9, 0], II: [22, 25, 18, 7, 0], III: [32, 35, 26, 9, 0], IV: [22, 24, 18, 6, 0],
  });
  assert.deepEqual(f.statuses, { 'on-time': 33, late: 13, 'not-yet-due': 1, missing: 6, 'answered-only': 0, 'no-data': 141 });
  assert.equal(f.areas.SWE, 'on-time');
  assert.equal(f.areas.NOR, 'late');
  assert.equal(f.areas.MEX, 'missing');
  assert.equal(f.areas['001'], 'not-yet-due');
  assert.equal(f.areas.USA, undefined);
  // The overview's table mirror: pillar II in 2026.
  const row = await inWidget(page, `return [...root.querySelectorAll('.kw-figures tbody tr')]
    .map((tr) => [...tr.children].map((c) => c.textContent))
    .find((r) => r[0] === 'II' && r[1] === '2026');`);
  assert.deepEqual(row.slice(0, 12), ['II', '2026', '22', '3', '25', '18', '7', '0', '19', '7', '6', '0']);
  const summary = await inWidget(page, `return root.querySelector('.kw-note').textContent;`);
  assert.equal(summary, '2026: 45 States answering, 14 other respondents; 53 areas: 33 on time, 13 late, 6 missing, 1 not yet due, 0 answers only; 56 reports');
  await shot(page, 'reporting-overview');
  // The table under the chart is folded, opened by its summary, and stays
  // open when the chart is drawn for another pillar.
  const fold = () => inWidget(page, `const d = root.querySelector('.kw-figures details');
    return d && { open: d.open, summary: d.querySelector('summary').textContent, rows: d.querySelectorAll('tbody tr').length };`);
  assert.deepEqual(await fold(), { open: false, summary: 'Table of the values shown', rows: 20 });
  await inWidget(page, `root.querySelector('.kw-figures summary').click();`);
  await inWidget(page, `const s = root.querySelector('.kw-pillar'); s.value = 'II'; s.dispatchEvent(new Event('change'));`);
  await page.waitForFunction(() => document.querySelector('kyoto-reporting').handle.figures().pillar === 'II');
  assert.deepEqual(await fold(), { open: true, summary: 'Table of the values shown', rows: 5 });
  await shot(page, 'reporting-overview-table-open');
  await inWidget(page, `const s = root.querySelector('.kw-pillar'); s.value = ''; s.dispatchEvent(new Event('change'));`);
  // A narrower page: the chart is drawn again at its new width.
  const before = await inWidget(page, `return root.querySelector('canvas').clientWidth;`);
  await page.setViewportSize({ width: 640, height: 800 });
  await page.waitForFunction((w) => document.querySelector('kyoto-reporting').shadowRoot.querySelector('canvas').clientWidth < w - 100, before);
  const after = await inWidget(page, `const c = root.querySelector('canvas'); return { css: c.clientWidth, plot: root.querySelector('.kw-plot').clientWidth };`);
  assert.equal(after.css, after.plot);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the sample is said to be invented, in the widget language, until the page gives its own data', async () => {
  const note = (page) => inWidget(page, `const n = root.querySelector('.kw-sample');
    return { hidden: n.hidden, text: n.textContent, first: n === root.querySelector('.kw').children[1] };`);
  for (const [lang, text] of [
    ['en', 'Illustrative sample: these values, answers and reports are invented; no State reported them.'],
    ['ar', 'عينة توضيحية: هذه القيم والردود والتقارير مختلقة، ولم تقدّمها أي دولة.'],
  ]) {
    const { page, problems } = await open(ctx, `${ctx.url}t/reporting-sample.html?lang=${lang}`);
    await loaded(page);
    // Under the title, above the toolbar.
    assert.deepEqual(await note(page), { hidden: false, text, first: true });
    if (lang === 'en') {
      await shot(page, 'reporting-sample-note');
      // Data the page gives is its own: the note goes.
      const text = await (await fetch(`${ctx.url}pkg/sample-progress.json`)).text();
      await page.evaluate((t) => document.querySelector('kyoto-reporting').handle.update(t), text);
      await page.waitForFunction(() => document.querySelector('kyoto-reporting').shadowRoot.querySelector('.kw-sample').hidden);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
  // A widget with a src says nothing of a sample.
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html`);
  await loaded(page);
  assert.equal((await note(page)).hidden, true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the map: tiles by status, arrow keys between them, the focused tile described', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html`);
  await loaded(page);
  await showView(page, 'map');
  const tiles = await page.evaluate(() => document.querySelector('kyoto-reporting').handle.tileRects());
  assert.equal(tiles.length, 195);
  const fra = tiles.find((t) => t.area === 'FRA');
  assert.equal(fra.status, 'on-time');
  assert.equal(tiles.find((t) => t.area === 'PRT').status, 'missing');
  // Click France, then move east with the arrow key: Belgium.
  const box = await inWidget(page, `const r = root.querySelector('canvas').getBoundingClientRect(); return { x: r.left, y: r.top };`);
  await page.mouse.click(box.x + fra.x + fra.w / 2, box.y + fra.y + fra.h / 2);
  await page.waitForFunction(() => !document.querySelector('kyoto-reporting').shadowRoot.querySelector('.kw-tooltip').hidden);
  let tip = await inWidget(page, `return root.querySelector('.kw-tooltip strong').textContent;`);
  assert.equal(tip, 'France (FRA): On time');
  await inWidget(page, `root.querySelector('canvas').focus();`);
  await page.keyboard.press('ArrowRight');
  await nextFrame(page, 2);
  tip = await inWidget(page, `return root.querySelector('.kw-tooltip strong').textContent;`);
  assert.equal(tip, 'Belgium (BEL): On time');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await nextFrame(page, 2);
  tip = await inWidget(page, `return root.querySelector('.kw-tooltip strong').textContent;`);
  assert.equal(tip, 'Portugal (PRT): Missing');
  await page.waitForFunction(() => document.querySelector('kyoto-reporting').shadowRoot.querySelector('[aria-live]').textContent.startsWith('Portugal'));
  // Its table mirror lists every area with its status.
  const mirror = await inWidget(page, `return root.querySelectorAll('.kw-figures tbody tr').length;`);
  assert.equal(mirror, 53);
  await shot(page, 'reporting-map');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the table sorts by each column and filters', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html`);
  await loaded(page);
  await showView(page, 'table');
  const rows = () => inWidget(page, `return [...root.querySelectorAll('.kw-figures tbody tr')].map((tr) => tr.firstChild.textContent);`);
  assert.equal((await rows()).length, 53);
  assert.equal((await rows())[0], 'Argentina (ARG)');
  // The caption says what the table holds, as the filters leave it.
  const caption = () => inWidget(page, `return root.querySelector('.kw-figures caption').textContent;`);
  assert.equal(await caption(), 'Reports by area, cycle 2026, All pillars: 53 areas');
  // Sort by the submission date, newest first (two clicks).
  for (let i = 0; i < 2; i++) {
    await inWidget(page, `root.querySelector('button[data-column="submitted-on"]').click();`);
  }
  const sort = await inWidget(page, `return root.querySelector('button[data-column="submitted-on"]').parentElement.getAttribute('aria-sort');`);
  assert.equal(sort, 'descending');
  // Egypt's voluntary report, late (20 July 2026): Germany's questionnaire
  // is missing, so its row has no date.
  assert.equal((await rows())[0], 'Egypt (EGY)');
  // The focus stays on the sort button.
  assert.equal(await inWidget(page, `return root.activeElement?.dataset.column;`), 'submitted-on');
  // Late reports in Europe.
  await inWidget(page, `const s = root.querySelector('.kw-status-filter'); s.value = 'late'; s.dispatchEvent(new Event('change'));`);
  assert.equal((await rows()).length, 13);
  await inWidget(page, `const s = root.querySelector('.kw-region-filter'); s.value = '150'; s.dispatchEvent(new Event('change'));`);
  assert.equal((await rows()).length, 6);
  assert.equal(await caption(), 'Reports by area, cycle 2026, All pillars: 6 areas');
  await page.waitForFunction(() => document.querySelector('kyoto-reporting').shadowRoot.querySelector('[aria-live]').textContent.startsWith('Table, cycle 2026, All pillars: 6 areas'));
  await inWidget(page, `const s = root.querySelector('.kw-text-filter'); s.value = 'nor'; s.dispatchEvent(new Event('input'));`);
  assert.deepEqual(await rows(), ['Norway (NOR)']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('reset(): back to the view, cycle and pillar of the attributes, no sort or filter, the tables folded, and said so', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html?view=table&cycle=2024`);
  await loaded(page);
  // What the attributes describe.
  const state = () => inWidget(page, `const f = el.handle.figures();
    return {
      view: el.handle.view(), cycle: f.cycle, pillar: f.pillar,
      menus: ['.kw-cycle', '.kw-pillar', '.kw-status-filter', '.kw-region-filter', '.kw-text-filter'].map((s) => root.querySelector(s).value),
      sort: [...root.querySelectorAll('.kw-figures th[aria-sort]')].map((th) => th.getAttribute('aria-sort')),
      rows: [...root.querySelectorAll('.kw-figures tbody tr')].map((tr) => tr.firstChild.textContent),
      caption: root.querySelector('.kw-figures caption')?.textContent,
    };`);
  const start = await state();
  assert.equal(start.view, 'table');
  assert.equal(start.cycle, '2024');
  assert.equal(start.pillar, null);
  assert.deepEqual(start.menus, ['2024', '', '', '', '']);
  assert.ok(start.rows.length > 6, start.rows.join());
  // A reader sorts, filters and chooses another cycle and pillar.
  for (let i = 0; i < 2; i++) await inWidget(page, `root.querySelector('button[data-column="submitted-on"]').click();`);
  await inWidget(page, `
    const set = (s, v, e = 'change') => { const c = root.querySelector(s); c.value = v; c.dispatchEvent(new Event(e)); };
    set('.kw-cycle', '2026');
    set('.kw-pillar', 'II');
    set('.kw-status-filter', 'late');
    set('.kw-region-filter', '150');
    set('.kw-text-filter', 'nor', 'input');`);
  const changed = await state();
  assert.deepEqual([changed.cycle, changed.pillar, changed.menus], ['2026', 'II', ['2026', 'II', 'late', '150', 'nor']]);
  assert.ok(changed.sort.includes('descending'));
  assert.ok(changed.rows.length < start.rows.length, changed.rows.join());
  await page.waitForFunction(() => document.querySelector('kyoto-reporting').shadowRoot.querySelector('[aria-live]').textContent.startsWith('Table, cycle 2026, Pillar II'));
  // The page puts it back.
  await page.evaluate(() => document.querySelector('kyoto-reporting').handle.reset());
  assert.deepEqual(await state(), start);
  // The live region says what is shown now, nothing of the filters undone.
  const said = `Table, cycle 2024, All pillars: ${start.rows.length} areas`;
  assert.equal(start.caption, `Reports by area, cycle 2024, All pillars: ${start.rows.length} areas`);
  await page.waitForFunction((s) => document.querySelector('kyoto-reporting').shadowRoot.querySelector('[aria-live]').textContent.startsWith(s), said)
    .catch(async (e) => { throw new Error(`${await announced(page)} (${e.message})`); });
  assert.doesNotMatch(await announced(page), /Pillar II|2026/);
  // A chart's table unfolded and another view clicked: the view buttons
  // write `view`, so reset() keeps the view the reader chose and folds the table.
  await showView(page, 'overview');
  await inWidget(page, `root.querySelector('.kw-figures summary').click();`);
  assert.equal(await inWidget(page, `return root.querySelector('.kw-figures details').open;`), true);
  await page.evaluate(() => document.querySelector('kyoto-reporting').handle.reset());
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-reporting').handle.view()), 'overview');
  assert.equal(await inWidget(page, `return root.querySelector('.kw-figures details').open;`), false);
  assert.equal(await inWidget(page, `return root.querySelector('.kw-notices').hidden;`), true, 'no notice');
  await shot(page, 'reporting-reset');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the sample in 2026: an area owing its questionnaire is not on time, and the summary counts the table', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting-sample.html`);
  await loaded(page);
  await showView(page, 'table');
  await nextFrame(page, 2);
  const table = await inWidget(page, `return [...root.querySelectorAll('.kw-figures tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));`);
  assert.equal(await inWidget(page, `return root.querySelector('.kw-cycle').value;`), '2026');
  // Germany: its questionnaire missing, its voluntary report on time.
  const deu = table.find((r) => r[0] === 'Germany (DEU)');
  assert.ok(deu, 'a row for Germany');
  assert.ok(!deu[2].startsWith('On time'), deu[2]);
  assert.equal(deu[2], 'Missing (Voluntary report: On time)');
  assert.equal(deu[3], '');
  // The summary's areas are the table's rows, counted by their status.
  const count = (s) => table.filter((r) => r[2] === s || r[2].startsWith(`${s} (`)).length;
  const summary = await inWidget(page, `return root.querySelector('.kw-note').textContent;`);
  const m = summary.match(/; (\d+) areas: (\d+) on time, (\d+) late, (\d+) missing, (\d+) not yet due, (\d+) answers only; (\d+) reports$/);
  assert.ok(m, summary);
  assert.deepEqual(m.slice(1, 7).map(Number),
    [table.length, count('On time'), count('Late'), count('Missing'), count('Not yet due'), count('Answers only')]);
  // The map colours Germany so too, and its tile says why.
  const f = await page.evaluate(() => document.querySelector('kyoto-reporting').handle.figures());
  assert.equal(f.areas.DEU, 'missing');
  await shot(page, 'reporting-sample-table-2026');
  await showView(page, 'map');
  await chartPixels(page, TAG);
  await shot(page, 'reporting-sample-map-2026');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a question: States and other respondents side by side, in another cycle', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html`);
  await loaded(page);
  await showView(page, 'questions');
  await inWidget(page, `const s = root.querySelector('.kw-cycle'); s.value = '2024'; s.dispatchEvent(new Event('change'));`);
  await inWidget(page, `const s = root.querySelector('.kw-question'); s.value = 'Q-I-2'; s.dispatchEvent(new Event('change'));`);
  await nextFrame(page, 2);
  const table = await inWidget(page, `return [...root.querySelectorAll('.kw-figures tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));`);
  assert.deepEqual(table, [['Fully', '9', '0'], ['Partly', '14', '2'], ['Not at all', '6', '1'], ['All answers', '29', '3']]);
  const caption = await inWidget(page, `return root.querySelector('.kw-figures caption').textContent;`);
  assert.equal(caption, 'Q-I-2: answers in 2024, States and other respondents');
  const f = await page.evaluate(() => document.querySelector('kyoto-reporting').handle.figures());
  assert.equal(f.cycle, '2024');
  assert.deepEqual(f.pillars.III.slice(0, 2), [32, 33]);
  await shot(page, 'reporting-questions');
  assert.deepEqual(problems, []);
  await page.close();
});

test('dark and Arabic', async () => {
  for (const [lang, theme] of [['en', 'dark'], ['ar', 'light']]) {
    const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html?lang=${lang}&theme=${theme}`);
    await loaded(page);
    const dir = await inWidget(page, `return root.querySelector('.kw').getAttribute('dir');`);
    assert.equal(dir, lang === 'ar' ? 'rtl' : 'ltr');
    const suffix = lang === 'ar' ? 'ar' : 'dark';
    await shot(page, `reporting-overview-${suffix}`);
    await showView(page, 'map');
    await shot(page, `reporting-map-${suffix}`);
    await showView(page, 'questions');
    await shot(page, `reporting-questions-${suffix}`);
    if (lang === 'ar') {
      const title = await inWidget(page, `return root.querySelector('.kw-title').textContent;`);
      assert.equal(title, 'من قدّم التقارير');
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('axe finds nothing to fix in any view, in English and Arabic', async () => {
  for (const lang of ['en', 'ar']) {
    const { page, problems } = await open(ctx, `${ctx.url}t/reporting-axe.html?lang=${lang}`);
    await loaded(page);
    await page.addScriptTag({ content: AXE });
    for (const view of ['overview', 'map', 'table', 'questions']) {
      await showView(page, view);
      const violations = await page.evaluate(async (rules) => {
        const r = await window.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }, RULES);
      assert.deepEqual(violations, [], `${lang} ${view}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

/** The cells of a CSV line whose cells hold no comma or quote. */
const cells = (line) => line.split(',');

test('downloads: PNG at 2x, SVG and CSV of each view, each told by kyoto:export', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html`);
  await loaded(page);
  const group = await inWidget(page, `const g = root.querySelector('[data-action="export:png"]').parentElement;
    return { role: g.getAttribute('role'), label: g.getAttribute('aria-label'),
      buttons: [...g.children].map((b) => [b.type, b.textContent, b.getAttribute('aria-label'), b.title]) };`);
  assert.deepEqual(group, {
    role: 'group', label: 'Download',
    buttons: [
      ['button', 'PNG', 'Download the chart or map shown as PNG (2x, for slides)', 'Download the chart or map shown as PNG (2x, for slides)'],
      ['button', 'SVG', 'Download the chart or map shown as SVG', 'Download the chart or map shown as SVG'],
      ['button', 'CSV', 'Download the numbers shown as CSV', 'Download the numbers shown as CSV'],
    ],
  });
  const cssWidth = () => inWidget(page, `return root.querySelector('canvas').clientWidth;`);
  const check = async (kind, name, key = null) => {
    const file = await exportFile(page, TAG, kind, { key });
    assert.equal(file.name, name);
    assert.deepEqual(file.detail, { file: name });
    return file;
  };

  // The overview: every pillar and cycle.
  const png = await check('png', 'kyoto-reporting-overview.png');
  assert.equal(pngSize(png.body).width, (await cssWidth()) * 2, 'the PNG is twice the CSS width');
  const svg = (await check('svg', 'kyoto-reporting-overview.svg')).body.toString();
  assert.match(svg, /^<svg /);
  assert.ok(svg.includes('>\nStates reporting per pillar and cycle, by their report\n</text>'), 'the caption');
  const csv = (await check('csv', 'kyoto-reporting-overview.csv')).body.toString().split('\r\n');
  assert.equal(csv[0], 'Pillar,Cycle,States answering,Other respondents,States reporting,Report on time,Report late,"Answers, no report submitted",Reports on time,Reports late,Reports missing,Reports not yet due,Paragraphs covered');
  assert.equal(csv.length, 22, 'a header, 4 pillars x 5 cycles, the last line ended');
  const row = (p, c) => cells(csv.find((l) => l.startsWith(`${p},${c},`)));
  // States answering and reporting in 2026, as figures() gives them.
  assert.deepEqual(['I', 'II', 'III', 'IV'].map((p) => [row(p, '2026')[2], row(p, '2026')[4]]),
    [['33', '36'], ['22', '25'], ['32', '35'], ['22', '24']]);
  assert.deepEqual(row('II', '2026').slice(0, 12), ['II', '2026', '22', '3', '25', '18', '7', '0', '19', '7', '6', '0']);

  // The map of 2026, by the keyboard.
  await showView(page, 'map');
  const mpng = await check('png', 'kyoto-reporting-map-2026.png', 'Enter');
  assert.equal(pngSize(mpng.body).width, (await cssWidth()) * 2);
  const msvg = (await check('svg', 'kyoto-reporting-map-2026.svg', ' ')).body.toString();
  assert.match(msvg, /^<svg /);
  assert.ok(msvg.includes('>\nFRA\n</text>') && msvg.includes('>\nOn time\n</text>'), 'a tile and the legend');
  const mcsv = (await check('csv', 'kyoto-reporting-map-2026.csv')).body.toString().split('\r\n');
  assert.equal(mcsv[0], 'Area,Respondents,Report,Submitted on,Paragraphs covered');
  assert.equal(mcsv.length, 55, 'a header, 53 areas, the last line ended');
  // The date as ISO writes it, not as the page does.
  assert.match(mcsv.find((l) => l.startsWith('France (FRA),')), /,On time,\d{4}-\d{2}-\d{2},/);
  assert.ok(mcsv.find((l) => l.startsWith('Portugal (PRT),')).includes(',Missing,,'));

  // The table draws nothing: only its CSV is offered, filtered as shown.
  await showView(page, 'table');
  const shown = await inWidget(page, `return ['png', 'svg', 'csv'].map((k) => root.querySelector('[data-action="export:' + k + '"]').hidden);`);
  assert.deepEqual(shown, [true, true, false]);
  await shot(page, 'reporting-table-download');
  await inWidget(page, `const s = root.querySelector('.kw-status-filter'); s.value = 'late'; s.dispatchEvent(new Event('change'));`);
  const tcsv = (await check('csv', 'kyoto-reporting-table-2026.csv')).body.toString().split('\r\n');
  assert.equal(tcsv.length, 15, 'a header, the 13 areas late, the last line ended');
  // Egypt's questionnaire on time is said beside its late voluntary report.
  assert.ok(tcsv.slice(1, 14).every((l) => cells(l).some((c) => c === 'Late' || c.startsWith('Late ('))), tcsv.join('\n'));
  assert.ok(tcsv.some((l) => l.startsWith('Egypt (EGY),') && cells(l).includes('Late (Questionnaire: On time)')), tcsv.join('\n'));

  // A question in 2024: States and other respondents.
  await showView(page, 'questions');
  await inWidget(page, `const s = root.querySelector('.kw-cycle'); s.value = '2024'; s.dispatchEvent(new Event('change'));`);
  await inWidget(page, `const s = root.querySelector('.kw-question'); s.value = 'Q-I-2'; s.dispatchEvent(new Event('change'));`);
  await nextFrame(page, 2);
  const qshown = await inWidget(page, `return ['png', 'svg'].map((k) => root.querySelector('[data-action="export:' + k + '"]').hidden);`);
  assert.deepEqual(qshown, [false, false]);
  const qpng = await check('png', 'kyoto-reporting-question-Q-I-2-2024.png');
  assert.equal(pngSize(qpng.body).width, (await cssWidth()) * 2);
  const qsvg = (await check('svg', 'kyoto-reporting-question-Q-I-2-2024.svg')).body.toString();
  assert.ok(qsvg.includes('>\nQ-I-2: answers in 2024, States and other respondents\n</text>'), 'the caption');
  const qcsv = (await check('csv', 'kyoto-reporting-question-Q-I-2-2024.csv')).body.toString();
  assert.equal(qcsv, 'Answer,States,Other respondents\r\nFully,9,0\r\nPartly,14,2\r\nNot at all,6,1\r\nAll answers,29,3\r\n');
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-reporting').handle.tableCsv()), qcsv);
  assert.deepEqual(problems, []);
  await page.close();
});

test('downloads in Arabic: the words translated, the numbers plain, the PNG drawn by the browser', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html?lang=ar`);
  await loaded(page);
  await showView(page, 'map');
  await shot(page, 'reporting-toolbar-ar');
  const png = await exportFile(page, TAG, 'png', { as: 'ar' });
  assert.equal(png.name, 'kyoto-reporting-map-2026.png');
  assert.equal(pngSize(png.body).width, (await inWidget(page, `return root.querySelector('canvas').clientWidth;`)) * 2);
  const svg = (await exportFile(page, TAG, 'svg', { as: 'ar' })).body.toString();
  assert.ok(svg.includes('\u2068في الموعد\u2069'), 'the legend in Arabic, isolated');
  await showView(page, 'overview');
  const csv = (await exportFile(page, TAG, 'csv', { as: 'ar' })).body.toString().split('\r\n');
  assert.equal(cells(csv[0])[0], 'الركيزة');
  assert.deepEqual(cells(csv.find((l) => l.startsWith('II,2026,'))).slice(0, 12), ['II', '2026', '22', '3', '25', '18', '7', '0', '19', '7', '6', '0']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('downloads in dark: the SVG and the PNG in the dark palette', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/reporting.html?theme=dark`);
  await loaded(page);
  await shot(page, 'reporting-toolbar-dark');
  const svg = (await exportFile(page, TAG, 'svg', { as: 'dark' })).body.toString();
  assert.match(svg, /^<svg [^>]*>\n<rect x="0" y="0" width="\d+" height="\d+" opacity="1" fill="#181B1F" stroke="none"\/>/);
  // The PNG's first pixel, decoded by the browser: the dark background.
  const png = (await exportFile(page, TAG, 'png', { as: 'dark' })).body.toString('base64');
  const pixel = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return [...g.getImageData(1, 1, 1, 1).data].slice(0, 3);
  }, png);
  assert.deepEqual(pixel, [24, 27, 31]);
  assert.deepEqual(problems, []);
  await page.close();
});
