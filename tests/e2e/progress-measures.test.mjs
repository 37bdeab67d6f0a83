// The pillar chart's progress measures in the browser, under the strict CSP:
// given a digest (tests/fixtures/progress/digest.json, `kyoto digest`) or
// the tables themselves (the fixture's workbook, the sample's JSON), the
// States reporting and the indicators by status per pillar are the figures
// tests/progress_digest.rs asserts natively; a digest loads no more code, the
// tables the indicators module (and the workbook module for a workbook), and
// a chart without progress data loads neither and shows no such measure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open, shot, chartPixels } from './harness.mjs';
import { STRICT_CSP } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '..', 'fixtures', 'progress');

const routes = {
  '/t/chart.html': (req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const attrs = ['progress', 'view', 'lang', 'theme'].filter((a) => q.get(a)).map((a) => ` ${a}="${q.get(a)}"`).join('');
    const lang = q.get('lang') || 'en';
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
      .end(`<!doctype html><html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}><title>chart</title><link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/kyoto.js"></script>`
        + `<main><kyoto-pillar-chart${attrs}></kyoto-pillar-chart></main>`);
  },
  '/t/browser.html': (req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const lang = q.get('lang') || 'en';
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP })
      .end(`<!doctype html><html lang="${lang}"><title>browser</title><link rel="icon" href="/favicon.svg"><script type="module" src="/pkg/kyoto.js"></script>`
        + `<main><kyoto-paragraph-browser progress="${q.get('progress')}"></kyoto-paragraph-browser></main>`);
  },
  '/t/not-tables.csv': (req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n'),
};
for (const name of fs.readdirSync(FIXTURES)) {
  routes[`/fixtures/progress/${name}`] = (req, res) => res.writeHead(200).end(fs.readFileSync(path.join(FIXTURES, name)));
}

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

async function modulesFetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.match(/kyoto_(\w+)_bg\.wasm$/)?.[1]).filter(Boolean).sort());
}

/** Waits until the chart's table shows the progress measure's header, then returns the table as CSV. */
async function csvOnce(page, header) {
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart')?.shadowRoot?.querySelector('[data-action="measure:reporting"]')?.hidden === false);
  await page.waitForFunction((h) => document.querySelector('kyoto-pillar-chart')?.handle?.tableCsv()?.startsWith(h), header);
  return page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.tableCsv());
}

const REPORTING = 'Item,Name,Cycle,States answered,States reporting,States in the data\n'
  + 'Pillar I,Advancing crime prevention,2026,33,36,58\n'
  + 'Pillar II,Advancing the criminal justice system,2026,22,25,58\n'
  + 'Pillar III,Promoting the rule of law,2026,32,35,58\n'
  + 'Pillar IV,Promoting international cooperation and technical assistance,2026,22,24,58\n';
const INDICATORS_HEADER = 'Item,Name,Indicators,On track,Moderate progress,Stagnation or regression,Not assessed\n';
const INDICATORS = [[3, 1, 1, 1, 0], [3, 0, 2, 1, 0], [3, 1, 1, 1, 0], [3, 1, 1, 1, 0]];

function numbers(csv) {
  return csv.trim().split('\n').slice(1).map((line) => line.split(',').slice(-5).map(Number));
}

