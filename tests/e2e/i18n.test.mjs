// The widgets in the six UN languages, on the UN-style page www/un.html?lang=xx:
// no interface text falls back to English where a translation exists, plural
// forms, Arabic mirrored (legend, breadcrumb, bars from the right, labels on
// the right of the plot, drawn with the right anchors), digits as the page's
// locale asks (ar-EG against ar), headings kept in English marked lang="en",
// long labels wrapping; a screenshot per language (tests/e2e/screenshots/i18n-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, open, chartPixels, SHOTS } from './harness.mjs';

const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
// A language's catalogue as ./x build ships it: the main file and its parts
// (data/i18n/<part>/<lang>.json).
const I18N = new URL('../../data/i18n/', import.meta.url);
const readJson = (url) => JSON.parse(fs.readFileSync(url, 'utf8'));
const catalogue = (lang) => Object.assign(readJson(new URL(`${lang}.json`, I18N)),
  ...fs.readdirSync(I18N, { withFileTypes: true }).filter((d) => d.isDirectory())
    .map((d) => readJson(new URL(`${d.name}/${lang}.json`, I18N))));
const EN = catalogue('en');

let ctx;
before(async () => { ctx = await start({ csp: true }); });
after(async () => { await ctx.close(); });

async function openPage(lang, viewport = { width: 1000, height: 1400 }) {
  const { page, problems } = await open(ctx, `${ctx.url}un.html?lang=${lang}`);
  await page.setViewportSize(viewport);
  await chartPixels(page);
  await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.shadowRoot?.querySelector('article.kw-para'));
  return { page, problems };
}

function viewShot(page, name) {
  return page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * An English message as a regular expression over a whole text: `{name}` is
 * any text, a plural is any of its branches, `#` any number. Also returns the
 * message's own words (outside placeholders), to skip messages that have none.
 */
function englishPattern(message) {
  let i = 0;
  let words = '';
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  function parts(inBranch) {
    let out = '';
    while (i < message.length) {
      const c = message[i];
      if (c === '}') return out;
      if (c === '{') {
        i++;
        const name = /^\s*(\w+)\s*/.exec(message.slice(i));
        i += name[0].length;
        if (message[i] === '}') { i++; out += '.+?'; continue; }
        // `, plural, one {…} other {…}}`
        i = message.indexOf(',', message.indexOf(',', i) + 1) + 1;
        const branches = [];
        for (;;) {
          const m = /^\s*(\w+)\s*\{/.exec(message.slice(i));
          if (!m) break;
          i += m[0].length;
          branches.push(parts(true));
          i++; // the branch's '}'
        }
        i = message.indexOf('}', i) + 1;
        out += `(?:${branches.join('|')})`;
        continue;
      }
      if (c === '#' && inBranch) { i++; out += '.+?'; continue; }
      words += c;
      out += esc(c);
      i++;
    }
    return out;
  }
  const body = parts(false);
  return { regex: new RegExp(`^${body}$`, 's'), words: /\p{L}/u.test(words) };
}

/** The English messages a page in `lang` must not show: those translated in `lang`. */
function englishLeftovers(lang) {
  const other = catalogue(lang);
  return Object.entries(EN)
    .filter(([key, en]) => other[key] !== en)
    .map(([key, en]) => ({ key, en, ...englishPattern(en) }))
    .filter((p) => p.words);
}

/** Every interface text of the page and its widgets: visible text and accessible names. */
function interfaceTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const take = (root, where) => {
      const sel = 'button, label, .kw-field-label, option, th, caption, h1, h2, h3, summary, .kw-count, .kw-badge > span, .kw-crumbs li, .kw-legend span, .kw-search-label, .kw-empty, .kw-act-none, a';
      for (const e of root.querySelectorAll(sel)) {
        // The language menu names each language in itself, on purpose.
        if (e.closest('.un-langs')) continue;
        const t = e.textContent.replace(/\s+/g, ' ').trim();
        if (t) out.push({ where, text: t });
      }
      for (const e of root.querySelectorAll('[aria-label], [placeholder], [aria-roledescription], [title]')) {
        if (e.closest('.un-langs ul')) continue;
        for (const a of ['aria-label', 'placeholder', 'aria-roledescription', 'title']) {
          const v = e.getAttribute(a);
          if (v) out.push({ where: `${where} @${a}`, text: v.trim() });
        }
      }
    };
    take(document, 'page');
    take(document.querySelector('kyoto-pillar-chart').shadowRoot, 'chart');
    take(document.querySelector('kyoto-paragraph-browser').shadowRoot, 'browser');
    return out;
  });
}

