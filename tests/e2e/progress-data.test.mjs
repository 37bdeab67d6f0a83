// Progress data (indicators and reporting tables) reaching the progress
// widgets in the browser, under the strict CSP: a workbook read by the
// workbook module (fetched only then) to the same tables and problems as
// natively (tests/progress.rs), JSON and CSV read without it, the sample
// without src, update() with a workbook's bytes, one download shared by
// <kyoto-indicators> and <kyoto-reporting>, and a chart page that loads
// none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open } from './harness.mjs';
import { STRICT_CSP } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '..', 'fixtures', 'progress');
const TYPES = { '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.ods': 'application/vnd.oasis.opendocument.spreadsheet', '.csv': 'text/csv', '.json': 'application/json' };

/** The fixture's files, and an empty page with kyoto.js under the strict CSP. */
const routes = {
  '/t/empty.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
      .end('<!doctype html><html lang="en"><title>progress</title><link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/kyoto.js"></script><main></main>');
  },
};
/** A progress export that a test changes while a widget polls it. */
const SAMPLE = JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'data', 'sample-progress.json'), 'utf8'));
let liveVersion = 0;
routes['/live/progress.json'] = (req, res) => {
  const doc = structuredClone(SAMPLE);
  if (liveVersion > 0) {
    doc.indicator_data[0].value = '7.7';
    doc.indicator_data.push({ ...doc.indicator_data[1], period: '2029' });
  }
  if (liveVersion > 1) doc.responses.pop();
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(doc));
};
for (const name of fs.readdirSync(FIXTURES)) {
  routes[`/fixtures/progress/${name}`] = (req, res) => {
    res.writeHead(200, { 'content-type': TYPES[path.extname(name)] || 'application/octet-stream' })
      .end(fs.readFileSync(path.join(FIXTURES, name)));
  };
}

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

/** Adds `<tag src=src>` to the page and resolves with the detail of its first kyoto:loaded (or kyoto:error). */
function mountAndWait(page, tag, src) {
  return page.evaluate(([tag, src]) => new Promise((resolve) => {
    const el = document.createElement(tag);
    for (const type of ['kyoto:loaded', 'kyoto:error']) {
      el.addEventListener(type, (e) => resolve({ type, detail: e.detail }), { once: true });
    }
    if (src) el.setAttribute('src', src);
    document.querySelector('main').append(el);
  }), [tag, src]);
}

/** The wasm modules the page has fetched, by name (kyoto_chart, …). */
async function modulesFetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.match(/kyoto_(\w+)_bg\.wasm$/)?.[1]).filter(Boolean).sort());
}

const COUNTS = { indicators: 12, indicator_data: 105, questions: 13, responses: 1666, reports: 259 };

