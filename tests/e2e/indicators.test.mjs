// <kyoto-indicators> in Chromium under the strict CSP: the statuses of the
// fixture's indicators as tests/indicators.rs asserts them natively (the
// progress sample, which is the fixture as one JSON document, and the .xlsx
// workbook), the pillar, breakdown and area selects (one pillar by the
// attribute, the menu or mount()'s options; its summary, table and
// downloads; in Arabic and at 360 px), the keyboard (arrow keys
// between rows, Enter drills down, Escape returns to the same row), the
// method on request, the table mirror, the announcements, the downloads
// (PNG at 2x, SVG, CSV of the view shown); screenshots of the overview in
// light, dark and Arabic and of a drill-down; pillar IV's heading whole at
// 360 and 600 px, in English and Arabic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open, chartPixels, shot, exportFile, pngSize } from './harness.mjs';
import { STRICT_CSP } from '../../tools/serve.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RULES = require('axe-core').getRules(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).map((r) => r.ruleId);

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '..', 'fixtures', 'progress');

/** The area menu of the fixture's data: the regions, then the countries by name. */
const AREAS_EN = ['World (001)', 'Europe (150)', 'Brazil (BRA)', 'Germany (DEU)', 'Ghana (GHA)', 'India (IND)',
  'Japan (JPN)', 'Kenya (KEN)', 'Mexico (MEX)', 'Peru (PER)', 'Romania (ROU)', 'Senegal (SEN)', 'Ukraine (UKR)'];