const chartEval = (page, fn, arg) => page.evaluate(([f, a]) => {
  const el = document.querySelector('kyoto-pillar-chart');
  return new Function('root', 'el', 'arg', f)(el.shadowRoot, el, a);
}, [fn, arg]);

test('every widget in the six languages: no English where a translation exists; a screenshot each', async () => {
  for (const lang of LANGS) {
    const { page, problems } = await openPage(lang);
    const dirs = await page.evaluate(() => ['kyoto-pillar-chart', 'kyoto-paragraph-browser'].map((t) => {
      const root = document.querySelector(t).shadowRoot.querySelector('.kw');
      return [root.getAttribute('lang'), root.getAttribute('dir')];
    }));
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    assert.deepEqual(dirs, [[lang, dir], [lang, dir]], `${lang}: widget roots`);
    assert.equal(await page.evaluate(() => document.documentElement.dir), dir);
    // The chart's views in turn, with the table open, so that every header is there.
    const texts = await interfaceTexts(page);
    await chartEval(page, `root.querySelector('[data-action="table"]').click()`);
    await chartEval(page, `root.querySelector('[data-action="measure:timeline"]').click()`);
    texts.push(...await interfaceTexts(page));
    await chartEval(page, `root.querySelector('[data-action="measure:status"]').click()`);
    texts.push(...await interfaceTexts(page));
    assert.ok(texts.length > 150, `${lang}: ${texts.length} texts`);
    if (lang !== 'en') {
      const leftovers = englishLeftovers(lang);
      const english = texts.flatMap(({ where, text }) => leftovers
        .filter((p) => p.regex.test(text))
        .map((p) => `${where}: "${text}" is English ${p.key}`));
      assert.deepEqual(english, [], `${lang}: English left on the page`);
    } else {
      // The English page shows the English catalogue's words.
      const all = texts.map((t) => t.text);
      for (const key of ['chart.measure.coverage', 'chart.table.item', 'status.completed', 'browser.search.label', 'browser.clear']) {
        assert.ok(all.includes(EN[key]), `${key}: ${EN[key]}`);
      }
    }
    await chartEval(page, `root.querySelector('[data-action="measure:coverage"]').click(); root.querySelector('[data-action="table"]').click()`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await viewShot(page, `i18n-${lang}`);
    assert.deepEqual(problems, [], lang);
    await page.close();
  }
  const reports = await (await fetch(`${ctx.url}__csp-report`)).json();
  assert.deepEqual(reports, [], 'no CSP violation');
});

test('plural forms and counts in each language', async () => {
  const expected = {
    en: ['51 activities', '97 paragraphs'],
    fr: ['51 activités', '97 paragraphes'],
    es: ['51 actividades', '97 párrafos'],
    ru: ['51 мероприятие', '97 пунктов'],
    zh: ['51项活动', '97段'],
    ar: ['51 نشاطًا', '97 فقرة'],
  };
  for (const [lang, [activities, paragraphs]] of Object.entries(expected)) {
    const { page, problems } = await openPage(lang);
    const got = await page.evaluate(() => [
      document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw-note').textContent,
      document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-count').textContent,
    ]);
    assert.ok(got[0].startsWith(activities), `${lang}: "${got[0]}"`);
    assert.equal(got[1], paragraphs, lang);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('Arabic mirrors: roots, legend and breadcrumb on the right, bars from the right edge of the plot', async () => {
  const measure = async (lang) => {
    const { page, problems } = await openPage(lang);
    const boxes = await chartEval(page, `
      const host = el.getBoundingClientRect();
      const pad = parseFloat(getComputedStyle(root.querySelector('.kw')).paddingInlineStart);
      const legend = root.querySelector('.kw-legend button').getBoundingClientRect();
      const crumb = root.querySelector('.kw-crumbs li').getBoundingClientRect();
      return { left: host.left + pad, right: host.right - pad, legend: [legend.left, legend.right], crumb: [crumb.left, crumb.right] };`);
    await chartEval(page, `root.querySelector('[data-action="measure:status"]').click()`);
    const bars = await page.evaluate(() => {
      const h = document.querySelector('kyoto-pillar-chart').handle;
      return { rects: [...h.barRects()], plot: h.plotRect() };
    });
    return { page, problems, boxes, bars };
  };
  const ar = await measure('ar');
  const en = await measure('en');
  const near = (a, b, what) => assert.ok(Math.abs(a - b) < 2, `${what}: ${a} vs ${b}`);
  near(ar.boxes.legend[1], ar.boxes.right, 'Arabic: first legend button at the right edge');
  near(ar.boxes.crumb[1], ar.boxes.right, 'Arabic: breadcrumb at the right edge');
  near(en.boxes.legend[0], en.boxes.left, 'English: first legend button at the left edge');
  near(en.boxes.crumb[0], en.boxes.left, 'English: breadcrumb at the left edge');

  assert.equal(ar.bars.plot.rtl, true);
  assert.equal(en.bars.plot.rtl, false);
  const arRight = ar.bars.plot.x + ar.bars.plot.width;
  assert.ok(ar.bars.rects.length >= 4);
  for (const b of ar.bars.rects) near(b.x + b.width, arRight, `Arabic bar ${b.label} ends at the plot's right edge`);
  assert.ok(new Set(ar.bars.rects.map((b) => Math.round(b.x))).size > 1, 'Arabic bars grow leftwards by their value');
  for (const b of en.bars.rects) near(b.x, en.bars.plot.x, `English bar ${b.label} starts at the plot's left edge`);
  assert.ok(ar.bars.plot.x > 12, 'the values have room left of the plot');

  // The labels are drawn right of the plot, starting where the layout put
  // them (the plot's right edge + 12 px) and aligned with each other: the
  // canvas's direction is ltr, so 'left' anchors did not turn into 'right'.
  const ink = await page_labelInk(ar.page, ar.bars);
  assert.equal(ink.length, ar.bars.rects.length);
  for (const row of ink) {
    assert.ok(row.width > 20, `label of ${row.label} drawn (${JSON.stringify(row)})`);
    assert.ok(Math.abs(row.left - (arRight + 12)) < 3, `label of ${row.label} starts at the plot's right side: ${row.left} vs ${arRight + 12}`);
  }
  // The value labels sit left of the bars, ending 8 px before them.
  await viewShot(ar.page, 'i18n-ar-status');
  for (const run of [ar, en]) {
    assert.deepEqual(run.problems, []);
    await run.page.close();
  }
});

/** Where dark text is drawn right of the plot, per bar row (CSS px, canvas-relative). */
function page_labelInk(page, { rects, plot }) {
  return page.evaluate(({ rects, plot }) => {
    const c = document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas');
    const k = c.width / c.clientWidth;
    const ctx = c.getContext('2d');
    const from = Math.ceil((plot.x + plot.width + 2) * k);
    return rects.map((b) => {
      const y0 = Math.round((b.y + 6) * k);
      const h = Math.max(1, Math.round((b.height - 12) * k));
      const d = ctx.getImageData(from, y0, c.width - from, h).data;
      const w = c.width - from;
      let left = Infinity; let right = -Infinity;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, bl] = [d[i], d[i + 1], d[i + 2]];
        if (r < 140 && Math.max(r, g, bl) - Math.min(r, g, bl) < 40) {
          const x = (i / 4) % w;
          left = Math.min(left, x); right = Math.max(right, x);
        }
      }
      return { label: b.label, left: (from + left) / k, right: (from + right) / k, width: (right - left) / k };
    });
  }, { rects, plot });
}

test('digits as the page asks: ar-EG writes Arabic-Indic digits, ar the digits Chromium gives it', async () => {
  const digits = async (tag) => {
    const { page, problems } = await openPage(tag);
    const out = await page.evaluate(() => ({
      note: document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw-note').textContent,
      count: document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-count').textContent,
      intl: new Intl.NumberFormat(document.documentElement.lang).format(97),
      lang: document.documentElement.lang,
    }));
    if (tag === 'ar-EG') await viewShot(page, 'i18n-ar-EG');
    assert.deepEqual(problems, []);
    await page.close();
    return out;
  };
  const eg = await digits('ar-EG');
  const ar = await digits('ar');
  assert.equal(eg.lang, 'ar-EG', 'the full tag reaches the page');
  // What Chromium's Intl gives for each (checked: ar-EG → ٩٧, ar → 97).
  assert.equal(eg.intl, '٩٧');
  assert.equal(ar.intl, '97');
  assert.equal(eg.count, '٩٧ فقرة');
  assert.equal(ar.count, '97 فقرة');
  assert.match(eg.note, /^٥١ /);
  assert.match(ar.note, /^51 /);
  assert.doesNotMatch(eg.note, /[0-9]{2}/, 'no Western digits of ours in ar-EG');
});

test('headings kept in English and the Declaration text are marked lang="en" (dir="ltr" in Arabic); data keeps its direction', async () => {
  for (const lang of ['fr', 'ar']) {
    const { page, problems } = await openPage(lang);
    const marks = await page.evaluate(() => {
      const root = document.querySelector('kyoto-paragraph-browser').shadowRoot;
      const h4 = root.querySelector('h4.kw-h-pillar span[lang="en"]');
      const h5 = root.querySelector('h5.kw-h-theme > span');
      const text = root.querySelector('article[data-n="27"] .kw-para-text');
      return {
        pillar: h4 && [h4.textContent, h4.getAttribute('dir')],
        theme: [h5.getAttribute('lang'), h5.getAttribute('dir')],
        text: [text.getAttribute('lang'), text.getAttribute('dir')],
      };
    });
    const dir = lang === 'ar' ? 'ltr' : null;
    assert.deepEqual(marks.pillar, ['Advancing crime prevention', dir], lang);
    assert.deepEqual(marks.theme, ['en', dir], lang);
    assert.deepEqual(marks.text, ['en', dir], lang);
    // Drill down to a pillar: the theme bars' names are English in the table
    // and the breadcrumb says the pillar in the page's language.
    await chartEval(page, `root.querySelector('[data-action="table"]').click()`);
    await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').focus());
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const drilled = await chartEval(page, `return {
      level: el.handle.level(),
      crumb: root.querySelector('.kw-crumbs [aria-current]').textContent,
      rows: [...root.querySelectorAll('tbody th')].map((t) => [t.textContent, t.querySelector('[lang]')?.getAttribute('lang')]),
    }`);
    assert.equal(drilled.level, 'pillar:II');
    assert.equal(drilled.crumb, lang === 'fr' ? 'Pilier II' : 'الركيزة II');
    assert.deepEqual(drilled.rows[1], ['Improving prison conditions', 'en']);
    await page.evaluate(() => document.querySelector('kyoto-pillar-chart').scrollIntoView());
    // The browser follows the chart to pillar II. Expand a paragraph with
    // activities: their titles keep their own direction.
    const article = page.locator('kyoto-paragraph-browser article.kw-para:not(.kw-uncovered)').first();
    await article.locator('button.kw-para-toggle').click();
    const title = await article.locator('.kw-act-title').first().getAttribute('dir');
    assert.equal(title, 'auto');
    if (lang === 'ar') {
      // The tooltip of the focused theme sits on the reading side: its right
      // edge at the bar's right end.
      await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').focus());
      await page.keyboard.press('ArrowDown');
      const tip = await chartEval(page, `
        const t = root.querySelector('.kw-tooltip');
        const c = root.querySelector('canvas').getBoundingClientRect();
        const r = t.getBoundingClientRect();
        const bar = [...el.handle.barRects()][1];
        return { hidden: t.hidden, right: r.right - c.left, barRight: bar.x + bar.width, name: t.querySelector('[lang="en"]')?.textContent };`);
      assert.equal(tip.hidden, false);
      assert.ok(Math.abs(tip.right - tip.barRight) < 2, `tooltip on the reading side: ${tip.right} vs ${tip.barRight}`);
      assert.equal(tip.name, 'Improving prison conditions');
      await viewShot(page, 'i18n-ar-themes');
      await article.evaluate((a) => a.scrollIntoView());
      await viewShot(page, 'i18n-ar-browser');
    }
    assert.deepEqual(problems, [], lang);
    await page.close();
  }
});

test('long French and Russian labels wrap: toolbar buttons stay inside the widget and never overlap', async () => {
  for (const lang of ['ru', 'fr']) {
    const { page, problems } = await openPage(lang, { width: 420, height: 1000 });
    const boxes = await chartEval(page, `
      const host = el.getBoundingClientRect();
      // Buttons not shown (the progress measures without progress data) take no room.
      return { host: [host.left, host.right], buttons: [...root.querySelectorAll('.kw-toolbar button, .kw-legend button')].filter((b) => b.getClientRects().length > 0).map((b) => {
        const r = b.getBoundingClientRect(); return [b.textContent, r.left, r.right, r.top, r.bottom];
      }) };`);
    for (const [name, l, r] of boxes.buttons) {
      assert.ok(l >= boxes.host[0] - 0.5 && r <= boxes.host[1] + 0.5, `${lang} "${name}" inside the widget: ${l}–${r} in ${boxes.host}`);
    }
    for (let i = 0; i < boxes.buttons.length; i++) {
      for (let j = i + 1; j < boxes.buttons.length; j++) {
        const [a, al, ar, at, ab] = boxes.buttons[i];
        const [b, bl, br, bt, bb] = boxes.buttons[j];
        const overlap = Math.min(ar, br) - Math.max(al, bl) > 1 && Math.min(ab, bb) - Math.max(at, bt) > 1;
        assert.ok(!overlap, `${lang}: "${a}" and "${b}" overlap`);
      }
    }
    await page.locator('kyoto-pillar-chart').scrollIntoViewIfNeeded();
    await page.locator('kyoto-pillar-chart').screenshot({ path: path.join(SHOTS, `i18n-${lang}-narrow.png`) });
    assert.deepEqual(problems, [], lang);
    await page.close();
  }
});

// On a phone (360 px) the label column and the values beside the bars left
// them a sliver (about 40 px) and cut the Russian labels ("Декларати…"):
// each label goes above its bar instead, with its value, the bar across.
test('on a phone the bars take the width, their labels above them, in Russian and Arabic', async () => {
  for (const lang of ['ru', 'ar']) {
    const { page, problems } = await openPage(lang, { width: 360, height: 1000 });
    const got = await chartEval(page, `
      const canvas = root.querySelector('canvas');
      return { canvas: canvas.clientWidth, plot: el.handle.plotRect(), bars: el.handle.barRects() };`);
    assert.ok(got.plot.width >= 0.85 * got.canvas, `${lang}: plot ${got.plot.width} of ${got.canvas}`);
    // Each bar starts at the plot's reading edge and stays inside it.
    for (const b of got.bars) {
      const start = lang === 'ar' ? got.plot.x + got.plot.width - (b.x + b.width) : b.x - got.plot.x;
      assert.ok(Math.abs(start) < 0.5 && b.width <= got.plot.width + 0.5, `${lang} ${b.label}: ${JSON.stringify(b)} in ${JSON.stringify(got.plot)}`);
    }
    await page.locator('kyoto-pillar-chart').scrollIntoViewIfNeeded();
    await page.locator('kyoto-pillar-chart').screenshot({ path: path.join(SHOTS, `i18n-${lang}-phone.png`) });
    assert.deepEqual(problems, [], lang);
    await page.close();
  }
});

test('the lang attribute switches a widget (once its text has come); the Arabic timeline keeps time left to right', async () => {
  const { page, problems } = await openPage('en');
  await page.evaluate(() => {
    document.querySelector('kyoto-pillar-chart').setAttribute('lang', 'ar');
    document.querySelector('kyoto-paragraph-browser').setAttribute('lang', 'fr');
  });
  // The Arabic and French texts are fetched on the first switch to them.
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw').getAttribute('dir') === 'rtl'
    && document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-count').textContent === '97 paragraphes');
  const after = await page.evaluate(() => ({
    chart: document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="table"]').textContent,
    dir: document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw').getAttribute('dir'),
    browser: document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-search-label').textContent,
    count: document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-count').textContent,
  }));
  assert.deepEqual(after, {
    chart: catalogue('ar')['chart.table_button'],
    dir: 'rtl',
    browser: catalogue('fr')['browser.search.label'],
    count: '97 paragraphes',
  });
  await chartEval(page, `root.querySelector('[data-action="measure:timeline"]').click(); root.querySelector('[data-action="table"]').click()`);
  const quarters = await chartEval(page, `return [...root.querySelectorAll('tbody th')].map((t) => t.textContent)`);
  assert.equal(quarters[0], 'الربع 1 من 2021');
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').scrollIntoView());
  await viewShot(page, 'i18n-ar-timeline');
  assert.deepEqual(problems, []);
  await page.close();
});

// The presenter sets a slide's lang, view and level in one go: the other
// attributes are applied before the language's text has come. The widget
// speaks English, whole, until it comes, then the language, whole.
test('lang changed with other attributes in one go: no heading or line left in English once the text has come', async () => {
  const { page, problems } = await openPage('en');
  await page.evaluate(() => {
    const c = document.querySelector('kyoto-pillar-chart');
    c.setAttribute('lang', 'ru');
    c.setAttribute('view', 'status');
    c.handle.reset();
  });
  const ru = catalogue('ru');
  await page.waitForFunction((t) => document.querySelector('kyoto-pillar-chart').shadowRoot
    .querySelector('[data-action="table"]').textContent === t, ru['chart.table_button']);
  const shown = await chartEval(page, `return {
    lang: root.querySelector('.kw').getAttribute('lang'),
    crumb: root.querySelector('.kw-crumbs [aria-current]').textContent,
    note: root.querySelector('.kw-note').textContent,
    pressed: root.querySelector('[data-action="measure:status"]').getAttribute('aria-pressed'),
  }`);
  assert.equal(shown.lang, 'ru');
  assert.equal(shown.crumb, ru['chart.level.overview']);
  assert.equal(shown.pressed, 'true');
  assert.ok(shown.note.includes(ru['data.as_of'].split('{date}')[0].trim()), shown.note);
  assert.doesNotMatch(shown.note, /activities|data as of/, shown.note);
  assert.deepEqual(problems, []);
  await page.close();
});

// A page that switches its own language (its <html lang> and dir) switches
// the widgets that have no lang of their own; one with its own keeps it.
test('a page that changes its lang and dir: widgets without a lang of their own follow', async () => {
  const { page, problems } = await openPage('en');
  await page.evaluate(() => document.querySelector('kyoto-paragraph-browser').setAttribute('lang', 'en'));
  await page.evaluate(() => { document.documentElement.lang = 'ru'; });
  await page.waitForFunction((t) => document.querySelector('kyoto-pillar-chart').shadowRoot
    .querySelector('[data-action="table"]').textContent === t, catalogue('ru')['chart.table_button']);
  await page.evaluate(() => { document.documentElement.lang = 'ar'; document.documentElement.dir = 'rtl'; });
  await page.waitForFunction(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('.kw').getAttribute('dir') === 'rtl');
  const shown = await page.evaluate(() => ({
    chart: document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="table"]').textContent,
    browser: document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('.kw-count').textContent,
  }));
  assert.deepEqual(shown, { chart: catalogue('ar')['chart.table_button'], browser: '97 paragraphs' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('import problems in the user\'s language: summary, severity and place translated, the rule in English marked lang="en"', async () => {
  const expected = {
    fr: ['2 lignes lues, 1 chargée, 1 erreur, 0 avertissement', /^erreur : ligne 3, colonne « paragraphs », valeur « 120 » : /],
    ar: ['قُرئ صفان، وعدد الصفوف المحمّلة: 1، خطأ واحد، لا تحذيرات', /^خطأ: الصف 3، العمود «paragraphs»، القيمة «120»: /],
  };
  for (const [lang, [summary, line]] of Object.entries(expected)) {
    const { page, problems } = await openPage(lang);
    const report = await page.evaluate(() => new Promise((resolve) => {
      const chart = document.querySelector('kyoto-pillar-chart');
      chart.addEventListener('kyoto:updated', (e) => resolve(e.detail), { once: true });
      chart.handle.update('id,title,paragraphs,status\na,One,21,done\nb,Two,120,ongoing\n');
    }));
    assert.equal(report.errors, 1);
    const shown = await chartEval(page, `
      const d = root.querySelector('.kw-problems details');
      d.open = true;
      const li = d.querySelector('li');
      const rule = li.querySelector('[lang="en"]');
      // French typography puts no-break spaces before ':' and inside « »: compared as spaces.
      const plain = (t) => t.replace(/\\s/g, ' ');
      return { summary: plain(d.querySelector('summary').textContent), line: plain(li.textContent), rule: rule && [rule.textContent, rule.getAttribute('dir')] };`);
    assert.equal(shown.summary, summary, lang);
    assert.match(shown.line, line);
    // The importer writes its rules in English (core::import): shown as such.
    assert.equal(shown.rule[0], report.problems[0].rule);
    assert.equal(shown.rule[1], lang === 'ar' ? 'ltr' : null);
    assert.ok(shown.line.endsWith(report.problems[0].rule));
    if (lang === 'ar') {
      await page.locator('kyoto-pillar-chart').scrollIntoViewIfNeeded();
      await page.locator('kyoto-pillar-chart').screenshot({ path: path.join(SHOTS, 'i18n-ar-problems.png') });
    }
    assert.deepEqual(problems, [], lang);
    await page.close();
  }
});