test('a workbook src is read by the workbook module to the tables and problems read natively', async () => {
  for (const file of ['kyoto-progress.xlsx', 'kyoto-progress.ods']) {
    const { page, problems } = await open(ctx, `${ctx.url}t/empty.html`);
    const { type, detail } = await mountAndWait(page, 'kyoto-indicators', `/fixtures/progress/${file}`);
    assert.equal(type, 'kyoto:loaded', JSON.stringify(detail));
    for (const [table, n] of Object.entries(COUNTS)) assert.equal(detail[table], n, `${file} ${table}`);
    assert.equal(detail.rowsRead, 15 + 113 + 15 + 1673 + 262);
    assert.equal(detail.errors, 23);
    assert.equal(detail.warnings, 8);
    // Problems name the sheet, the row as the spreadsheet numbers it, the column and the value.
    const first = detail.problems[0];
    assert.equal(first.sheet, 'indicators');
    assert.equal(typeof first.row, 'number');
    assert.match(first.message, /^(error|warning): sheet 'indicators', row \d+/);
    assert.deepEqual(await modulesFetched(page), ['indicators', 'workbook']);
    // The widget lists them, each after its sheet.
    const summary = await page.evaluate(() => document.querySelector('kyoto-indicators').shadowRoot.querySelector('.kw-problems summary').textContent);
    assert.equal(summary, '2,078 rows read, 2,055 loaded, 23 errors, 8 warnings');
    const item = await page.evaluate(() => document.querySelector('kyoto-indicators').shadowRoot.querySelector('.kw-problems li').textContent);
    assert.equal(item, "error: sheet 'indicators', row 6, column 'pillar', value 'V': pillar must be I, II, III or IV (or 1–4)");
    assert.equal(item, first.message, 'the widget says what the event says');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('JSON and CSV are read without the workbook module; no src shows the sample', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/empty.html`);
  const sample = await mountAndWait(page, 'kyoto-indicators', null);
  assert.equal(sample.type, 'kyoto:loaded');
  assert.deepEqual([sample.detail.indicators, sample.detail.indicator_data, sample.detail.questions, sample.detail.responses, sample.detail.reports], [12, 104, 12, 1665, 258]);
  assert.equal(sample.detail.errors, 0);
  // One table alone is an export too: its name tells which.
  const csv = await mountAndWait(page, 'kyoto-reporting', '/fixtures/progress/indicators.csv');
  assert.equal(csv.type, 'kyoto:loaded', JSON.stringify(csv.detail));
  assert.deepEqual([csv.detail.indicators, csv.detail.responses], [12, 0]);
  assert.equal(csv.detail.problems[0].sheet, 'indicators.csv');
  assert.deepEqual(await modulesFetched(page), ['indicators', 'reporting']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('update() with a workbook\'s bytes goes through the workbook module; a broken workbook is a clear error and the data stays', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/empty.html`);
  await mountAndWait(page, 'kyoto-indicators', null);
  const updated = await page.evaluate(async () => {
    const el = document.querySelector('kyoto-indicators');
    const bytes = await (await fetch('/fixtures/progress/kyoto-progress.xlsx')).arrayBuffer();
    return new Promise((resolve) => {
      el.addEventListener('kyoto:updated', (e) => resolve(e.detail), { once: true });
      el.handle.update(new Uint8Array(bytes));
    });
  });
  assert.equal(updated.indicators, 12);
  assert.equal(updated.indicator_data, 105);
  assert.equal(updated.origin, 'push');
  const failed = await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('kyoto-indicators');
    el.addEventListener('kyoto:error', (e) => resolve(e.detail), { once: true });
    el.handle.update(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
  }));
  assert.match(failed.message, /^not a workbook that can be read: as \.xlsx, .+; as \.ods, /);
  const kept = await page.evaluate(() => document.querySelector('kyoto-indicators').handle.detail());
  assert.equal(kept.indicator_data, 105, 'the widget keeps its data');
  assert.deepEqual(problems, []);
  await page.close();
});