const routes = {
  '/t/indicators.html': (req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const attrs = ['src', 'theme', 'lang', 'area', 'breakdown', 'indicator', 'pillar']
      .filter((a) => q.has(a)).map((a) => ` ${a}="${q.get(a)}"`).join('');
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
      .end(`<!doctype html><html lang="en"><title>indicators</title><link rel="icon" href="/favicon.svg">
<script type="module" src="/pkg/kyoto.js"></script>
<body><main><kyoto-indicators${attrs}></kyoto-indicators></main></body>`);
  },
  // axe-core is injected as an inline script: this page has no CSP.
  '/t/indicators-axe.html': (req, res) => {
    const lang = new URL(req.url, 'http://x').searchParams.get('lang') || 'en';
    res.writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><title>indicators</title><link rel="icon" href="/favicon.svg">
<script type="module" src="/pkg/kyoto.js"></script><main><kyoto-indicators></kyoto-indicators></main>`);
  },
  '/fixtures/progress/kyoto-progress.xlsx': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
      .end(fs.readFileSync(path.join(FIXTURES, 'kyoto-progress.xlsx')));
  },
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

/** Every indicator's status, as tests/indicators.rs lists it (the fixture's README). */
const STATUSES = {
  'I-1': 'moderate', 'I-2': 'on-track', 'I-3': 'stagnation-or-regression',
  'II-1': 'moderate', 'II-2': 'stagnation-or-regression', 'II-3': 'moderate',
  'III-1': 'on-track', 'III-2': 'moderate', 'III-3': 'stagnation-or-regression',
  'IV-1': 'on-track', 'IV-2': 'stagnation-or-regression', 'IV-3': 'moderate',
};
const LATEST = {
  'I-1': [5.6, '2023'], 'I-2': [75, '2024'], 'I-3': [23.3, '2024'], 'II-1': [30.2, '2023'],
  'II-2': [39, '2022-2023'], 'II-3': [104, '2024'], 'III-1': [15, '2024'], 'III-2': [47, '2024'],
  'III-3': [53.5, '2023'], 'IV-1': [60.5, '2024-Q2'], 'IV-2': [1750, '2023'], 'IV-3': [76, '2025'],
};

/** Opens the test page with the given attributes and waits until the widget drew its data. */
async function openWidget(params = {}, file = 'indicators.html') {
  const q = new URLSearchParams(params).toString();
  const { page, problems } = await open(ctx, `${ctx.url}t/${file}${q ? `?${q}` : ''}`);
  await page.waitForFunction(() => {
    const el = document.querySelector('kyoto-indicators');
    return el?.handle && el.shadowRoot?.querySelector('.kw')?.getAttribute('aria-busy') === null
      && el.handle.statuses().length > 0;
  });
  await chartPixels(page, 'kyoto-indicators');
  return { page, problems };
}

const statuses = (page) => page.evaluate(() => Object.fromEntries(
  document.querySelector('kyoto-indicators').handle.statuses().map((s) => [s.id, s.status])));
const inShadow = (page, fn) => page.evaluate((f) => new Function('root', 'el', f)(
  document.querySelector('kyoto-indicators').shadowRoot, document.querySelector('kyoto-indicators')), fn);

test('the fixture as JSON (the sample) and as a workbook gives the statuses asserted natively', async () => {
  for (const params of [{}, { src: '/fixtures/progress/kyoto-progress.xlsx' }]) {
    const { page, problems } = await openWidget(params);
    assert.deepEqual(await statuses(page), STATUSES, JSON.stringify(params));
    // The sample says its figures are invented; a src's do not.
    const note = await inShadow(page, `const n = root.querySelector('.kw-sample'); return n.hidden ? null : n.textContent;`);
    assert.equal(note, params.src ? null : 'Illustrative sample: these values, answers and reports are invented; no State reported them.');
    const latest = await page.evaluate(() => Object.fromEntries(
      document.querySelector('kyoto-indicators').handle.statuses().map((s) => [s.id, [s.latest, s.period]])));
    assert.deepEqual(latest, LATEST);
    // The table mirrors the rows drawn, with each status in words.
    const table = await inShadow(page, `return [...root.querySelectorAll('table tbody tr')].map((r) => [...r.children].map((c) => c.textContent));`);
    assert.equal(table.length, 12);
    assert.deepEqual(table[0], ['I-1 · Victims of intentional homicide (per 100,000 population)', '5.6 (2023)', '6.2 (2015)', '3.1 (2030)', 'Moderate progress']);
    assert.equal(table.filter((r) => r[4] === 'On track').length, 3);
    assert.equal(table.filter((r) => r[4] === 'Stagnation or regression').length, 4);
    const summary = await inShadow(page, `return root.querySelector('.kw-note').textContent;`);
    assert.equal(summary, 'World · Total: on track 3, moderate progress 5, stagnation or regression 4, not assessed 0');
    // One button per row, on the row drawn.
    const rows = await inShadow(page, `const c = root.querySelector('canvas').getBoundingClientRect();
      return [...root.querySelectorAll('ol button')].map((b) => { const r = b.getBoundingClientRect(); return { id: b.dataset.id, x: r.left - c.left, y: r.top - c.top, h: r.height }; });`);
    const rects = await page.evaluate(() => document.querySelector('kyoto-indicators').handle.rowRects());
    assert.equal(rows.length, 12);
    rows.forEach((b, i) => {
      assert.equal(b.id, rects[i].id);
      assert.ok(Math.abs(b.y - rects[i].y) < 1 && Math.abs(b.h - rects[i].height) < 1, `row ${b.id} placed on its rectangle`);
    });
    if (!params.src) await shot(page, 'indicators-overview');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('a breakdown and an area chosen in the page give their own statuses, announced', async () => {
  const { page, problems } = await openWidget();
  // Areas by name in the page's language, regions first.
  const areas = await inShadow(page, `return [...root.querySelectorAll('select')[1].options].map((o) => o.textContent);`);
  assert.deepEqual(areas, AREAS_EN);
  const { page: fr } = await openWidget({ lang: 'fr' });
  const french = await inShadow(fr, `return [...root.querySelectorAll('select')[1].options].map((o) => o.textContent);`);
  assert.deepEqual(french.slice(0, 5), ['Monde (001)', 'Europe (150)', 'Allemagne (DEU)', 'Brésil (BRA)', 'Ghana (GHA)']);
  await fr.close();
  const offered = await inShadow(page, `return [...root.querySelectorAll('select')[2].options].map((o) => o.value);`);
  assert.deepEqual(offered, ['total', 'age=15-19', 'age=20-24', 'age=60+', 'location=rural', 'location=urban', 'sex=female', 'sex=male']);
  await page.locator('kyoto-indicators select').nth(2).selectOption('sex=female');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.statuses()[0].status === 'on-track');
  const female = await statuses(page);
  assert.deepEqual(Object.entries(female).filter(([, s]) => s), [['I-1', 'on-track'], ['II-1', 'moderate']]);
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').shadowRoot.querySelector('[aria-live]').textContent.length > 0);
  const said = await inShadow(page, `return root.querySelector('[aria-live]').textContent;`);
  assert.equal(said, 'World · Female: on track 1, moderate progress 1, stagnation or regression 0, not assessed 10');
  await page.locator('kyoto-indicators select').nth(2).selectOption('total');
  await page.locator('kyoto-indicators select').nth(1).selectOption('BRA');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.statuses()[0].latest === 20.6);
  const brazil = await statuses(page);
  assert.equal(brazil['I-1'], 'moderate');
  assert.equal(brazil['I-2'], null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the Open file button opens the file picker once, with no error', async () => {
  const { page, problems } = await openWidget();
  let choosers = 0;
  page.on('filechooser', () => { choosers += 1; });
  const chooser = page.waitForEvent('filechooser');
  await page.locator('kyoto-indicators button[data-action="file:open"]').click();
  assert.equal((await chooser).isMultiple(), true, 'the tables may be picked together');
  await page.waitForTimeout(200);
  assert.equal(choosers, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard moves between rows, Enter drills down, Escape returns to the same row', async () => {
  const { page, problems } = await openWidget();
  // One tab stop for the list: Tab from the toolbar's last control lands on the first row.
  await page.locator('kyoto-indicators button[data-action="file:open"]').focus();
  await page.keyboard.press('Tab');
  const focused = () => inShadow(page, `return root.activeElement?.dataset?.id ?? root.activeElement?.tagName;`);
  assert.equal(await focused(), 'I-1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'I-2');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'IV-3');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.view() === 'indicator:I-1');
  // The drill-down: every observation of the World in the table, the method on request.
  const table = await inShadow(page, `return [...root.querySelectorAll('table tbody tr')].map((r) => [...r.children].map((c) => c.textContent));`);
  assert.deepEqual(table.map((r) => r.slice(0, 4)), [
    ['Total', '2015', '6.2', 'Normal'], ['Total', '2017', '6', 'Normal'], ['Total', '2019', '5.8', 'Normal'],
    ['Total', '2021', '5.8', 'Normal'], ['Total', '2023', '5.6', 'Provisional'],
    ['Female', '2015', '2.3', 'Estimated'], ['Female', '2019', '2.2', 'Estimated'], ['Female', '2023', '2.1', 'Estimated'],
    ['Male', '2015', '10.1', 'Estimated'], ['Male', '2019', '9.4', 'Estimated'], ['Male', '2023', '9.1', 'Estimated'],
  ]);
  const notes = await inShadow(page, `return [...root.querySelectorAll('details .kw-note')].map((p) => p.textContent);`);
  assert.ok(notes.includes('SDG indicator 16.1.1') && notes.includes('Source: UNODC Homicide Statistics'), notes.join(' | '));
  await page.locator('kyoto-indicators details summary').first().click();
  const method = await inShadow(page, `const d = root.querySelector('details'); return { open: d.open, text: d.textContent };`);
  assert.ok(method.open);
  assert.match(method.text, /How is this status computed\?/);
  assert.match(method.text, /Ratio0\.3629/);
  assert.match(method.text, /Actual change per year-0\.075/);
  assert.match(method.text, /moderate progress: ratio of actual to required progress 0\.36/);
  assert.match(method.text, /Female: On track/);
  await shot(page, 'indicators-drill-down');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.view() === 'overview');
  assert.equal(await focused(), 'I-1');
  assert.deepEqual(problems, []);
  await page.close();
});

test('dark and Arabic: drawn in their colours and direction, the words translated', async () => {
  const dark = await openWidget({ theme: 'dark' });
  const bg = await dark.page.evaluate(() => {
    const c = document.querySelector('kyoto-indicators').shadowRoot.querySelector('canvas');
    return [...c.getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3);
  });
  assert.deepEqual(bg, [24, 27, 31]);
  await shot(dark.page, 'indicators-overview-dark');
  assert.deepEqual(dark.problems, []);
  await dark.page.close();

  const ar = await openWidget({ lang: 'ar' });
  assert.deepEqual(await statuses(ar.page), STATUSES);
  const dir = await inShadow(ar.page, `return root.querySelector('.kw').getAttribute('dir');`);
  assert.equal(dir, 'rtl');
  const cells = await inShadow(ar.page, `return [...root.querySelectorAll('table tbody tr')].map((r) => r.lastElementChild.textContent);`);
  assert.equal(cells.filter((c) => c === 'على المسار الصحيح').length, 3);
  // Right to left: a row's title is drawn at the right, its badge at the left.
  const rect = (await ar.page.evaluate(() => document.querySelector('kyoto-indicators').handle.rowRects()))[0];
  assert.ok(rect.width > 300);
  await shot(ar.page, 'indicators-overview-ar');
  assert.deepEqual(ar.problems, []);
  await ar.page.close();
});

test('the method is explained in the widget\'s language and digits, not marked English', async () => {
  const fr = await openWidget({ lang: 'fr', indicator: 'I-1' });
  await fr.page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.view() === 'indicator:I-1');
  const lines = await inShadow(fr.page, `return [...root.querySelectorAll('details p.kw-note')]
    .map((p) => ({ text: p.textContent, english: p.closest('[lang="en"]') !== null || p.querySelector('[lang]') !== null }));`);
  const total = lines.find((l) => l.text.startsWith('progrès modérés : rapport'));
  assert.ok(total, JSON.stringify(lines));
  assert.equal(total.text, 'progrès modérés : rapport entre progrès constatés et progrès nécessaires 0,36 (en bonne voie à partir de 0,95, '
    + 'progrès modérés à partir de 0,1) ; référence 6,2 en 2015, dernière valeur 5,6 en 2023, cible 3,1 en 2030, sens du progrès : baisse ; '
    + 'variation annuelle constatée -0,075, nécessaire -0,2067');
  assert.deepEqual(lines.filter((l) => l.english), []);
  assert.deepEqual(fr.problems, []);
  await fr.page.close();
});

test('axe finds nothing to fix in the overview and a drill-down, in English and Arabic', async () => {
  for (const lang of ['en', 'ar']) {
    const { page, problems } = await openWidget({ lang }, 'indicators-axe.html');
    await page.addScriptTag({ content: AXE });
    for (const view of [null, 'I-1']) {
      await page.evaluate((id) => document.querySelector('kyoto-indicators').handle.open(id), view);
      // The method and the table opened, so that what they hold is checked too.
      await page.evaluate(() => document.querySelector('kyoto-indicators').shadowRoot.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const violations = await page.evaluate(async (rules) => {
        const r = await window.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }, RULES);
      assert.deepEqual(violations, [], `${lang} ${view ?? 'overview'}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('a workbook chosen from the computer is read like a src, through the workbook module', async () => {
  const { page, problems } = await openWidget();
  const updated = page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('kyoto-indicators');
    for (const type of ['kyoto:updated', 'kyoto:error']) el.addEventListener(type, (e) => resolve({ type, detail: e.detail }), { once: true });
  }));
  await page.locator('kyoto-indicators input[type=file]').setInputFiles(path.join(FIXTURES, 'kyoto-progress.xlsx'));
  const { type, detail } = await updated;
  assert.equal(type, 'kyoto:updated', JSON.stringify(detail));
  // The workbook's bad rows, which the sample does not have.
  assert.equal(detail.errors, 23);
  assert.deepEqual(await statuses(page), STATUSES);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the five tables chosen together as CSV files, one a table, read as the workbook is', async () => {
  const { page, problems } = await openWidget();
  const updated = page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('kyoto-indicators');
    for (const type of ['kyoto:updated', 'kyoto:error']) el.addEventListener(type, (e) => resolve({ type, detail: e.detail }), { once: true });
  }));
  const tables = ['indicators', 'indicator_data', 'questions', 'responses', 'reports'];
  await page.locator('kyoto-indicators input[type=file]').setInputFiles(tables.map((t) => path.join(FIXTURES, `${t}.csv`)));
  const { type, detail } = await updated;
  assert.equal(type, 'kyoto:updated', JSON.stringify(detail));
  // The fixture's rows and problems, as from the workbook (tests/progress.rs).
  assert.equal(detail.rowsRead, 15 + 113 + 15 + 1673 + 262);
  assert.deepEqual([detail.errors, detail.warnings], [23, 8]);
  assert.deepEqual(await statuses(page), STATUSES);
  // A problem names the file it is in.
  assert.ok(detail.problems.some((p) => p.sheet === 'indicator_data.csv' && p.table === 'indicator_data'), JSON.stringify(detail.problems.slice(0, 2)));
  await shot(page, 'indicators-five-csv');
  assert.deepEqual(problems, []);
  await page.close();
});