test('a digest: States reporting and indicators per pillar, no more code loaded', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/chart.html?progress=/fixtures/progress/digest.json&view=reporting`);
  const csv = await csvOnce(page, 'Item,Name,Cycle');
  // Names as the Declaration heads the pillars; the figures of tests/progress_digest.rs.
  assert.deepEqual(csv.trim().split('\n').map((l) => l.split(',').filter((_, i) => i !== 1).join(',')),
    REPORTING.trim().split('\n').map((l) => l.split(',').filter((_, i) => i !== 1).join(',')));
  // The bars: 36, 25, 35, 24 of 58, each labelled so.
  const labels = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').getAttribute('aria-label'));
  assert.match(labels, /Pillar I: 2026: 36 of 58 States reporting \(33 answered the questionnaire\)/);
  const bars = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.barRects().map((b) => b.label));
  assert.deepEqual(bars, ['Pillar I', 'Pillar II', 'Pillar III', 'Pillar IV']);
  // The legend says what the segments are, in words.
  const legend = await page.evaluate(() => [...document.querySelector('kyoto-pillar-chart').shadowRoot.querySelectorAll('.kw-legend:not([hidden]) > span')].map((s) => s.textContent));
  assert.deepEqual(legend, ['Answered the questionnaire', 'Sent a report only', 'Not reporting']);
  await chartPixels(page);
  // view="reporting" with its progress data: no notice.
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw-notices').hidden), true);
  await shot(page, 'progress-measures-reporting');
  // Keyboard: Enter on pillar I shows its States reporting per cycle, and
  // kyoto:select names the cycle chosen.
  await page.evaluate(() => {
    window.selected = [];
    document.querySelector('kyoto-pillar-chart').addEventListener('kyoto:select', (e) => window.selected.push(e.detail));
    document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').focus();
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle.level() === 'pillar:I');
  const cycles = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.tableCsv());
  assert.equal(cycles, 'Item,Name,Cycle,States answered,States reporting,States in the data\n'
    + ['2022,23,24', '2023,17,19', '2024,29,30', '2025,24,26', '2026,33,36']
      .map((r) => { const [c, a, n] = r.split(','); return `${c},Advancing crime prevention,${c},${a},${n},58`; }).join('\n') + '\n');
  assert.deepEqual(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.barRects().map((b) => b.label)), ['2022', '2023', '2024', '2025', '2026']);
  const said = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').getAttribute('aria-label'));
  assert.match(said, /2022: 24 of 58 States reporting \(23 answered the questionnaire\)/);
  assert.doesNotMatch(said, /2022: 2022/);
  // The tooltip of a cycle speaks of States, not of activities.
  const tip = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('#kw-tip').textContent);
  assert.equal(tip, '2022Advancing crime prevention2022: 24 of 58 States reporting (23 answered the questionnaire)');
  await chartPixels(page);
  await shot(page, 'progress-measures-reporting-cycles');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.selected.length === 2);
  assert.deepEqual(await page.evaluate(() => window.selected), [{ kind: 'pillar', pillar: 'I' }, { kind: 'cycle', pillar: 'I', cycle: '2026' }]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle.level() === 'overview');
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').blur());
  // The indicators measure, by its button.
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="measure:indicators"]').click());
  const ind = await csvOnce(page, INDICATORS_HEADER.slice(0, 30));
  assert.ok(ind.startsWith(INDICATORS_HEADER), ind);
  assert.deepEqual(numbers(ind), INDICATORS);
  // Keyboard: Enter on pillar I shows its themes, with their indicators.
  await page.focus('kyoto-pillar-chart');
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').focus());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle.level() === 'pillar:I');
  const themes = numbers(await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.tableCsv()));
  assert.ok(themes.length > 1);
  assert.ok(themes.reduce((s, r) => s + r[0], 0) >= 3, JSON.stringify(themes));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').handle.level() === 'overview');
  await chartPixels(page);
  await shot(page, 'progress-measures-indicators');
  assert.deepEqual(await modulesFetched(page), ['chart_progress']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the tables (a workbook, JSON) are summed up by the indicators module to the same figures', async () => {
  for (const [file, modules] of [['/fixtures/progress/kyoto-progress.xlsx', ['chart_progress', 'indicators', 'workbook']], ['/pkg/sample-progress.json', ['chart_progress', 'indicators']]]) {
    const { page, problems } = await open(ctx, `${ctx.url}t/chart.html?progress=${file}&view=reporting`);
    const csv = await csvOnce(page, 'Item,Name,Cycle');
    assert.deepEqual(numbers(csv), numbers(REPORTING), file);
    await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="measure:indicators"]').click());
    assert.deepEqual(numbers(await csvOnce(page, 'Item,Name,Indicators')), INDICATORS, file);
    assert.deepEqual(await modulesFetched(page), modules, file);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('a chart without progress data loads nothing more and offers no progress measure', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/chart.html`);
  await chartPixels(page);
  const hidden = await page.evaluate(() => ['reporting', 'indicators'].map((m) => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector(`[data-action="measure:${m}"]`).hidden));
  assert.deepEqual(hidden, [true, true]);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /kyoto_(indicators|workbook)/.test(p)));
  assert.deepEqual(fetched, []);
  // The sample (JSON): the chart's module with the JSON reader only.
  assert.deepEqual(await modulesFetched(page), ['chart_json']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a progress attribute given later moves the chart to the module with the digest reader, keeping the data given through update()', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}t/chart.html`);
  await chartPixels(page);
  // Data of its own, given through update(): three activities of pillar II.
  const csv = 'id,title,paragraphs,status\nA-1,Training of prosecutors,40,completed\nA-2,Court statistics,41,ongoing\nA-3,Legal aid review,43,planned\n';
  const sample = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.tableCsv());
  await page.evaluate((text) => document.querySelector('kyoto-pillar-chart').handle.update(text), csv);
  // (Shown by the module with both readers, which the chart moves to: null from the handle meanwhile.)
  await page.waitForFunction((s) => [null, s].every((t) => document.querySelector('kyoto-pillar-chart').handle.tableCsv() !== t), sample);
  const before = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.tableCsv());
  // Pillar II (paragraphs 40, 41 and 43 are among its commitments) has the three.
  assert.match(before, /^Pillar II,.*\b3\b/m);
  // CSV, which the sample's module does not read: moved to the one with both readers.
  assert.deepEqual(await modulesFetched(page), ['chart', 'chart_json']);
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').setAttribute('progress', '/fixtures/progress/digest.json'));
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart')?.shadowRoot?.querySelector('[data-action="measure:reporting"]')?.hidden === false);
  assert.deepEqual(await modulesFetched(page), ['chart', 'chart_json', 'chart_progress']);
  // The activities given before are shown again, in the new module.
  await page.waitForFunction((b) => document.querySelector('kyoto-pillar-chart').handle.tableCsv() === b, before);
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="measure:reporting"]').click());
  assert.deepEqual(numbers(await csvOnce(page, 'Item,Name,Cycle')), numbers(REPORTING));
  await chartPixels(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('progress data that cannot be read shows why in the chart', async () => {
  for (const [url, reason] of [['/t/missing.json', /HTTP 404/], ['/t/not-tables.csv', /Could not read the progress data/]]) {
    const { page } = await open(ctx, `${ctx.url}t/chart.html?progress=${url}`);
    await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart')?.shadowRoot?.querySelector('.kw-error:not([hidden])'));
    await chartPixels(page);
    const text = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw-error:not([hidden])').textContent);
    assert.match(text, reason, text);
    assert.match(text, /The indicators and the questionnaire's figures are not shown/);
    await page.close();
  }
});

test('the paragraph browser filters to the paragraphs with indicators or questionnaire answers, offered only with progress data', async () => {
  // Without progress data there is no such filter.
  const plain = await open(ctx, `${ctx.url}t/browser.html?progress=`);
  await plain.page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.shadowRoot?.querySelector('#para-22'));
  assert.equal(await plain.page.evaluate(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('[data-field="progress"]')), null);
  await plain.page.close();

  const digest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'digest.json'), 'utf8'));
  const expected = digest.paragraphs.filter((p) => (p.indicators ?? []).length || (p.questions ?? []).length).map((p) => p.paragraph);
  assert.equal(expected.length, 61);
  const { page, problems } = await open(ctx, `${ctx.url}t/browser.html?progress=/fixtures/progress/digest.json`);
  await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.shadowRoot?.querySelector('[data-field="progress"]')?.closest('label').hidden === false);
  await page.evaluate(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('[data-field="progress"]').click());
  await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-count').textContent.startsWith('61 of'));
  assert.equal(await page.evaluate(() => document.querySelector('kyoto-paragraph-browser').handle.query()), 'progress=1');
  // The paragraphs listed are those, in the Declaration's order.
  const shown = await page.evaluate(() => [...document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelectorAll('[id^="para-"]')].map((a) => Number(a.id.slice(5))));
  assert.deepEqual(shown, [...expected].sort((a, b) => a - b));
  await shot(page, 'progress-browser-filter');
  // Set from the URL's hash form before the data comes, it applies once the data is here.
  const again = await open(ctx, `${ctx.url}t/browser.html?progress=/fixtures/progress/digest.json`);
  await again.page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.handle?.setQuery);
  await again.page.evaluate(() => document.querySelector('kyoto-paragraph-browser').handle.setQuery('progress=1'));
  await again.page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-count')?.textContent.startsWith('61 of'));
  assert.deepEqual(again.problems, []);
  await again.page.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test('screenshots: dark and Arabic', async () => {
  for (const [q, name] of [['theme=dark&view=reporting', 'progress-measures-reporting-dark'], ['theme=dark&view=indicators', 'progress-measures-indicators-dark'], ['lang=ar&view=reporting', 'progress-measures-reporting-ar'], ['lang=ar&view=indicators', 'progress-measures-indicators-ar']]) {
    const { page, problems } = await open(ctx, `${ctx.url}t/chart.html?progress=/fixtures/progress/digest.json&${q}`);
    await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart')?.shadowRoot?.querySelector('[data-action="measure:reporting"]')?.hidden === false);
    if (q.includes('dark')) await page.evaluate(() => { document.body.style.background = '#181b1f'; });
    await chartPixels(page);
    await page.waitForTimeout(200);
    await shot(page, name);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the paragraph browser lists the indicators of a paragraph and the answers citing it', async () => {
  for (const [progress, modules] of [['/fixtures/progress/digest.json', ['browser_progress']], ['/fixtures/progress/kyoto-progress.xlsx', ['browser_progress', 'indicators', 'workbook']]]) {
    const { page, problems } = await open(ctx, `${ctx.url}t/browser.html?progress=${progress}`);
    await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.handle?.query?.() !== null && document.querySelector('kyoto-paragraph-browser')?.shadowRoot?.querySelector('#para-22'));
    await page.evaluate(() => document.querySelector('kyoto-paragraph-browser').handle.open(22));
    await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('#para-22 .kw-prog-questions'));
    const got = await page.evaluate(() => {
      const a = document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('#para-22');
      const texts = (sel) => [...a.querySelectorAll(sel)].map((e) => e.textContent);
      return {
        titles: texts('.kw-prog-title'),
        indicators: texts('.kw-prog-indicators .kw-prog-list > li'),
        answers: texts('.kw-prog-questions .kw-prog-value'),
        choices: texts('.kw-prog-choices li'),
        reports: texts('.kw-prog-questions .kw-act-note'),
      };
    });
    assert.deepEqual(got, {
      titles: ['Indicators', 'Questionnaire answers'],
      indicators: ['Population that feels safe walking alone around the area they live after darkOn trackLatest value: 75% (2024)'],
      answers: ['Answers: 124 (111 by 47 States, 13 by other respondents)'],
      choices: ['Yes: States 71, others 9', 'No: States 40, others 4'],
      reports: ['Reports covering this paragraph: 127'],
    }, progress);
    await page.locator('kyoto-paragraph-browser #para-22').screenshot({ path: path.join(here, 'screenshots', 'progress-measures-browser-para-22.png') });
    assert.deepEqual(await modulesFetched(page), modules);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
