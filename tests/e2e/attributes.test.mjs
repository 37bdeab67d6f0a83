// Attribute values a widget cannot read (`pillar="V"`, `view="bogus"`,
// `height="abc"`, a `lang` not one of the six, …): the widget shows its
// default, and says so in its own place, in its language, where it lists
// the problems of its data ("pillar="V": not a pillar; I, II, III or IV.
// Showing the overview."), with one console warning in English naming the
// element; the page's other widgets keep working; correcting the attribute
// removes the notice; valid values give none. Under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, open, chartPixels, SHOTS } from './harness.mjs';

/** A picture of one widget (the page is long). */
const shot = (p, selector, name) => p.locator(selector).screenshot({ path: path.join(SHOTS, `${name}.png`) });

const page = (lang, body) => (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><title>Attributes</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/demo.css">
<script type="module" src="/pkg/kyoto.js"></script></head>
<body><main><h1>Attributes</h1>${body}</main></body></html>`);
};

const SRC = '/examples/sample-activities.json';
const routes = {
  '/t/bad.html': page('en', `
<kyoto-pillar-chart id="pillar" pillar="V" src="${SRC}"></kyoto-pillar-chart>
<kyoto-pillar-chart id="several" view="bogus" height="abc" poll="soon" lang="de" src="${SRC}"></kyoto-pillar-chart>
<kyoto-pillar-chart id="good" view="status" pillar="II" height="420" theme="dark" poll="300" lang="en-GB" src="${SRC}"></kyoto-pillar-chart>
<div id="data" data-kyoto-widget="pillar-chart" data-pillar="7" data-src="${SRC}"></div>
<kyoto-pillar-chart id="noprogress" view="reporting" src="${SRC}"></kyoto-pillar-chart>
<kyoto-paragraph-browser id="browser" pillar="five" theme="blue" src="${SRC}"></kyoto-paragraph-browser>
<kyoto-reporting id="reporting" view="grid" cycle="1999" as-of="yesterday"></kyoto-reporting>
<kyoto-indicators id="indicators" pillar="V" breakdown="female" area="RO" indicator="ZZ-9"></kyoto-indicators>`),
  '/t/valid.html': page('en', `
<kyoto-pillar-chart id="c1" view="Status" pillar="pillar 4" height="30em" theme="projector" poll="0" src="${SRC}"></kyoto-pillar-chart>
<kyoto-pillar-chart id="c2" view="timeline" pillar="" height="calc(100px + 2em)" lang="fr-CA" src="${SRC}" poll="60s"></kyoto-pillar-chart>
<kyoto-paragraph-browser id="b" pillar="iv" theme="high-contrast" lang="es" src="${SRC}"></kyoto-paragraph-browser>
<kyoto-reporting id="r" view="map" cycle="2024" pillar="3" as-of="2026-03-31" theme="dark"></kyoto-reporting>
<kyoto-indicators id="i" pillar="2" area="001" breakdown="total" theme="light" lang="ru"></kyoto-indicators>`),
  '/t/twins.html': page('en', `
<div id="twin" data-kyoto-widget="pillar-chart" data-src="${SRC}"></div>
<div id="typo" data-kyoto-widget="pilar-chart" data-src="${SRC}"></div>
<div lang="fr"><div id="typo-fr" data-kyoto-widget="graph"></div></div>
<kyoto-pillar-chart id="blank" src=""></kyoto-pillar-chart>
<kyoto-indicators id="blank-ind" data-src=" "></kyoto-indicators>`),
  '/t/ar.html': page('ar', `
<kyoto-pillar-chart id="pillar" pillar="V" view="bogus" src="${SRC}"></kyoto-pillar-chart>`),
  '/t/fr.html': page('fr', `
<kyoto-pillar-chart id="pillar" lang="de" src="${SRC}"></kyoto-pillar-chart>
<kyoto-pillar-chart id="indicators" view="indicators" src="${SRC}"></kyoto-pillar-chart>`),
};

let ctx;
before(async () => { ctx = await start({ csp: true, routes }); });
after(async () => { await ctx.close(); });

/** Opens `path`, collecting the console's warnings. */
async function openWarned(path) {
  const warnings = [];
  const opened = await open(ctx, `${ctx.url}${path}`, (p) => {
    // The element itself comes after the line, for the console to show it.
    p.on('console', (m) => {
      if (m.type() !== 'warning') return;
      const text = m.text();
      warnings.push(text.startsWith('kyoto-widgets: <') ? text.replace(/ JSHandle@node$/, '') : text);
      if (text.startsWith('kyoto-widgets: <')) assert.match(text, / JSHandle@node$/, 'the element given to the console');
    });
  });
  return { ...opened, warnings };
}

/** The notices a widget shows (none while its list is hidden). */
const notices = (p, id) => p.evaluate((i) => {
  const list = document.getElementById(i)?.shadowRoot?.querySelector('.kw-notices');
  if (!list || list.hidden) return [];
  return [...list.querySelectorAll('li')].map((li) => li.textContent);
}, id);

/** Waits for a widget's notices to be `want`; returns them. */
async function noticesBecome(p, id, want) {
  await p.waitForFunction(([i, w]) => {
    const list = document.getElementById(i)?.shadowRoot?.querySelector('.kw-notices');
    const got = !list || list.hidden ? [] : [...list.querySelectorAll('li')].map((li) => li.textContent);
    return JSON.stringify(got) === JSON.stringify(w);
  }, [id, want]).catch(async (e) => {
    throw new Error(`${id}: ${JSON.stringify(await notices(p, id))}, not ${JSON.stringify(want)} (${e.message})`);
  });
}

const loaded = (p, id) => p.waitForFunction((i) => document.getElementById(i)?.handle?.detail()?.activities > 0, id);

test('a value a widget cannot read: its default, a notice where it lists problems, one console warning naming it', async () => {
  const { page: p, problems, warnings } = await openWarned('t/bad.html');
  await noticesBecome(p, 'pillar', ['pillar="V": not a pillar; I, II, III or IV. Showing the overview.']);
  await loaded(p, 'pillar');
  assert.equal(await p.evaluate(() => document.getElementById('pillar').handle.level()), 'overview', 'the default level');
  await noticesBecome(p, 'several', [
    'view="bogus": not a view of the chart; coverage, status or timeline (with progress data, also reporting or indicators). Showing coverage.',
    'poll="soon": not a number of seconds; 1 or more (30), or 0 for none. Not polling.',
    'lang="de": not a language of the widgets; ar, en, es, fr, ru or zh. Showing English.',
    // Read back from the browser, which knows every CSS length.
    'height="abc": not a height; a number of pixels (400) or a CSS length (30em). No height is reserved.',
  ]);
  // The data- twin, named as the page wrote it.
  await noticesBecome(p, 'data', ['data-pillar="7": not a pillar; I, II, III or IV. Showing the overview.']);
  // A view of progress data without any: coverage, as said.
  await noticesBecome(p, 'noprogress', ['view="reporting": needs progress data (a progress attribute). Showing coverage.']);
  await loaded(p, 'noprogress');
  assert.deepEqual(await p.evaluate(() => {
    const root = document.getElementById('noprogress').shadowRoot;
    return [root.querySelector('[data-action="measure:coverage"]').getAttribute('aria-pressed'),
      document.getElementById('noprogress').handle.tableCsv().split('\n')[0].includes('Coverage')];
  }), ['true', true]);
  await noticesBecome(p, 'browser', [
    'pillar="five": not a pillar; I, II, III or IV. Showing all pillars.',
    'theme="blue": not a theme; light, dark, high-contrast or projector. Showing light.',
  ]);
  // The values the data has not are said once the data is there.
  await p.waitForFunction(() => document.getElementById('reporting')?.handle?.figures?.()?.cycle);
  const reporting = await notices(p, 'reporting');
  assert.equal(reporting[0], 'view="grid": not a view; overview, map, table or questions. Showing the overview.');
  assert.equal(reporting[1], 'as-of="yesterday": not a date; a day such as 2026-03-31. Judging reports as of today.');
  assert.match(reporting[2], /^cycle="1999": not a cycle of the data \(\d{4}(, \d{4})*\)\. Showing the latest\.$/);
  assert.equal(reporting.length, 3);
  assert.equal(await p.evaluate(() => document.getElementById('reporting').handle.view()), 'overview');
  await p.waitForFunction(() => document.getElementById('indicators')?.handle?.statuses()?.length > 0);
  await noticesBecome(p, 'indicators', [
    'pillar="V": not a pillar; I, II, III or IV. Showing all pillars.',
    'area="RO": not an area; an ISO 3166-1 alpha-3 code (ROU) or a region (001 World, 150 Europe). Showing the World, or the area with the most data.',
    'breakdown="female": not a breakdown; dimension=value (sex=female), or total. Showing the totals.',
    'indicator="ZZ-9": the data has no indicator of this code. Showing the overview.',
  ]);
  // Valid values: nothing said. Every chart draws.
  await loaded(p, 'good');
  assert.deepEqual(await notices(p, 'good'), []);
  for (const id of ['#pillar', '#several', '#good', '#data', '#noprogress']) assert.ok((await chartPixels(p, id)).ink > 0, id);
  // Quiet, as the data's report: in reading order, not a live region or an alert.
  const exposed = await p.evaluate(() => {
    const list = document.getElementById('several').shadowRoot.querySelector('.kw-notices');
    return { tag: list.localName, role: list.getAttribute('role'), live: list.closest('[aria-live]'), hidden: list.closest('[aria-hidden]') };
  });
  assert.deepEqual(exposed, { tag: 'ul', role: null, live: null, hidden: null });
  // One warning per notice, in English, naming the element.
  assert.ok(warnings.includes('kyoto-widgets: <kyoto-pillar-chart id="pillar"> pillar="V": not a pillar; I, II, III or IV. Showing the overview.'), warnings.join('\n'));
  assert.ok(warnings.includes('kyoto-widgets: <div data-kyoto-widget="pillar-chart" id="data"> data-pillar="7": not a pillar; I, II, III or IV. Showing the overview.'), warnings.join('\n'));
  const ours = warnings.filter((w) => w.startsWith('kyoto-widgets: <'));
  assert.equal(ours.length, 1 + 4 + 1 + 1 + 2 + 3 + 4, ours.join('\n'));
  assert.equal(ours.filter((w) => w.includes('id="pillar"')).length, 1, 'warned once, not on every redraw');
  await shot(p, '#several', 'attributes-notices-en');
  await shot(p, '#reporting', 'attributes-notices-reporting-en');
  await shot(p, '#noprogress', 'attributes-notices-no-progress-en');
  assert.deepEqual(problems, []);
  await p.close();
});

test('correcting the attribute at run time removes the notice; a wrong value set later shows one', async () => {
  const { page: p, problems, warnings } = await openWarned('t/bad.html');
  await loaded(p, 'pillar');
  await noticesBecome(p, 'pillar', ['pillar="V": not a pillar; I, II, III or IV. Showing the overview.']);
  await p.evaluate(() => document.getElementById('pillar').setAttribute('pillar', 'II'));
  await noticesBecome(p, 'pillar', []);
  assert.equal(await p.evaluate(() => document.getElementById('pillar').handle.level()), 'pillar:II');
  assert.equal(await p.evaluate(() => document.getElementById('pillar').shadowRoot.querySelector('.kw-notices').hidden), true);
  await p.evaluate(() => document.getElementById('pillar').setAttribute('view', 'pie'));
  await noticesBecome(p, 'pillar', ['view="pie": not a view of the chart; coverage, status or timeline (with progress data, also reporting or indicators). Showing coverage.']);
  assert.ok(warnings.some((w) => w.includes('id="pillar"> view="pie"')));
  await p.evaluate(() => document.getElementById('pillar').removeAttribute('view'));
  await noticesBecome(p, 'pillar', []);
  // A poll without a src: said once src goes, gone when it comes back.
  await loaded(p, 'good');
  await p.evaluate(() => document.getElementById('good').removeAttribute('src'));
  await noticesBecome(p, 'good', ['poll="300": there is no src to poll. Not polling.']);
  await p.evaluate((src) => document.getElementById('good').setAttribute('src', src), SRC);
  await noticesBecome(p, 'good', []);
  // The reporting widget's view and cycle, set right.
  await p.waitForFunction(() => document.getElementById('reporting')?.handle?.figures?.()?.cycle);
  await p.evaluate(() => {
    const r = document.getElementById('reporting');
    r.setAttribute('view', 'table');
    r.setAttribute('cycle', '2024');
    r.removeAttribute('as-of');
  });
  await noticesBecome(p, 'reporting', []);
  assert.equal(await p.evaluate(() => document.getElementById('reporting').handle.figures().cycle), '2024');
  // A cycle the data has not, set later: the latest, as said.
  await p.evaluate(() => document.getElementById('reporting').setAttribute('cycle', '1999'));
  assert.match((await notices(p, 'reporting'))[0] ?? '', /^cycle="1999": not a cycle of the data/);
  assert.notEqual(await p.evaluate(() => document.getElementById('reporting').handle.figures().cycle), '2024');
  // An indicator the data has, then one it has not: the overview, as said.
  await p.waitForFunction(() => document.getElementById('indicators')?.handle?.statuses()?.length > 0);
  await p.evaluate(() => document.getElementById('indicators').setAttribute('indicator', 'I-1'));
  assert.equal(await p.evaluate(() => document.getElementById('indicators').handle.view()), 'indicator:I-1');
  assert.equal((await notices(p, 'indicators')).some((n) => n.startsWith('indicator=')), false);
  await p.evaluate(() => document.getElementById('indicators').setAttribute('indicator', 'ZZ-8'));
  assert.equal(await p.evaluate(() => document.getElementById('indicators').handle.view()), 'overview');
  assert.ok((await notices(p, 'indicators')).includes('indicator="ZZ-8": the data has no indicator of this code. Showing the overview.'));
  assert.deepEqual(problems, []);
  await p.close();
});

test('valid values give no notice and no warning', async () => {
  const { page: p, problems, warnings } = await openWarned('t/valid.html');
  for (const id of ['c1', 'c2', 'b']) await loaded(p, id);
  await p.waitForFunction(() => document.getElementById('r')?.handle?.figures?.()?.cycle === '2024');
  await p.waitForFunction(() => document.getElementById('i')?.handle?.statuses()?.length > 0);
  for (const id of ['c1', 'c2', 'b', 'r', 'i']) {
    assert.deepEqual(await notices(p, id), [], id);
    assert.equal(await p.evaluate((i) => document.getElementById(i).shadowRoot.querySelector('.kw-notices').hidden, id), true, id);
  }
  assert.equal(await p.evaluate(() => document.getElementById('c1').handle.level()), 'pillar:IV');
  assert.deepEqual(warnings.filter((w) => w.startsWith('kyoto-widgets')), []);
  assert.deepEqual(problems, []);
  await p.close();
});

test('the notice speaks the widget’s language: Arabic right to left, French for a lang it cannot speak', async () => {
  const { page: p, problems } = await openWarned('t/ar.html');
  await loaded(p, 'pillar');
  await noticesBecome(p, 'pillar', [
    'view="bogus": ليست طريقة عرض للرسم البياني؛ coverage أو status أو timeline (ومع بيانات التقدم أيضًا reporting أو indicators). تُعرض التغطية.',
    'pillar="V": ليست ركيزة؛ I أو II أو III أو IV. تُعرض النظرة العامة.',
  ]);
  // The attribute as written, isolated left to right in the right-to-left line.
  assert.equal(await p.evaluate(() => document.getElementById('pillar').shadowRoot.querySelector('.kw-notices code').dir), 'ltr');
  await chartPixels(p, '#pillar');
  await shot(p, '#pillar', 'attributes-notices-ar');
  assert.deepEqual(problems, []);
  await p.close();

  const fr = await openWarned('t/fr.html');
  await loaded(fr.page, 'pillar');
  await noticesBecome(fr.page, 'pillar', ['lang="de" : ce n’est pas une langue des widgets ; ar, en, es, fr, ru ou zh. Langue affichée : Français.']);
  assert.ok(fr.warnings.includes('kyoto-widgets: <kyoto-pillar-chart id="pillar"> lang="de": not a language of the widgets; ar, en, es, fr, ru or zh. Showing French.'), fr.warnings.join('\n'));
  await noticesBecome(fr.page, 'indicators', ['view="indicators" : demande des données de suivi (un attribut progress). Couverture affichée.']);
  assert.ok(fr.warnings.includes('kyoto-widgets: <kyoto-pillar-chart id="indicators"> view="indicators": needs progress data (a progress attribute). Showing coverage.'), fr.warnings.join('\n'));
  assert.deepEqual(fr.problems, []);
  await fr.page.close();
});

test('a data- twin changed at run time reaches its widget; a data-kyoto-widget of no kind is said in the page, and mounts once corrected', async () => {
  const { page: p, problems, warnings } = await openWarned('t/twins.html');
  await loaded(p, 'twin');
  // No custom element observes a <div>'s attributes: the loader passes them on.
  await p.evaluate(() => document.getElementById('twin').setAttribute('data-pillar', 'II'));
  await p.waitForFunction(() => document.getElementById('twin').handle.level() === 'pillar:II');
  await p.evaluate(() => document.getElementById('twin').setAttribute('data-pillar', 'V'));
  await noticesBecome(p, 'twin', ['data-pillar="V": not a pillar; I, II, III or IV. Showing the overview.']);
  assert.equal(await p.evaluate(() => document.getElementById('twin').handle.level()), 'overview');
  await p.evaluate(() => document.getElementById('twin').removeAttribute('data-pillar'));
  await noticesBecome(p, 'twin', []);
  // The attribute itself wins over its twin.
  await p.evaluate(() => { const t = document.getElementById('twin'); t.setAttribute('pillar', 'III'); t.setAttribute('data-pillar', 'IV'); });
  await p.waitForFunction(() => document.getElementById('twin').handle.level() === 'pillar:III');
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  assert.equal(await p.evaluate(() => document.getElementById('twin').handle.level()), 'pillar:III');
  // The other view, by its twin.
  await p.evaluate(() => document.getElementById('twin').setAttribute('data-view', 'status'));
  await p.waitForFunction(() => document.getElementById('twin').shadowRoot.querySelector('[data-action="measure:status"][aria-pressed="true"]'));

  // A kind of widget that is not one: said where the widget would be, in the element's language.
  const alert = (id) => p.evaluate((i) => {
    const box = document.getElementById(i).querySelector(':scope > .kw-panic[data-kind="unknown-kind"]');
    return box && { text: box.textContent, role: box.getAttribute('role'), buttons: box.querySelectorAll('button').length };
  }, id);
  await p.waitForFunction(() => document.querySelector('#typo > .kw-panic') && document.querySelector('#typo-fr > .kw-panic'));
  assert.deepEqual(await alert('typo'), {
    text: 'This widget could not start: data-kyoto-widget="pilar-chart" is not a kind of widget (pillar-chart, paragraph-browser, indicators, reporting).',
    role: 'alert', buttons: 0,
  });
  assert.equal((await alert('typo-fr')).text,
    'Ce widget n’a pas pu démarrer : data-kyoto-widget="graph" n’est pas un type de widget (pillar-chart, paragraph-browser, indicators, reporting).');
  assert.ok(warnings.includes('kyoto-widgets: <div id="typo"> data-kyoto-widget="pilar-chart": not a kind of widget (pillar-chart, paragraph-browser, indicators, reporting).'), warnings.join('\n'));
  await shot(p, '#typo', 'attributes-unknown-kind-en');
  // The other widget of the page kept working; corrected, the element mounts.
  assert.ok((await chartPixels(p, '#twin')).ink > 0);
  const error = p.evaluate(() => new Promise((resolve) => {
    document.addEventListener('kyoto:error', (e) => resolve(e.detail), { once: true });
    const el = document.createElement('div');
    el.dataset.kyotoWidget = 'bar-chart';
    el.id = 'added';
    document.querySelector('main').append(el);
  }));
  assert.match((await error).message, /data-kyoto-widget="bar-chart"/);
  assert.equal((await error).unknownKind, 'bar-chart');
  await p.evaluate(() => document.getElementById('typo').setAttribute('data-kyoto-widget', 'pillar-chart'));
  await loaded(p, 'typo');
  assert.equal(await alert('typo'), null);
  assert.ok((await chartPixels(p, '#typo')).ink > 0);
  await shot(p, '#typo', 'attributes-kind-corrected');
  // An empty src (a content system's blank field): the sample, said so.
  await noticesBecome(p, 'blank', ['src="": empty: no data to load. Showing the sample.']);
  await noticesBecome(p, 'blank-ind', ['data-src=" ": empty: no data to load. Showing the sample.']);
  await p.evaluate((src) => document.getElementById('blank').setAttribute('src', src), SRC);
  await noticesBecome(p, 'blank', []);
  assert.deepEqual(problems, []);
  await p.close();
});