/** What the CSV download of the overview holds (World, total): its header and some rows. */
const OVERVIEW_CSV = [
  'Pillar,Indicator,Name,Unit,Area,Breakdown,Latest value,Period of the latest value,Baseline,Period of the baseline,Target,Target year,Status',
  'I,I-1,Victims of intentional homicide,"per 100,000 population",World,Total,5.6,2023,6.2,2015,3.1,2030,Moderate progress',
];

test('downloads: PNG at 2x, SVG and CSV of the overview and of a drill-down, each told by kyoto:export', async () => {
  const { page, problems } = await openWidget();
  const TAG = 'kyoto-indicators';
  // The chart's group of buttons: the format as text, what it does as the name.
  const group = await inShadow(page, `const g = root.querySelector('[data-action="export:png"]').parentElement;
    return { role: g.getAttribute('role'), label: g.getAttribute('aria-label'),
      buttons: [...g.children].map((b) => [b.type, b.textContent, b.getAttribute('aria-label'), b.title]) };`);
  assert.deepEqual(group, {
    role: 'group', label: 'Download',
    buttons: [
      ['button', 'PNG', 'Download the view shown as PNG (2x, for slides)', 'Download the view shown as PNG (2x, for slides)'],
      ['button', 'SVG', 'Download the view shown as SVG', 'Download the view shown as SVG'],
      ['button', 'CSV', 'Download the numbers shown as CSV', 'Download the numbers shown as CSV'],
    ],
  });
  const cssWidth = async () => inShadow(page, `return root.querySelector('canvas').clientWidth;`);
  const overviewWidth = await cssWidth();

  const png = await exportFile(page, TAG, 'png');
  assert.equal(png.name, 'kyoto-indicators-overview.png');
  assert.deepEqual(png.detail, { file: 'kyoto-indicators-overview.png' });
  assert.equal(pngSize(png.body).width, overviewWidth * 2, 'the PNG is twice the CSS width');
  const svg = await exportFile(page, TAG, 'svg');
  assert.equal(svg.name, 'kyoto-indicators-overview.svg');
  assert.deepEqual(svg.detail, { file: 'kyoto-indicators-overview.svg' });
  const svgText = svg.body.toString();
  assert.match(svgText, /^<svg /);
  assert.ok(svgText.includes('>\nWorld · Total\n</text>'), 'the caption');
  assert.ok(svgText.includes('I-1 · Victims of intentional homicide'), 'a row');
  const csv = await exportFile(page, TAG, 'csv');
  assert.equal(csv.name, 'kyoto-indicators-overview.csv');
  assert.deepEqual(csv.detail, { file: 'kyoto-indicators-overview.csv' });
  const lines = csv.body.toString().split('\r\n');
  assert.deepEqual(lines.slice(0, 2), OVERVIEW_CSV);
  assert.equal(lines[10], 'IV,IV-1,Mutual legal assistance requests executed within six months,%,World,Total,60.5,2024-Q2,48,2018,75,2030,On track');
  assert.equal(lines.length, 14, 'a header, 12 rows, the last line ended');

  // A drill-down: its own file names and figures. The buttons answer the keyboard.
  await page.evaluate(() => document.querySelector('kyoto-indicators').handle.open('I-1'));
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.view() === 'indicator:I-1');
  const detailWidth = await cssWidth();
  const dpng = await exportFile(page, TAG, 'png', { key: 'Enter' });
  assert.equal(dpng.name, 'kyoto-indicators-I-1.png');
  assert.deepEqual(dpng.detail, { file: 'kyoto-indicators-I-1.png' });
  assert.equal(pngSize(dpng.body).width, detailWidth * 2);
  const dsvg = await exportFile(page, TAG, 'svg', { key: ' ' });
  assert.equal(dsvg.name, 'kyoto-indicators-I-1.svg');
  assert.match(dsvg.body.toString(), /^<svg /);
  assert.ok(dsvg.body.toString().includes('>\nI-1 · Victims of intentional homicide\n</text>'), 'the title');
  const dcsv = await exportFile(page, TAG, 'csv', { key: 'Enter' });
  assert.equal(dcsv.name, 'kyoto-indicators-I-1.csv');
  assert.deepEqual(dcsv.body.toString().split('\r\n').slice(0, 7), [
    'Indicator,Area,Breakdown,Period,Value,Status of the value,Comment',
    'I-1,World,Total,2015,6.2,Normal,', 'I-1,World,Total,2017,6,Normal,', 'I-1,World,Total,2019,5.8,Normal,',
    'I-1,World,Total,2021,5.8,Normal,', 'I-1,World,Total,2023,5.6,Provisional,', 'I-1,World,Female,2015,2.3,Estimated,',
  ]);
  assert.equal(dcsv.body.toString().split('\r\n').length, 13);
  assert.deepEqual(problems, []);
  await page.close();
});