test('indicators and reporting on one page share one download of their src', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/empty.html`);
  const [a, b] = await Promise.all([
    mountAndWait(page, 'kyoto-indicators', '/fixtures/progress/kyoto-progress.xlsx'),
    mountAndWait(page, 'kyoto-reporting', '/fixtures/progress/kyoto-progress.xlsx'),
  ]);
  assert.equal(a.detail.responses, 1666);
  assert.equal(b.detail.responses, 1666);
  const downloads = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/fixtures/progress/kyoto-progress.xlsx')).length);
  assert.equal(downloads, 1);
  assert.deepEqual(await modulesFetched(page), ['indicators', 'reporting', 'workbook']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a chart page loads none of the progress modules', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/empty.html`);
  const { type } = await mountAndWait(page, 'kyoto-pillar-chart', null);
  assert.equal(type, 'kyoto:loaded');
  assert.deepEqual(await modulesFetched(page), ['chart_json']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a polled progress export: changes are shown, announced with what changed, and an unchanged poll changes nothing', async () => {
  liveVersion = 0;
  const { page, problems } = await open(ctx, `${ctx.url}t/empty.html`);
  const first = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('kyoto-reporting');
    window.updates = [];
    el.addEventListener('kyoto:updated', (e) => window.updates.push(e.detail));
    el.addEventListener('kyoto:loaded', (e) => resolve(e.detail), { once: true });
    el.setAttribute('src', '/live/progress.json');
    el.setAttribute('poll', '1');
    document.querySelector('main').append(el);
  }));
  assert.equal(first.indicator_data, 104);
  // Two polls of the same bytes: no update.
  await page.waitForTimeout(2500);
  assert.equal(await page.evaluate(() => window.updates.length), 0);
  liveVersion = 1;
  await page.waitForFunction(() => window.updates.length === 1, null, { timeout: 10_000 });
  const update = await page.evaluate(() => window.updates[0]);
  assert.equal(update.origin, 'poll');
  assert.equal(update.indicator_data, 105);
  // The changed and the added value are of indicator I-1 (paragraph 21).
  assert.deepEqual(update.changedParagraphs, [21]);
  const said = () => page.evaluate(() => document.querySelector('kyoto-reporting').shadowRoot.querySelector('[aria-live]').textContent);
  await page.waitForFunction(() => document.querySelector('kyoto-reporting').shadowRoot.querySelector('[aria-live]').textContent.includes('changed'));
  assert.equal(await said(), 'Data updated: 2 indicator values changed.');
  liveVersion = 2;
  await page.waitForFunction(() => window.updates.length === 2, null, { timeout: 10_000 });
  assert.equal((await page.evaluate(() => window.updates[1])).responses, 1664);
  await page.waitForFunction(() => document.querySelector('kyoto-reporting').shadowRoot.querySelector('[aria-live]').textContent.includes('answer'));
  assert.equal(await said(), 'Data updated: 1 answer changed.');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a progress src that cannot be loaded: the error box says what failed, why and what is shown, as the chart\'s does, in the widget\'s language', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/empty.html`);
  const boxes = {};
  for (const [tag, lang] of [['kyoto-indicators', 'en'], ['kyoto-reporting', 'en'], ['kyoto-indicators', 'ar']]) {
    const failed = await page.evaluate(([tag, lang]) => new Promise((resolve) => {
      const el = document.createElement(tag);
      el.lang = lang;
      el.addEventListener('kyoto:error', (e) => resolve(e.detail), { once: true });
      el.setAttribute('src', '/missing/progress.json');
      document.querySelector('main').append(el);
    }), [tag, lang]);
    assert.match(failed.message, /missing\/progress\.json.*404/);
    boxes[`${tag}-${lang}`] = await page.evaluate(([tag, lang]) => {
      const box = document.querySelector(`${tag}[lang="${lang}"]`).shadowRoot.querySelector('.kw-error');
      return { hidden: box.hidden, parts: [...box.children].map((c) => [c.localName, c.textContent, c.closest('[lang]') === c ? c.lang : c.querySelector('[lang]')?.lang ?? null]) };
    }, [tag, lang]);
  }
  const en = boxes['kyoto-indicators-en'];
  assert.equal(en.hidden, false);
  assert.deepEqual(en.parts.map((p) => p[0]), ['strong', 'p', 'p']);
  assert.equal(en.parts[0][1], 'The data could not be loaded.');
  assert.match(en.parts[1][1], /missing\/progress\.json/);
  assert.equal(en.parts[2][1], 'No indicator value or report is shown: no data has loaded.');
  assert.deepEqual(boxes['kyoto-reporting-en'].parts.map((p) => p[1]).filter((t, i) => i !== 1), [en.parts[0][1], en.parts[2][1]]);
  const ar = boxes['kyoto-indicators-ar'].parts;
  assert.equal(ar[0][1], 'تعذّر تحميل البيانات.');
  assert.match(ar[1][1], /missing\/progress\.json/, 'the reason, its URL whole');
  assert.equal(ar[2][1], 'لا تُعرض أي قيم للمؤشرات أو تقارير: لم تُحمَّل أي بيانات.');
  // No empty figures or table under it, as if they were data.
  const seen = await page.evaluate(() => {
    const shown = (e) => !!e && !e.closest('[hidden]') && e.getClientRects().length > 0;
    const ind = document.querySelector('kyoto-indicators[lang="en"]').shadowRoot;
    const rep = document.querySelector('kyoto-reporting').shadowRoot;
    return { plot: shown(ind.querySelector('.kw-plot')), table: shown(ind.querySelector('details:last-of-type summary')), figures: shown(rep.querySelector('.kw-figures')) };
  });
  assert.deepEqual(seen, { plot: false, table: false, figures: false });
  await page.locator('kyoto-indicators[lang="en"]').screenshot({ path: path.join(here, 'screenshots', 'progress-missing-src-en.png') });
  await page.locator('kyoto-indicators[lang="ar"]').screenshot({ path: path.join(here, 'screenshots', 'progress-missing-src-ar.png') });
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
  await page.close();
});