test('downloads in Arabic and dark: the words translated, the numbers plain, right to left kept', async () => {
  const { page, problems } = await openWidget({ lang: 'ar', theme: 'dark' });
  const TAG = 'kyoto-indicators';
  const label = await inShadow(page, `return root.querySelector('[data-action="export:csv"]').parentElement.getAttribute('aria-label');`);
  assert.equal(label, 'تنزيل');
  await shot(page, 'indicators-toolbar-ar-dark');
  const cssWidth = await inShadow(page, `return root.querySelector('canvas').clientWidth;`);
  // The browser's canvas shapes Arabic: a PNG in Arabic is drawn (the command line refuses one).
  const png = await exportFile(page, TAG, 'png', { as: 'ar-dark' });
  assert.equal(png.name, 'kyoto-indicators-overview.png');
  assert.equal(pngSize(png.body).width, cssWidth * 2);
  const svg = (await exportFile(page, TAG, 'svg', { as: 'ar-dark' })).body.toString();
  assert.match(svg, /^<svg /);
  // The caption, isolated so that it reads right to left on the SVG's left-to-right surface.
  assert.ok(svg.includes('\u2068العالم · المجموع\u2069'), 'the Arabic caption');
  const csv = (await exportFile(page, TAG, 'csv', { as: 'ar-dark' })).body.toString().split('\r\n');
  assert.ok(csv[0].startsWith('الركيزة,المؤشر,'), csv[0]);
  assert.ok(csv[1].startsWith('I,I-1,Victims of intentional homicide,"per 100,000 population",العالم,المجموع,5.6,2023,6.2,2015,3.1,2030,'), csv[1]);
  assert.deepEqual(problems, []);
  await page.close();
});

/** The fixture's pillar II: its indicators and statuses (tests/indicators.rs). */
const PILLAR_II = { 'II-1': 'moderate', 'II-2': 'stagnation-or-regression', 'II-3': 'moderate' };
const SUMMARY_II = 'Pillar II · World · Total: on track 0, moderate progress 2, stagnation or regression 1, not assessed 0';
const PILLAR_OPTIONS_EN = ['All pillars', 'Pillar I', 'Pillar II', 'Pillar III', 'Pillar IV'];

/** The detail of the widget's next kyoto:select, listened for before `act` runs. */
async function nextSelect(page, act) {
  await page.evaluate(() => {
    window.nextSelect = new Promise((resolve) => document.querySelector('kyoto-indicators')
      .addEventListener('kyoto:select', (e) => resolve(e.detail), { once: true }));
  });
  await act();
  return page.evaluate(() => window.nextSelect);
}

/** The Pillar menu: its label, value and options' texts. */
const pillarMenu = (page) => inShadow(page, `const s = root.querySelector('select');
  return { label: s.closest('label').firstChild.textContent, value: s.value, hidden: s.closest('label').hidden,
    options: [...s.options].map((o) => o.textContent), lang: [...s.options].map((o) => o.getAttribute('lang')) };`);
const summaryOf = (page) => inShadow(page, `return root.querySelector('.kw-note').textContent;`);
const tableRows = (page) => inShadow(page, `return [...root.querySelectorAll('table tbody tr')].map((r) => r.firstElementChild.textContent);`);

test('the pillar attribute shows one pillar: its rows, summary, table and breakdowns, I-IV or 1-4 as the chart reads them', async () => {
  const { page, problems } = await openWidget({ pillar: 'II' });
  assert.deepEqual(await statuses(page), PILLAR_II);
  assert.equal(await summaryOf(page), SUMMARY_II);
  assert.deepEqual((await tableRows(page)).map((t) => t.split(' · ')[0]), ['II-1', 'II-2', 'II-3']);
  const caption = await inShadow(page, `return root.querySelector('table caption').textContent;`);
  assert.equal(caption, SUMMARY_II);
  assert.deepEqual(await pillarMenu(page), {
    label: 'Pillar', value: 'II', hidden: false, options: PILLAR_OPTIONS_EN, lang: [null, null, null, null, null],
  });
  // One button per row drawn: the pillar's three.
  const buttons = await inShadow(page, `return [...root.querySelectorAll('ol button')].map((b) => b.dataset.id);`);
  assert.deepEqual(buttons, ['II-1', 'II-2', 'II-3']);
  // The breakdowns offered are the pillar's (II-1 by sex; I-2 and I-3's ages and locations are not).
  const offered = await inShadow(page, `return [...root.querySelectorAll('select')[2].options].map((o) => o.value);`);
  assert.deepEqual(offered, ['total', 'sex=female', 'sex=male']);
  await shot(page, 'indicators-pillar-II');
  assert.deepEqual(problems, []);
  await page.close();
  // Pillar::parse, as <kyoto-pillar-chart pillar=…> reads it: numerals, numbers, any case.
  for (const [pillar, ids] of [['2', Object.keys(PILLAR_II)], ['iv', ['IV-1', 'IV-2', 'IV-3']], ['Pillar III', ['III-1', 'III-2', 'III-3']],
    ['V', Object.keys(STATUSES)], ['', Object.keys(STATUSES)]]) {
    const o = await openWidget({ pillar });
    assert.deepEqual(Object.keys(await statuses(o.page)), ids, `pillar="${pillar}"`);
    assert.deepEqual(o.problems, []);
    await o.page.close();
  }
});

test('the pillar attribute changed at run time redraws, and says so with kyoto:select', async () => {
  const { page, problems } = await openWidget();
  let event = await nextSelect(page, () => page.evaluate(() => document.querySelector('kyoto-indicators').setAttribute('pillar', 'III')));
  assert.deepEqual(event, { area: '001', pillar: 'III', breakdown: 'total' });
  assert.deepEqual(Object.keys(await statuses(page)), ['III-1', 'III-2', 'III-3']);
  assert.equal((await pillarMenu(page)).value, 'III');
  assert.match(await summaryOf(page), /^Pillar III · World · Total: on track 1,/);
  const rects = await page.evaluate(() => document.querySelector('kyoto-indicators').handle.rowRects().map((r) => r.id));
  assert.deepEqual(rects, ['III-1', 'III-2', 'III-3']);
  event = await nextSelect(page, () => page.evaluate(() => document.querySelector('kyoto-indicators').removeAttribute('pillar')));
  assert.deepEqual(event, { area: '001', pillar: null, breakdown: 'total' });
  assert.deepEqual(await statuses(page), STATUSES);
  assert.equal((await pillarMenu(page)).value, '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the Pillar menu narrows the list from the keyboard, announced, and All pillars brings every row back', async () => {
  const { page, problems } = await openWidget();
  // The first control of the toolbar: Tab from the page reaches it, its label names it.
  await page.keyboard.press('Tab');
  const focused = await inShadow(page, `const a = root.activeElement; return a && [a.tagName, a.closest('label')?.textContent.startsWith('Pillar')];`);
  assert.deepEqual(focused, ['SELECT', true]);
  let event = await nextSelect(page, () => page.keyboard.press('ArrowDown'));
  assert.deepEqual(event, { area: '001', pillar: 'I', breakdown: 'total' });
  assert.deepEqual(Object.keys(await statuses(page)), ['I-1', 'I-2', 'I-3']);
  event = await nextSelect(page, () => page.keyboard.press('ArrowDown'));
  assert.deepEqual(event, { area: '001', pillar: 'II', breakdown: 'total' });
  assert.deepEqual(await statuses(page), PILLAR_II);
  await page.waitForFunction((s) => document.querySelector('kyoto-indicators').shadowRoot.querySelector('[aria-live]').textContent === s, SUMMARY_II);
  // The choice is the widget's, as the area's and the breakdown's: the page's attribute stays as it was.
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-indicators').getAttribute('pillar')), null);
  // The area and the breakdown apply within the pillar.
  await page.locator('kyoto-indicators select').nth(2).selectOption('sex=female');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.statuses()[1].status === null);
  assert.deepEqual(await statuses(page), { 'II-1': 'moderate', 'II-2': null, 'II-3': null });
  // A breakdown the next pillar has no data for stays chosen and shown as such.
  await page.locator('kyoto-indicators select').nth(0).selectOption('III');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.statuses()[0].id === 'III-1');
  const breakdown = await inShadow(page, `const s = root.querySelectorAll('select')[2]; return [s.value, s.selectedOptions[0].textContent];`);
  assert.deepEqual(breakdown, ['sex=female', 'Female']);
  await page.locator('kyoto-indicators select').nth(2).selectOption('total');
  await page.locator('kyoto-indicators select').nth(0).selectOption('');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.statuses().length === 12);
  assert.deepEqual(await statuses(page), STATUSES);
  // A drill-down hides the menu (it narrows the overview) and Escape brings it back.
  await page.evaluate(() => document.querySelector('kyoto-indicators').handle.open('II-1'));
  assert.equal((await pillarMenu(page)).hidden, true);
  await page.evaluate(() => document.querySelector('kyoto-indicators').handle.open(null));
  assert.equal((await pillarMenu(page)).hidden, false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('mount() takes pillar as an option, as the chart does', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/indicators.html`);
  await page.evaluate(async () => {
    document.querySelector('kyoto-indicators').remove();
    const div = document.createElement('div');
    document.querySelector('main').append(div);
    const { mount } = await import('/pkg/kyoto.js');
    window.mounted = mount(div, { kind: 'indicators', pillar: 'IV' });
    await window.mounted.ready;
  });
  await page.waitForFunction(() => window.mounted.statuses?.()?.length > 0);
  assert.deepEqual(await page.evaluate(() => window.mounted.statuses().map((s) => s.id)), ['IV-1', 'IV-2', 'IV-3']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('downloads of one pillar hold that pillar only and are named after it', async () => {
  const { page, problems } = await openWidget({ pillar: 'II' });
  const TAG = 'kyoto-indicators';
  const cssWidth = await inShadow(page, `return root.querySelector('canvas').clientWidth;`);
  const png = await exportFile(page, TAG, 'png');
  assert.equal(png.name, 'kyoto-indicators-overview-II.png');
  assert.deepEqual(png.detail, { file: 'kyoto-indicators-overview-II.png' });
  assert.equal(pngSize(png.body).width, cssWidth * 2);
  const svg = await exportFile(page, TAG, 'svg');
  assert.equal(svg.name, 'kyoto-indicators-overview-II.svg');
  const svgText = svg.body.toString();
  assert.ok(svgText.includes('>\nPillar II · Advancing the criminal justice system\n</text>'), 'the pillar named above its rows');
  assert.ok(svgText.includes('>\nII-1 · Unsentenced detainees'), 'a row of pillar II');
  assert.ok(!/>\nI-1 · |>\nIII-1 · |>\nPillar I · /.test(svgText), 'nothing of another pillar');
  const csv = await exportFile(page, TAG, 'csv');
  assert.equal(csv.name, 'kyoto-indicators-overview-II.csv');
  const lines = csv.body.toString().split('\r\n');
  assert.equal(lines[0], OVERVIEW_CSV[0]);
  assert.deepEqual(lines.slice(1, 4).map((l) => l.split(',').slice(0, 2).join(',')), ['II,II-1', 'II,II-2', 'II,II-3']);
  assert.equal(lines.length, 5, 'a header, 3 rows, the last line ended');
  assert.deepEqual(problems, []);
  await page.close();
});

test('one pillar in Arabic: the menu, the summary and the toolbar right to left', async () => {
  const { page, problems } = await openWidget({ lang: 'ar', pillar: 'II' });
  assert.deepEqual(await statuses(page), PILLAR_II);
  const menu = await pillarMenu(page);
  assert.equal(menu.label, 'الركيزة');
  assert.equal(menu.options[0], 'كل الركائز');
  assert.equal(menu.options[2], 'الركيزة II');
  assert.deepEqual(menu.lang, [null, null, null, null, null]);
  assert.equal(await summaryOf(page), 'الركيزة II · العالم · المجموع: على المسار الصحيح 0، تقدم معتدل 2، ركود أو تراجع 1، لم يُقيَّم 0');
  // Right to left: the Pillar menu, first, is at the right of the Area menu.
  const x = await inShadow(page, `return [...root.querySelectorAll('.kw-toolbar label')].map((l) => l.getBoundingClientRect().right);`);
  assert.ok(x[0] > x[1], `pillar ${x[0]} right of area ${x[1]}`);
  const svg = (await exportFile(page, 'kyoto-indicators', 'svg', { as: 'ar' })).body.toString();
  // The pillar's heading, isolated so that it reads right to left on the SVG's left-to-right surface.
  assert.ok(svg.includes('>\n\u2068الركيزة II · Advancing the criminal justice system\u2069\n</text>'), 'the pillar named in Arabic');
  assert.ok(!svg.includes('الركيزة I ·'), 'no other pillar');
  await shot(page, 'indicators-pillar-II-ar');
  assert.deepEqual(problems, []);
  await page.close();
});

test('at 360 px the toolbar with one pillar chosen stays inside the widget', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/indicators.html?pillar=IV`, (p) => p.setViewportSize({ width: 360, height: 800 }));
  await page.waitForFunction(() => document.querySelector('kyoto-indicators')?.handle?.statuses?.()?.length > 0);
  await chartPixels(page, 'kyoto-indicators');
  assert.deepEqual(await page.evaluate(() => document.querySelector('kyoto-indicators').handle.statuses().map((s) => s.id)), ['IV-1', 'IV-2', 'IV-3']);
  const fit = await page.evaluate(() => {
    const el = document.querySelector('kyoto-indicators');
    const box = el.getBoundingClientRect();
    const controls = [...el.shadowRoot.querySelectorAll('.kw-toolbar label, .kw-toolbar select')].map((c) => c.getBoundingClientRect());
    const canvas = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    const plot = el.shadowRoot.querySelector('.kw-plot').getBoundingClientRect();
    return { page: document.documentElement.scrollWidth, inside: controls.every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5),
      canvas: [canvas.left, canvas.right], plot: [plot.left, plot.right] };
  });
  assert.ok(fit.page <= 360, `the page scrolls sideways: ${fit.page}`);
  assert.ok(fit.inside, 'every menu inside the widget');
  // The drawing within its box (a floor of 320 px drew 20 px past the edge).
  assert.ok(fit.canvas[0] >= fit.plot[0] - 0.5 && fit.canvas[1] <= fit.plot[1] + 0.5, `the drawing ${fit.canvas} inside ${fit.plot}`);
  // A 320 px phone: the plot is 280 px; the drawing stays inside it
  // (a floor of 320 px drew 40 px past the widget's edge).
  await page.setViewportSize({ width: 320, height: 800 });
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').shadowRoot.querySelector('.kw-plot').clientWidth <= 280);
  await page.waitForTimeout(300);
  const narrow = await page.evaluate(() => {
    const root = document.querySelector('kyoto-indicators').shadowRoot;
    const c = root.querySelector('canvas').getBoundingClientRect();
    const p = root.querySelector('.kw-plot').getBoundingClientRect();
    return { canvas: [c.left, c.right], plot: [p.left, p.right], page: document.documentElement.scrollWidth };
  });
  assert.ok(narrow.canvas[0] >= narrow.plot[0] - 0.5 && narrow.canvas[1] <= narrow.plot[1] + 0.5, `at 320 px the drawing ${narrow.canvas} inside ${narrow.plot}`);
  assert.ok(narrow.page <= 320, `the page scrolls sideways at 320 px: ${narrow.page}`);
  await shot(page, 'indicators-pillar-IV-320');
  await shot(page, 'indicators-pillar-IV-360');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the area menu\'s Intl formatters are made once per language, not on each choice', async () => {
  const count = (p) => p.addInitScript(() => {
    window.intlMade = { DisplayNames: 0, Collator: 0 };
    for (const name of ['DisplayNames', 'Collator']) {
      const Made = Intl[name];
      Intl[name] = new Proxy(Made, { construct(target, args) { window.intlMade[name] += 1; return Reflect.construct(target, args); } });
    }
  });
  const { page, problems } = await open(ctx, `${ctx.url}t/indicators.html`, count);
  await page.waitForFunction(() => document.querySelector('kyoto-indicators')?.handle?.statuses?.()?.length > 0);
  const made = () => page.evaluate(() => ({ ...window.intlMade }));
  const first = await made();
  assert.ok(first.DisplayNames >= 1, 'the country names are the browser\'s');
  for (const area of ['BRA', 'ROU', '001']) {
    await page.locator('kyoto-indicators select').nth(1).selectOption(area);
    await page.waitForFunction((a) => document.querySelector('kyoto-indicators').shadowRoot.querySelectorAll('select')[1].value === a, area);
  }
  await page.locator('kyoto-indicators select').nth(2).selectOption('sex=female');
  await page.locator('kyoto-indicators select').nth(0).selectOption('I');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.statuses().length === 3);
  assert.deepEqual(await made(), first, 'no formatter made again on a choice');
  // A new language: its names, made once, the menu in that language (pillar I's areas).
  await page.evaluate(() => document.querySelector('kyoto-indicators').setAttribute('lang', 'fr'));
  await page.waitForFunction(() => [...document.querySelector('kyoto-indicators').shadowRoot.querySelectorAll('select')[1].options]
    .some((o) => o.textContent === 'Roumanie (ROU)'));
  const french = await made();
  assert.ok(french.DisplayNames > first.DisplayNames);
  // Another pillar fills the menu again with the names made.
  await page.locator('kyoto-indicators select').nth(1).selectOption('ROU');
  await page.locator('kyoto-indicators select').nth(0).selectOption('II');
  await page.waitForFunction(() => document.querySelector('kyoto-indicators').handle.statuses()[0].id === 'II-1');
  assert.deepEqual(await made(), french);
  assert.deepEqual(problems, []);
  await page.close();
});

test('pillar IV\'s full heading wraps at 360 and 600 px, in English and Arabic, never cut', async () => {
  const HEADING = 'Promoting international cooperation and technical assistance to prevent and address all forms of crime';
  for (const lang of ['en', 'ar']) {
    for (const width of [360, 600]) {
      const { page, problems } = await open(ctx, `${ctx.url}t/indicators.html?pillar=IV&lang=${lang}`, (p) => p.setViewportSize({ width, height: 900 }));
      await page.waitForFunction(() => document.querySelector('kyoto-indicators')?.handle?.statuses?.()?.length > 0);
      await chartPixels(page, 'kyoto-indicators');
      const canvasWidth = await inShadow(page, `return root.querySelector('canvas').clientWidth;`);
      // The heading as drawn: the SVG download is the same layout as the canvas.
      const svg = (await exportFile(page, 'kyoto-indicators', 'svg', { as: `${lang}-${width}` })).body.toString();
      const texts = [...svg.matchAll(/<text([^>]*)>\n([^<]*)\n<\/text>/g)].map(([, a, t]) => ({
        text: t.replace(/[\u2068\u2069]/g, ''),
        size: a.match(/font-size="([^"]+)"/)?.[1],
        family: a.match(/font-family="([^"]+)"/)?.[1] ?? 'sans-serif',
        x: Number(a.match(/ x="([^"]+)"/)?.[1]),
        end: /text-anchor="end"/.test(a),
      }));
      const first = texts.findIndex((t) => / IV · /.test(t.text));
      assert.ok(first >= 0, `${lang} ${width}: the heading is drawn`);
      const lines = [];
      for (let i = first; i < texts.length && texts[i].size === texts[first].size; i++) lines.push(texts[i]);
      const label = lang === 'ar' ? 'الركيزة IV' : 'Pillar IV';
      assert.equal(lines.map((l) => l.text).join(' '), `${label} · ${HEADING}`, `${lang} ${width}: the heading whole`);
      assert.ok(lines.every((l) => !l.text.includes('…')), `${lang} ${width}: no line cut`);
      // Each line fits the canvas as the browser measures its text.
      const widths = await page.evaluate((ls) => {
        const c = document.createElement('canvas').getContext('2d');
        return ls.map((l) => { c.font = `${l.size}px ${l.family}`; return c.measureText(l.text).width; });
      }, lines);
      lines.forEach((l, i) => {
        const [left, right] = l.end ? [l.x - widths[i], l.x] : [l.x, l.x + widths[i]];
        assert.ok(left >= 0 && right <= canvasWidth, `${lang} ${width}: "${l.text}" ${left}-${right} outside 0-${canvasWidth}`);
      });
      await shot(page, `indicators-pillar-IV-heading-${lang}-${width}`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});

/** The Area menu: its value and options' texts. */
const areaMenu = (page) => inShadow(page, `const s = root.querySelectorAll('select')[1];
  return { value: s.value, options: [...s.options].map((o) => o.textContent) };`);
const noticesOf = (page) => inShadow(page, `const l = root.querySelector('.kw-notices'); return l.hidden ? [] : [...l.children].map((li) => li.textContent);`);

test('the Area menu lists the areas with data in the pillar shown, filled again when the pillar changes', async () => {
  const { page, problems } = await openWidget({ pillar: 'III' });
  // The sample's pillar III has data for the World, Senegal and Ukraine only.
  assert.deepEqual(await areaMenu(page), { value: '001', options: ['World (001)', 'Senegal (SEN)', 'Ukraine (UKR)'] });
  await nextSelect(page, () => page.locator('kyoto-indicators select').nth(0).selectOption(''));
  assert.deepEqual((await areaMenu(page)).options, AREAS_EN);
  // Japan has data for pillar I only: chosen, then pillar III.
  await nextSelect(page, () => page.locator('kyoto-indicators select').nth(1).selectOption('JPN'));
  let event = await nextSelect(page, () => page.locator('kyoto-indicators select').nth(0).selectOption('III'));
  assert.deepEqual(event, { area: '001', pillar: 'III', breakdown: 'total' });
  assert.deepEqual(await areaMenu(page), { value: '001', options: ['World (001)', 'Senegal (SEN)', 'Ukraine (UKR)'] });
  assert.deepEqual(await statuses(page), { 'III-1': 'on-track', 'III-2': 'moderate', 'III-3': 'stagnation-or-regression' });
  const said = 'Pillar III: no data for Japan (JPN); showing World (001). '
    + 'Pillar III · World · Total: on track 1, moderate progress 1, stagnation or regression 1, not assessed 0';
  assert.equal(await summaryOf(page), said);
  await page.waitForFunction((s) => document.querySelector('kyoto-indicators').shadowRoot.querySelector('[aria-live]').textContent === s, said);
  // The table's caption is the figures' only.
  assert.equal(await inShadow(page, `return root.querySelector('table caption').textContent;`), said.split('. ')[1]);
  // Japan stays the reader's choice: a pillar with its data shows it again.
  event = await nextSelect(page, () => page.locator('kyoto-indicators select').nth(0).selectOption('I'));
  assert.deepEqual(event, { area: 'JPN', pillar: 'I', breakdown: 'total' });
  assert.deepEqual(await areaMenu(page), { value: 'JPN', options: ['World (001)', 'Europe (150)', 'Brazil (BRA)', 'Japan (JPN)', 'Kenya (KEN)', 'Romania (ROU)'] });
  assert.match(await summaryOf(page), /^Pillar I · JPN · Total: /);
  // The pillar attribute fills the menu again too.
  await nextSelect(page, () => page.evaluate(() => document.querySelector('kyoto-indicators').setAttribute('pillar', 'IV')));
  assert.deepEqual(await areaMenu(page), { value: '001', options: ['World (001)', 'Ghana (GHA)', 'Peru (PER)'] });
  assert.deepEqual(await noticesOf(page), [], 'a reader\'s choice is no attribute to correct');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an area attribute without data in the pillar shown, or in the data, shows the default and says so', async () => {
  const { page, problems } = await openWidget({ pillar: 'III', area: 'JPN' });
  assert.deepEqual(await areaMenu(page), { value: '001', options: ['World (001)', 'Senegal (SEN)', 'Ukraine (UKR)'] });
  assert.deepEqual(await noticesOf(page), ['area="JPN": the data has no values for this area in pillar III. Showing the World, or the area with the most data in that pillar.']);
  assert.match(await summaryOf(page), /^Pillar III: no data for Japan \(JPN\); showing World \(001\)\. Pillar III · World · /);
  // Every pillar: Japan has data, and the notice goes.
  await nextSelect(page, () => page.evaluate(() => document.querySelector('kyoto-indicators').removeAttribute('pillar')));
  assert.equal((await areaMenu(page)).value, 'JPN');
  assert.deepEqual(await noticesOf(page), []);
  // An area of no data at all, which the widget once replaced without a word.
  await nextSelect(page, () => page.evaluate(() => document.querySelector('kyoto-indicators').setAttribute('area', 'FRA')));
  assert.equal((await areaMenu(page)).value, '001');
  assert.deepEqual(await noticesOf(page), ['area="FRA": the data has no values for this area. Showing the World, or the area with the most data.']);
  assert.deepEqual(problems, []);
  await page.close();
});
