// Hostile data: what an export that many hands edit, a URL anyone can point
// `src` at, or a page calling update() can throw at the widgets. One page holds
// a pillar chart and a paragraph browser that are fed each input (through
// `src`, served with the given status and content type, and through
// handle.update()), and a control chart with the sample. Inputs:
// script tags, event-handler markup, javascript: and data: URLs and HTML in
// every text field (CSV and JSON); right-to-left overrides and zero-width
// characters in titles and ids; a 1 MB cell and a 10,000-character title;
// JSON nested 100,000 deep, over 50 MB, with tens of thousands of keys,
// 1e400, duplicate keys, duplicate ids and wrong types; an empty file, random
// bytes, UTF-16 (LE and BE) and Windows-1252 CSV, an HTML error page served
// with status 200, and a million rows. After each one: no dialog, no
// navigation or popup, no console error, no element made from the data, no
// link that is not http(s); either a clear error (kyoto:error naming what and
// where, and the same message shown in the widget) or the data shown as inert
// text; the widgets are never blank; the control chart still works.
//
// The page has no Content-Security-Policy on purpose: an injected handler
// would run here, so the widgets' own handling is what is tested.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { start, chartPixels, shot, SHOTS } from './harness.mjs';

// ----- the page --------------------------------------------------------------

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile data</title>
<link rel="icon" href="/favicon.svg" data-page><link rel="stylesheet" href="/demo.css" data-page>
<script src="/hostile/helpers.js" data-page></script>
<script type="module" src="/pkg/kyoto.js" data-page></script></head>
<body><main><h1>Hostile data</h1>
<section><h2>Fed the data</h2>
<kyoto-pillar-chart id="chart"></kyoto-pillar-chart>
<kyoto-paragraph-browser id="browser"></kyoto-paragraph-browser></section>
<section><h2>Control: the sample</h2>
<kyoto-pillar-chart id="control"></kyoto-pillar-chart></section>
</main></body></html>`;

// Runs in the page (no CSP): feeds data and reads what the widgets show.
const HELPERS = `
window.kyotoEvents = [];
for (const type of ['kyoto:loaded', 'kyoto:updated', 'kyoto:error']) {
  document.addEventListener(type, (e) => window.kyotoEvents.push({ type, target: e.target.id }));
}
window.longest = 0;
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
  }).observe({ type: 'longtask' });
} catch (e) { /* no long task timing */ }

const clone = (d) => JSON.parse(JSON.stringify(d ?? null));
// The first of kyoto:loaded, kyoto:updated or kyoto:error on el, a crash
// (an uncaught error or rejection on the page), or a timeout.
function next(el, ms) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const types = ['kyoto:loaded', 'kyoto:updated', 'kyoto:error'];
    const handlers = types.map((type) => [type, (e) => finish({ type, detail: clone(e.detail) })]);
    const crash = (e) => finish({ type: 'crash', detail: { message: String(e.message || e.reason) } });
    const timer = setTimeout(() => finish({ type: 'timeout', detail: {} }), ms);
    function finish(r) {
      clearTimeout(timer);
      for (const [t, h] of handlers) el.removeEventListener(t, h);
      window.removeEventListener('error', crash);
      window.removeEventListener('unhandledrejection', crash);
      r.ms = Math.round(performance.now() - t0);
      resolve(r);
    }
    for (const [t, h] of handlers) el.addEventListener(t, h);
    window.addEventListener('error', crash);
    window.addEventListener('unhandledrejection', crash);
  });
}

// Data described by the test, made here (big inputs are not sent over the wire).
function make(spec) {
  switch (spec.kind) {
    case 'raw': return spec.value;
    case 'undefined': return undefined;
    case 'bytes': return Uint8Array.from(atob(spec.b64), (c) => c.charCodeAt(0));
    case 'buffer': return Uint8Array.from(atob(spec.b64), (c) => c.charCodeAt(0)).buffer;
    case 'rows': {
      const s = ['completed', 'ongoing', 'planned'];
      const parts = ['id,title,paragraphs,status\\n'];
      for (let i = 0; i < spec.n; i++) parts.push('R' + i + ',Activity ' + i + ',' + (1 + (i % 97)) + ',' + s[i % 3] + '\\n');
      return parts.join('');
    }
    case 'hugeString':
      return '{"activities":[{"id":"a","title":"' + 'x'.repeat(spec.n) + '","paragraphs":21,"status":"done"}]}';
    default: throw new Error('unknown spec ' + spec.kind);
  }
}

window.hostile = {
  async feedSrc(url, ids, ms) {
    const els = ids.map((id) => document.getElementById(id));
    const waits = els.map((el) => next(el, ms));
    for (const el of els) el.setAttribute('src', url);
    const out = {};
    (await Promise.all(waits)).forEach((r, i) => { out[ids[i]] = r; });
    return out;
  },
  async feedUpdate(spec, ids, ms) {
    const data = make(spec);
    const out = {};
    for (const id of ids) {
      const el = document.getElementById(id);
      const wait = next(el, ms);
      try {
        el.handle.update(data);
      } catch (e) {
        out[id] = { type: 'throw', detail: { message: String(e && e.message || e) } };
        continue;
      }
      out[id] = await wait;
    }
    return out;
  },
  // Everything the checks need to know about the page and the widgets.
  inspect() {
    const ids = ['chart', 'browser', 'control'];
    const roots = ids.map((id) => document.getElementById(id).shadowRoot);
    const BAD = 'script, img, image, iframe, frame, object, embed, svg, math, style, link, meta, base, form, video, audio, source, template';
    const injected = [];
    roots.forEach((r, i) => r.querySelectorAll(BAD).forEach((e) => injected.push(ids[i] + ': <' + e.localName + '>')));
    document.querySelectorAll(BAD).forEach((e) => {
      if (e.hasAttribute('data-page') || (e.localName === 'meta' && e.hasAttribute('charset'))) return;
      injected.push('document: <' + e.localName + '>');
    });
    const handlers = [];
    const urls = [];
    const scan = (scope, name) => scope.querySelectorAll('*').forEach((e) => {
      for (const a of e.attributes) {
        if (/^on/i.test(a.name)) handlers.push(name + ': <' + e.localName + ' ' + a.name + '>');
        if (/^kyoto-/.test(e.localName) && a.name === 'src') continue; // set by the test
        if (/^(href|src|action|formaction|xlink:href|srcdoc|data)$/i.test(a.name)) urls.push({ where: name, tag: e.localName, attr: a.name, value: a.value, data: e.hasAttribute('data-page') });
      }
    });
    scan(document, 'document');
    roots.forEach((r, i) => scan(r, ids[i]));
    const visible = (e) => !!e && !e.hidden && e.getClientRects().length > 0 && e.getBoundingClientRect().height > 0;
    const widgets = {};
    ids.forEach((id, i) => {
      const r = roots[i];
      const error = r.querySelector('.kw-error');
      widgets[id] = {
        errorVisible: visible(error),
        errorText: error ? error.textContent : '',
        problemsText: (r.querySelector('.kw-problems') || {}).textContent || '',
        noteText: (r.querySelector('.kw-note') || {}).textContent || '',
        paragraphs: r.querySelectorAll('.kw-para').length,
      };
    });
    return { injected, handlers, urls, widgets, frames: window.frames.length };
  },
  // The activities the browser lists under paragraph n, as text by part.
  activities(n) {
    const b = document.getElementById('browser');
    b.handle.open(n);
    const art = b.shadowRoot.querySelector('article[data-n="' + n + '"]');
    if (!art) return null;
    return [...art.querySelectorAll('.kw-act')].map((li) => {
      const meta = {};
      const dts = li.querySelectorAll('.kw-act-meta dt');
      dts.forEach((dt) => { meta[dt.textContent] = dt.nextElementSibling ? dt.nextElementSibling.textContent : null; });
      const title = li.querySelector('.kw-act-title');
      return {
        title: title.textContent,
        titleElements: [...title.querySelectorAll('*')].filter((e) => !e.classList.contains('kw-sr')).map((e) => e.localName),
        titleDir: title.getAttribute('dir'),
        links: [...li.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel'), text: a.textContent })),
        description: (li.querySelector('.kw-act-desc') || {}).textContent ?? null,
        line: li.querySelector('.kw-act-line').textContent,
        meta,
        text: li.textContent,
      };
    });
  },
  // x of the middle of each character of word, in the first text node under
  // root that holds it: left to right means increasing.
  positions(root, word) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const from = n.data.indexOf(word);
      if (from < 0) continue;
      const xs = [];
      for (let k = 0; k < word.length; k++) {
        const range = document.createRange();
        range.setStart(n, from + k);
        range.setEnd(n, from + k + 1);
        const rect = range.getBoundingClientRect();
        xs.push(Math.round((rect.left + rect.width / 2) * 10) / 10);
      }
      return xs;
    }
    return null;
  },
  // Horizontal overflow: every widget inside its box, the page no wider than the window.
  layout() {
    const main = document.querySelector('main').getBoundingClientRect();
    const out = { page: document.documentElement.scrollWidth, window: window.innerWidth, widgets: {} };
    for (const id of ['chart', 'browser', 'control']) {
      const host = document.getElementById(id);
      const box = host.getBoundingClientRect();
      const root = host.shadowRoot.querySelector('.kw');
      let widest = null;
      host.shadowRoot.querySelectorAll('*').forEach((e) => {
        if (e.closest('.kw-sr, [hidden]')) return; // visually hidden, clipped to 1 px
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return;
        if (r.right > box.right + 1 && (!widest || r.right > widest.right)) widest = { tag: e.localName, cls: e.className, right: Math.round(r.right) };
      });
      // Text cut off: a block of data text wider than itself (its overflow clipped by an ancestor).
      const cut = [...host.shadowRoot.querySelectorAll('.kw-act-title, .kw-act-desc, .kw-act-meta dd, .kw-note, .kw-error p, .kw-problems li')]
        .filter((e) => !e.closest('.kw-sr, [hidden]') && e.getClientRects().length && e.scrollWidth > e.clientWidth + 1)
        .map((e) => ({ cls: e.className || e.localName, scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
      out.widgets[id] = { left: box.left, right: box.right, mainRight: main.right, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest, cut };
    }
    return out;
  },
  // A fingerprint of a chart's canvas.
  signature(id) {
    const c = document.getElementById(id).shadowRoot.querySelector('canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0, ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) ink++;
      if (i % 64 === 0) h = (Math.imul(h, 31) + d[i] + 3 * d[i + 1] + 7 * d[i + 2]) | 0;
    }
    return { w: c.width, h: c.height, hash: h, ink };
  },
};
`;

// What /hostile/data answers, by ?k=.
const served = new Map();
let serial = 0;
const routes = {
  '/hostile/page.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE),
  '/hostile/helpers.js': (req, res) => res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(HELPERS),
  '/hostile/data': (req, res) => {
    const key = new URL(req.url, 'http://127.0.0.1').searchParams.get('k');
    const s = served.get(key);
    if (!s) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(s.status, { 'content-type': s.type, 'cache-control': 'no-store' }).end(s.body);
  },
};

let ctx;
before(async () => { ctx = await start({ routes }); });
after(async () => { await ctx.close(); });

// ----- inputs ------------------------------------------------------------------

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<b>bold</b><a href="javascript:alert(1)">link</a><iframe src="javascript:alert(1)"></iframe><svg onload=alert(1)>"><img src=x onerror=alert(1)>',
];
const SAFE_URL = 'https://example.org/kyoto?q="><script>alert(1)</script>';
const TEXT_FIELDS = ['title', 'description', 'lead', 'partners', 'countries', 'url', 'source'];
const COLUMNS = ['id', 'title', 'paragraphs', 'status', 'description', 'start', 'track', 'lead', 'partners', 'countries', 'url', 'source'];

// Every hostile value in every text field; one row whose start and track the
// chart reports as warnings (so that the chart shows them); one safe link.
function xssActivities() {
  const acts = XSS.map((p, i) => {
    const a = { id: `xss-${i + 1}`, paragraphs: '21', status: 'ongoing' };
    for (const f of TEXT_FIELDS) a[f] = p;
    return a;
  });
  acts.push({ id: 'xss-warn', title: 'Values the chart reports', paragraphs: '21', status: 'planned', start: XSS[1], track: XSS[0] });
  acts.push({ id: 'xss-link', title: 'A safe link', paragraphs: '21', status: 'completed', url: SAFE_URL });
  return acts;
}

function csvCell(v) {
  const s = v == null ? '' : String(v);
  return /[",\n\r;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
/** CSV as Excel writes it: an optional title row, a header, rows. */
function toCsv(rows, { columns = COLUMNS, title, extra = [] } = {}) {
  const lines = [];
  if (title != null) lines.push(csvCell(title));
  lines.push([...columns, ...extra.map((e) => e.name)].map(csvCell).join(','));
  for (const r of rows) lines.push([...columns.map((c) => csvCell(r[c])), ...extra.map((e) => csvCell(e.value))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
/** The export's JSON form. */
function toJson(rows, top = {}) {
  return JSON.stringify({ version: 1, ...top, activities: rows.map((r) => ({ ...r, paragraphs: Number(r.paragraphs) || r.paragraphs })) });
}
/** How a list cell is split into items (docs/data-format.md, Lists). */
function listItems(s) {
  const parts = s.includes('\n') ? s.split('\n') : s.includes(';') ? s.split(';') : s.split(',');
  return parts.map((p) => p.trim()).filter(Boolean);
}
const b64 = (buf) => ({ kind: 'bytes', b64: Buffer.from(buf).toString('base64') });
const short = (s, n = 300) => (s && s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

// A random byte generator with a fixed seed (mulberry32).
function randomBytes(n, seed) {
  const out = Buffer.alloc(n);
  let a = seed;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const UTF16_BOM_LE = Buffer.from([0xff, 0xfe]);
function utf16(text, bigEndian) {
  const le = Buffer.from(text, 'utf16le');
  if (!bigEndian) return Buffer.concat([UTF16_BOM_LE, le]);
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) { be[i] = le[i + 1]; be[i + 1] = le[i]; }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}
// Windows-1252: Latin-1, plus the letters and signs it puts at 0x80–0x9F.
const CP1252_EXTRA = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, 'Œ': 0x8c, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Ÿ': 0x9f };
function windows1252(text) {
  return Buffer.from([...text].map((c) => {
    if (c in CP1252_EXTRA) return CP1252_EXTRA[c];
    const n = c.codePointAt(0);
    if (n > 0xff || (n >= 0x80 && n < 0xa0)) throw new Error(`not in windows-1252: ${c}`);
    return n;
  }));
}

// ----- the session and the checks ---------------------------------------------------

/** A fresh page: the three widgets drawn, the browser narrowed to paragraph 21, the control's baseline. */
async function session() {
  const page = await ctx.context.newPage();
  const problems = [];
  const popups = [];
  const navigations = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${short(m.text(), 400)}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${short(e.message, 400)}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('popup', (p) => popups.push(p.url()));
  await page.goto(`${ctx.url}hostile/page.html`);
  const url = page.url();
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations.push(f.url()); });
  await page.waitForFunction(() => ['chart', 'browser', 'control'].every((id) => document.getElementById(id)?.handle));
  await chartPixels(page, '#chart');
  const controlPx = await chartPixels(page, '#control');
  assert.ok(controlPx.ink > 10000, 'the control chart draws');
  await page.evaluate(() => document.getElementById('browser').handle.setQuery('pillar=I&theme=1'));
  const paras = await page.evaluate(() => [...document.getElementById('browser').shadowRoot.querySelectorAll('.kw-para')].map((a) => a.dataset.n));
  assert.deepEqual(paras, ['21'], 'the browser is narrowed to paragraph 21');
  const baseline = await page.evaluate(() => {
    const c = document.getElementById('control');
    return { detail: JSON.stringify(c.handle.detail()), table: c.handle.tableCsv(), sig: window.hostile.signature('control') };
  });
  return { page, problems, popups, navigations, url, baseline };
}

/** Serves `body` at a fresh URL and sets it as the `src` of the widgets. */
async function viaSrc(s, name, body, { status = 200, type = 'text/csv; charset=utf-8', ids = ['chart', 'browser'], ms = 30000 } = {}) {
  const key = `${name}-${++serial}`;
  served.set(key, { status, type, body });
  const url = `/hostile/data?k=${encodeURIComponent(key)}`;
  try {
    const out = await s.page.evaluate(([u, i, m]) => window.hostile.feedSrc(u, i, m), [url, ids, ms]);
    return { how: `src ${name}`, url, out };
  } finally {
    served.delete(key);
  }
}

/** Calls handle.update() on the widgets with the data `spec` makes in the page. */
async function viaUpdate(s, name, spec, { ids = ['chart', 'browser'], ms = 30000 } = {}) {
  if (typeof spec === 'string') spec = { kind: 'raw', value: spec };
  else if (Buffer.isBuffer(spec)) spec = b64(spec);
  else if (!spec.kind) spec = { kind: 'raw', value: spec };
  const out = await s.page.evaluate(([sp, i, m]) => window.hostile.feedUpdate(sp, i, m), [spec, ids, ms]);
  return { how: `update() ${name}`, out };
}

/** No script ran, nothing navigated, nothing was made from the data, no unsafe link. */
async function checkSafe(s, label) {
  const info = await s.page.evaluate(() => window.hostile.inspect());
  assert.deepEqual(s.problems, [], `${label}: no dialog, console error or page error`);
  assert.equal(s.page.url(), s.url, `${label}: the page did not navigate`);
  assert.deepEqual(s.navigations, [], `${label}: no navigation`);
  assert.deepEqual(s.popups, [], `${label}: no popup`);
  assert.equal(s.page.context().pages().filter((p) => p !== s.page && p.url() !== 'about:blank' && !p.url().startsWith(ctx.url)).length, 0, `${label}: no new page`);
  assert.deepEqual(info.injected, [], `${label}: no element made from the data`);
  assert.deepEqual(info.handlers, [], `${label}: no event-handler attribute`);
  assert.equal(info.frames, 0, `${label}: no frame`);
  for (const u of info.urls) {
    if (u.data) continue; // the page's own script and style links
    assert.equal(u.tag, 'a', `${label}: only links carry a URL (${u.where} <${u.tag} ${u.attr}>)`);
    assert.match(u.value, /^https?:\/\//i, `${label}: a link in ${u.where} is http(s): ${u.value}`);
  }
  return info;
}

/**
 * For each widget fed: the outcome `expect` wants ('error', 'loaded' or 'either'),
 * and the widget agrees with it: an error is an event with a message that
 * (for src) names the URL, shown in the widget; loaded data hides the error box.
 */
function checkOutcome(fed, info, expect, label = fed.how) {
  for (const [id, r] of Object.entries(fed.out)) {
    const w = info.widgets[id];
    const msg = r.detail?.message;
    const what = `${label} → #${id}: ${r.type} ${short(msg ?? '', 200)}`;
    assert.ok(['kyoto:error', 'kyoto:loaded', 'kyoto:updated'].includes(r.type), `${what}: a kyoto event, not ${r.type}`);
    if (expect === 'error') assert.equal(r.type, 'kyoto:error', what);
    if (expect === 'loaded') assert.notEqual(r.type, 'kyoto:error', what);
    if (r.type === 'kyoto:error') {
      assert.equal(typeof msg, 'string', what);
      assert.ok(msg.length >= 15, `${what}: the message says something`);
      if (fed.url) assert.ok(msg.includes(fed.url), `${what}: the message names the URL`);
      assert.ok(w.errorVisible, `${what}: the error is shown in the widget`);
      assert.ok(w.errorText.includes(msg), `${what}: the widget shows the message (${short(w.errorText, 200)})`);
    } else {
      assert.equal(w.errorVisible, false, `${what}: no error box once data loaded`);
    }
  }
}

/** Neither widget fed is blank: the chart has ink, the browser paragraphs (or an error shows). */
async function checkNotBlank(s, info, label) {
  const px = await chartPixels(s.page, '#chart');
  assert.ok(px.ink > 10000 || info.widgets.chart.errorVisible, `${label}: the chart is not blank (ink ${px.ink})`);
  assert.ok(info.widgets.browser.paragraphs > 0 || info.widgets.browser.errorVisible, `${label}: the browser is not blank`);
}

/** Everything after one input. */
async function verify(s, fed, expect) {
  const info = await checkSafe(s, fed.how);
  checkOutcome(fed, info, expect);
  await checkNotBlank(s, info, fed.how);
  return info;
}

/** The control chart: same data, redraws on render(), a legend click changes it and back. */
async function checkControl(s) {
  const page = s.page;
  const r = await page.evaluate(() => {
    const c = document.getElementById('control');
    const legend = c.shadowRoot.querySelector('[data-action="legend:0"]');
    const before = { detail: JSON.stringify(c.handle.detail()), table: c.handle.tableCsv() };
    c.handle.render();
    const rendered = window.hostile.signature('control');
    legend.click();
    const hidden = { table: c.handle.tableCsv(), sig: window.hostile.signature('control'), pressed: legend.getAttribute('aria-pressed') };
    legend.click();
    const back = { table: c.handle.tableCsv(), sig: window.hostile.signature('control'), pressed: legend.getAttribute('aria-pressed') };
    return { before, rendered, hidden, back };
  });
  assert.equal(r.before.detail, s.baseline.detail, 'the control chart still shows the sample');
  assert.equal(r.before.table, s.baseline.table, 'the control chart\'s numbers are unchanged');
  assert.ok(r.rendered.ink > 10000, `the control chart redraws with ink (${r.rendered.ink})`);
  assert.equal(r.hidden.pressed, 'false', 'the legend button toggles');
  assert.notEqual(r.hidden.table, s.baseline.table, 'hiding a status changes the control\'s numbers');
  assert.notEqual(r.hidden.sig.hash, r.rendered.hash, 'hiding a status redraws the control');
  assert.equal(r.back.pressed, 'true');
  assert.equal(r.back.table, s.baseline.table, 'showing it again restores the numbers');
  assert.equal(r.back.sig.hash, r.rendered.hash, 'and the picture');
  await s.page.close();
}

const activities = (s, n = 21) => s.page.evaluate((k) => window.hostile.activities(k), n);

// ----- the tests -------------------------------------------------------------------

/** The browser shows every hostile value as the text it is, in every field it shows. */
function checkInertActivities(acts, label) {
  assert.ok(acts, `${label}: paragraph 21 is listed`);
  for (const p of XSS) {
    const a = acts.find((x) => x.title === p);
    assert.ok(a, `${label}: an activity titled ${JSON.stringify(p)} is listed as text (titles: ${JSON.stringify(acts.map((x) => x.title))})`);
    assert.deepEqual(a.titleElements, [], `${label}: the title ${p} is text, not markup`);
    assert.deepEqual(a.links, [], `${label}: ${p} as url is no link`);
    assert.equal(a.description, p, `${label}: description shown as text`);
    assert.equal(a.meta.Lead, p, `${label}: lead shown as text`);
    assert.equal(a.meta.Source, p, `${label}: source shown as text`);
    for (const item of listItems(p)) {
      assert.ok(a.meta.Countries?.includes(item), `${label}: country ${item} shown as text (${a.meta.Countries})`);
      assert.ok(a.meta.Partners?.includes(item), `${label}: partner ${item} shown as text (${a.meta.Partners})`);
    }
  }
  const link = acts.find((x) => x.title.startsWith('A safe link'));
  assert.ok(link, `${label}: the activity with a safe link is listed`);
  assert.equal(link.links.length, 1, `${label}: an https URL becomes one link`);
  assert.equal(link.links[0].href, SAFE_URL, `${label}: the link's href is the URL as given`);
  assert.equal(link.links[0].target, '_blank');
  assert.deepEqual(link.links[0].rel.split(/\s+/).sort(), ['noopener', 'noreferrer']);
}

/** The chart shows the dataset title and the values it reports as text. */
function checkChartText(info, title, label, extraName) {
  const chart = info.widgets.chart;
  assert.ok(chart.noteText.includes(title), `${label}: the chart's note shows the title as text (${short(chart.noteText)})`);
  assert.ok(chart.problemsText.includes(XSS[1]), `${label}: the chart's report shows the start value as text`);
  assert.ok(chart.problemsText.includes(XSS[0]), `${label}: the chart's report shows the track value as text`);
  if (extraName) assert.ok(chart.problemsText.includes(extraName), `${label}: the report names the unknown column as text`);
}

test('script tags, handlers, javascript: and data: URLs and markup in every text field of a CSV', async () => {
  const s = await session();
  const rows = xssActivities();
  const extra = [{ name: XSS[1], value: XSS[0] }];
  const csv = toCsv(rows, { title: XSS[4], extra });
  const feeds = [
    () => viaSrc(s, 'xss.csv', csv),
    () => viaUpdate(s, 'xss csv text', csv),
    () => viaUpdate(s, 'xss csv bytes', Buffer.from(csv)),
    () => viaSrc(s, 'xss.csv as text/html', csv, { type: 'text/html' }),
  ];
  for (const feed of feeds) {
    const fed = await feed();
    const info = await verify(s, fed, 'loaded');
    for (const r of Object.values(fed.out)) {
      assert.equal(r.detail.activities, rows.length, `${fed.how}: every row loads`);
      assert.equal(r.detail.errors, 0, `${fed.how}: no error`);
      assert.equal(r.detail.title, XSS[4], `${fed.how}: the title row is the dataset's title, as given`);
    }
    checkChartText(info, XSS[4], fed.how, XSS[1]);
    checkInertActivities(await activities(s), fed.how);
    await checkSafe(s, `${fed.how}, paragraph 21 open`);
  }
  // The report opened, the hostile values read as text: a picture of it.
  await s.page.evaluate(() => { document.getElementById('chart').shadowRoot.querySelector('.kw-problems details').open = true; });
  await s.page.evaluate(() => document.getElementById('browser').shadowRoot.querySelector('.kw-act').scrollIntoView());
  await shot(s.page, 'hostile-text');
  await checkSafe(s, 'after the screenshot');
  await checkControl(s);
});

test('the same in a JSON export: text, keys and the dataset title, as a string and as an object', async () => {
  const s = await session();
  const rows = xssActivities();
  rows[0][XSS[1]] = XSS[0]; // an unknown key that is markup
  const top = { title: XSS[0], [XSS[4]]: XSS[2] };
  const json = toJson(rows, top);
  const feeds = [
    () => viaSrc(s, 'xss.json', json, { type: 'application/json' }),
    () => viaSrc(s, 'xss.json as text/html', json, { type: 'text/html; charset=utf-8' }),
    () => viaUpdate(s, 'xss json text', json),
    () => viaUpdate(s, 'xss json object', JSON.parse(json)),
  ];
  for (const feed of feeds) {
    const fed = await feed();
    const info = await verify(s, fed, 'loaded');
    for (const r of Object.values(fed.out)) {
      assert.equal(r.detail.activities, rows.length, `${fed.how}: every activity loads`);
      assert.equal(r.detail.errors, 0, `${fed.how}: no error`);
      assert.equal(r.detail.title, XSS[0], `${fed.how}: the title as given`);
    }
    checkChartText(info, XSS[0], fed.how, XSS[1]);
    assert.ok(info.widgets.chart.problemsText.includes(XSS[4].slice(0, 40)), `${fed.how}: the unknown top-level key is named as text`);
    checkInertActivities(await activities(s), fed.how);
    await checkSafe(s, `${fed.how}, paragraph 21 open`);
  }
  await checkControl(s);
});

// URLs that must never become links (README, Security: only http: and https:).
const UNSAFE_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'java\tscript:alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '//evil.example/steal',
  'https:alert(1)',
  'http://',
  'https://\u202Eevil.example',
];
const urlRows = () => UNSAFE_URLS.map((u, i) => ({ id: `url-${i + 1}`, title: `Link ${i + 1}`, paragraphs: '21', status: 'ongoing', url: u }));

test('javascript:, data: and other non-http URLs never become links', async () => {
  const s = await session();
  const rows = urlRows();
  for (const feed of [() => viaUpdate(s, 'urls csv', toCsv(rows)), () => viaSrc(s, 'urls.json', toJson(rows), { type: 'application/json' })]) {
    const fed = await feed();
    await verify(s, fed, 'loaded');
    for (const r of Object.values(fed.out)) assert.equal(r.detail.activities, rows.length, `${fed.how}: every row loads`);
    const acts = await activities(s);
    for (const [i] of UNSAFE_URLS.entries()) {
      const a = acts.find((x) => x.title === `Link ${i + 1}`);
      assert.ok(a, `${fed.how}: Link ${i + 1} is listed`);
      assert.deepEqual(a.links, [], `${fed.how}: ${JSON.stringify(UNSAFE_URLS[i])} is no link`);
    }
    await checkSafe(s, `${fed.how}, paragraph 21 open`);
  }
  await checkControl(s);
});

test('a URL that is not http(s) is shown as inert text (README, Security: "shown as inert text")', async () => {
  const s = await session();
  const fed = await viaUpdate(s, 'urls csv', toCsv(urlRows()));
  await verify(s, fed, 'loaded');
  const acts = await activities(s);
  const missing = UNSAFE_URLS.map((u, i) => [u, acts.find((x) => x.title === `Link ${i + 1}`)])
    .filter(([u, a]) => !a || !a.text.includes(u.trim()))
    .map(([u]) => u);
  await checkSafe(s, 'urls shown');
  await checkControl(s);
  assert.deepEqual(missing, [], 'every url that is not a link is still shown, as text, with its activity');
});

// Right-to-left override and zero-width characters in ids and titles.
const RLO = '\u202E';
const bidiRows = () => [
  { id: `bidi${RLO}1`, title: `Annual report ${RLO}fdp.exe`, paragraphs: '21', status: 'completed', lead: `${RLO}UNODC` },
  { id: 'bidi\u200B1', title: 'Zero\u200Bwidth\u200Djoiner\uFEFFtitle', paragraphs: '21', status: 'ongoing', lead: 'Lead B' },
  { id: 'bidi\u200D1', title: `\uFEFF${RLO}\u200B`, paragraphs: '21', status: 'planned' },
  { id: 'bidi\uFEFF1', title: 'Title with a BOM\uFEFF inside', paragraphs: '21', status: 'planned' },
  { id: 'bidi1', title: 'Plain', paragraphs: '21', status: 'planned' },
  { id: `bidi${RLO}1`, title: 'Duplicate of the first id', paragraphs: '21', status: 'completed' },
];

test('right-to-left override and zero-width characters in ids and titles: kept as given, ids told apart, the duplicate named', async () => {
  const s = await session();
  const rows = bidiRows();
  const feeds = [
    () => viaSrc(s, 'bidi.csv', toCsv(rows, { columns: ['id', 'title', 'paragraphs', 'status', 'lead'] })),
    () => viaUpdate(s, 'bidi json', toJson(rows, { title: `${RLO}Kyoto export`, updated: '2022-12-05' })),
  ];
  for (const feed of feeds) {
    const fed = await feed();
    const info = await verify(s, fed, 'loaded');
    for (const r of Object.values(fed.out)) {
      assert.equal(r.detail.activities, 5, `${fed.how}: five distinct ids load (zero-width characters and the override make ids of their own)`);
      assert.equal(r.detail.errors, 1, `${fed.how}: one duplicate`);
      const dup = r.detail.problems.find((p) => p.rule.includes('already used'));
      assert.ok(dup, `${fed.how}: the duplicate id is reported`);
      // Invisible direction controls are named in reports, never applied to the report's own words.
      assert.equal(dup.value, 'bidi<U+202E>1', `${fed.how}: the duplicate's value names the override`);
      assert.equal(dup.row, fed.url ? 7 : 6, `${fed.how}: the duplicate's row`);
      assert.match(dup.rule, fed.url ? /used by row 2/ : /used by activity 1/);
    }
    assert.ok(info.widgets.chart.problemsText.includes('bidi<U+202E>1'), `${fed.how}: the chart's report shows the id`);
    const acts = await activities(s);
    for (const r of rows.slice(0, 5)) {
      const a = acts.find((x) => x.title === r.title);
      assert.ok(a, `${fed.how}: the title ${JSON.stringify(r.title)} is shown as given (${JSON.stringify(acts.map((x) => x.title))})`);
      assert.equal(a.titleDir, 'auto', `${fed.how}: a title is its own direction's block`);
    }
    // The status after the overridden title still reads left to right.
    const xs = await s.page.evaluate(() => {
      const li = [...document.getElementById('browser').shadowRoot.querySelectorAll('.kw-act')].find((e) => e.textContent.includes('fdp.exe'));
      return window.hostile.positions(li.querySelector('.kw-act-line'), 'Completed');
    });
    assert.ok(xs && xs.every((x, i) => i === 0 || x > xs[i - 1]), `${fed.how}: "Completed" after the overridden title reads left to right (${xs})`);
    await checkSafe(s, `${fed.how}, paragraph 21 open`);
  }
  // The dataset title is isolated: the date after it reads left to right.
  const note = await s.page.evaluate(() => {
    const n = document.getElementById('chart').shadowRoot.querySelector('.kw-note');
    return { bdi: n.querySelector('bdi')?.textContent, xs: window.hostile.positions(n, 'December') };
  });
  assert.equal(note.bdi, `${RLO}Kyoto export`, 'the title is in a <bdi>');
  assert.ok(note.xs && note.xs.every((x, i) => i === 0 || x > note.xs[i - 1]), `the date after it reads left to right (${note.xs})`);
  await checkControl(s);
});

test('a right-to-left override in data does not reorder the interface around it (README, Security)', async () => {
  const s = await session();
  const fed = await viaSrc(s, 'bidi.csv', toCsv(bidiRows(), { columns: ['id', 'title', 'paragraphs', 'status', 'lead'] }));
  await verify(s, fed, 'loaded');
  const found = await s.page.evaluate((rlo) => {
    const root = document.getElementById('chart').shadowRoot;
    root.querySelector('.kw-problems details').open = true;
    const li = [...root.querySelectorAll('.kw-problems li')].find((e) => e.textContent.includes('already used'));
    // The lead filter: "‮UNODC (1)": is the count after the data still overridden?
    const options = [...document.getElementById('browser').shadowRoot.querySelectorAll('select[data-field="lead"] option')].map((o) => o.textContent);
    const lead = options.find((o) => o.includes(rlo + 'UNODC'));
    return {
      line: li?.textContent,
      already: li && window.hostile.positions(li, 'already'),
      unique: li && window.hostile.positions(li, 'unique'),
      lead,
    };
  }, RLO);
  await s.page.locator('#chart .kw-problems').screenshot({ path: path.join(SHOTS, 'hostile-bidi-report.png') });
  await checkSafe(s, 'bidi');
  await checkControl(s);
  // Embeddings and overrides still open at the end of a text (U+202A–U+202E
  // open, U+202C closes; isolates U+2066–U+2068 open, U+2069 closes).
  const open = (text) => {
    const stack = [];
    for (const c of text) {
      if ('\u202A\u202B\u202D\u202E'.includes(c) || '\u2066\u2067\u2068'.includes(c)) stack.push(c);
      else if (c === '\u202C' && stack.length && !'\u2066\u2067\u2068'.includes(stack.at(-1))) stack.pop();
      else if (c === '\u2069') { while (stack.length && !'\u2066\u2067\u2068'.includes(stack.pop())); }
    }
    return stack.filter((c) => c === '\u202E' || c === '\u202D');
  };
  const ltr = (xs) => xs && xs.every((x, i) => i === 0 || x > xs[i - 1]);
  const bad = [];
  if (!ltr(found.already) || !ltr(found.unique)) bad.push(`the problem line "${found.line}" reads backwards after the id: "already" at x ${found.already}, "unique" at x ${found.unique}`);
  // Everything before the count: the lead and whatever closes it.
  const countAt = found.lead ? found.lead.lastIndexOf(' (') : -1;
  const leadCount = found.lead?.slice(countAt) ?? '';
  if (!found.lead) bad.push('the lead is not offered in the lead filter');
  else if (open(found.lead.slice(0, countAt)).length) bad.push(`the lead filter option ${JSON.stringify(found.lead)} leaves the override open over its count ${JSON.stringify(leadCount)}`);
  assert.deepEqual(bad, []);
});

test('a 1 MB cell and a 10,000-character title: loaded and shown in full, the layout holds', async () => {
  const s = await session();
  const longTitle = 'Kyoto'.repeat(2000); // 10,000 characters, no space to break at
  const words = 'crime prevention criminal justice rule of law ';
  const megaDescription = words.repeat(Math.ceil(1_000_000 / words.length)).slice(0, 1_000_000).trim();
  const megaSource = 'S'.repeat(1_000_000);
  const rows = [
    { id: 'L-1', title: longTitle, paragraphs: '21', status: 'ongoing', lead: longTitle },
    { id: 'L-2', title: 'A megabyte of description', paragraphs: '21', status: 'completed', description: megaDescription, source: megaSource },
    { id: 'L-3', title: 'A megabyte of status', paragraphs: '21', status: 'x'.repeat(1_000_000) },
  ];
  const csv = toCsv(rows);
  assert.ok(csv.length > 3_000_000 && csv.length < 3_100_000);
  const check = async (fed) => {
    const info = await verify(s, fed, 'loaded');
    for (const r of Object.values(fed.out)) {
      assert.equal(r.detail.activities, 2, `${fed.how}: the two good rows load`);
      assert.equal(r.detail.errors, 1, `${fed.how}: the megabyte status is an error`);
      const p = r.detail.problems.find((x) => x.column === 'status');
      assert.ok(p.value.length <= 61, `${fed.how}: the problem shows the value shortened (${p.value.length} chars)`);
      assert.ok(p.message.length < 400, `${fed.how}: the problem line stays short (${p.message.length} chars)`);
    }
    assert.ok(info.widgets.chart.problemsText.length < 2000, 'the chart\'s report stays short');
    const acts = await activities(s);
    const a1 = acts.find((x) => x.title === longTitle);
    const a2 = acts.find((x) => x.title === 'A megabyte of description');
    assert.ok(a1, `${fed.how}: the 10,000-character title is shown in full`);
    assert.equal(a1.meta.Lead, longTitle);
    assert.equal(a2?.description, megaDescription, `${fed.how}: the 1 MB description is shown in full`);
    assert.equal(a2?.meta.Source, megaSource, `${fed.how}: the 1 MB source is shown in full`);
    const overflow = [];
    for (const which of ['title', 'desc', 'source']) {
      await s.page.evaluate(([w, t]) => {
        const acts = [...document.getElementById('browser').shadowRoot.querySelectorAll('.kw-act')];
        const li = w === 'title' ? acts.find((e) => e.querySelector('.kw-act-title').textContent === t) : acts.find((e) => e.textContent.includes('A megabyte of description'));
        const target = w === 'source' ? li.querySelector('.kw-act-meta') : li;
        target.scrollIntoView({ block: 'start' });
      }, [which, longTitle]);
      const l = await s.page.evaluate(() => window.hostile.layout());
      if (l.page > l.window) overflow.push(`${which} in view: the page is ${l.page} px wide in a ${l.window} px window`);
      for (const [id, w] of Object.entries(l.widgets)) {
        if (w.scrollWidth > w.clientWidth + 1) overflow.push(`${which} in view: #${id} content is ${w.scrollWidth} px wide in its ${w.clientWidth} px box`);
        if (w.widest) overflow.push(`${which} in view: #${id} has <${w.widest.tag} class="${w.widest.cls}"> reaching x ${w.widest.right}, past its right edge ${Math.round(w.right)}`);
        if (w.right > w.mainRight + 1) overflow.push(`#${id} is wider than its column`);
        for (const c of w.cut) overflow.push(`#${id} .${c.cls} holds text ${c.scrollWidth} px wide in ${c.clientWidth} px: cut off or spilling, not wrapped`);
      }
    }
    return overflow;
  };
  const overflow = [];
  overflow.push(...await check(await viaSrc(s, 'long.csv', csv)));
  await s.page.locator('#browser .kw-act').first().screenshot({ path: path.join(SHOTS, 'hostile-long-activity-title.png') });
  overflow.push(...await check(await viaUpdate(s, 'long csv', csv)));
  // The chart shows a dataset title: 10,000 characters of it.
  const fed = await viaUpdate(s, 'long json title', toJson([{ id: 'T-1', title: 'Short', paragraphs: 21, status: 'done' }], { title: longTitle }));
  const info = await verify(s, fed, 'loaded');
  assert.ok(info.widgets.chart.noteText.includes(longTitle), 'the chart\'s note shows the long title in full');
  const l = await s.page.evaluate(() => { document.getElementById('chart').scrollIntoView(); return window.hostile.layout(); });
  if (l.page > l.window) overflow.push(`long dataset title: the page is ${l.page} px wide in a ${l.window} px window`);
  for (const [id, w] of Object.entries(l.widgets)) {
    if (w.scrollWidth > w.clientWidth + 1) overflow.push(`long dataset title: #${id} content is ${w.scrollWidth} px wide in its ${w.clientWidth} px box`);
    for (const c of w.cut) overflow.push(`long dataset title: #${id} .${c.cls} holds text ${c.scrollWidth} px wide in ${c.clientWidth} px: cut off or spilling, not wrapped`);
  }
  await shot(s.page, 'hostile-long-title');
  await checkSafe(s, 'long');
  await checkControl(s);
  assert.deepEqual([...new Set(overflow)], [], 'no widget grows past its box, the page does not scroll sideways');
});

test('JSON nested 100,000 deep: a clear error naming the line and column', async () => {
  const s = await session();
  const deep = '['.repeat(100_000);
  const inputs = [
    ['open lists', deep],
    ['closed lists', deep + ']'.repeat(100_000)],
    ['deep in a title', `{"activities":[{"id":"a","title":${deep}`],
    ['deep objects in the top-level title', `{"title":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)},"activities":[]}`],
  ];
  for (const [name, body] of inputs) {
    for (const feed of [() => viaSrc(s, name, body, { type: 'application/json' }), () => viaUpdate(s, name, body)]) {
      const fed = await feed();
      await verify(s, fed, 'error');
      for (const r of Object.values(fed.out)) {
        assert.match(r.detail.message, /JSON syntax error at line 1, column \d+: recursion limit exceeded/, `${fed.how}: ${short(r.detail.message)}`);
      }
    }
  }
  await checkControl(s);
});

test('enormous JSON: over 50 MB refused by the limit; tens of thousands of keys load in time', async () => {
  const s = await session();
  // 50 MB and a bit of one string.
  const n = 50_000_100;
  const huge = `{"activities":[{"id":"a","title":"${'x'.repeat(n)}","paragraphs":21,"status":"done"}]}`;
  for (const feed of [
    () => viaSrc(s, 'huge.json', huge, { type: 'application/json' }),
    () => viaUpdate(s, 'huge json', { kind: 'hugeString', n }, { ids: ['chart'] }),
  ]) {
    const fed = await feed();
    await verify(s, fed, 'error');
    for (const r of Object.values(fed.out)) {
      assert.match(r.detail.message, new RegExp(`the input is ${huge.length} bytes; the limit is 50000000 bytes \\(50 MB\\)`), `${fed.how}: ${short(r.detail.message)}`);
    }
  }
  // 20,000 unknown keys: at the top level, in one activity, in a CSV header.
  // Each is read once and named in one warning; none should take much longer
  // than the others.
  const keys = {};
  for (let i = 0; i < 20000; i++) keys[`key${i}`] = i;
  const good = { id: 'k', title: 'Keys', paragraphs: 21, status: 'done' };
  const timed = {};
  for (const [name, body] of [
    ['top level', JSON.stringify({ ...keys, activities: [good] })],
    ['one activity', JSON.stringify({ activities: [{ ...good, ...keys }] })],
    ['csv header', `id,title,paragraphs,status,${Object.keys(keys).join(',')}\nk,Keys,21,done\n`],
  ]) {
    const fed = await viaUpdate(s, `20,000 unknown keys (${name})`, body, { ids: ['chart'], ms: 120000 });
    await verify(s, fed, 'loaded');
    const r = fed.out.chart;
    assert.equal(r.detail.activities, 1, fed.how);
    assert.equal(r.detail.warnings, 1, `${fed.how}: one warning names the unknown keys`);
    timed[name] = r.ms;
  }
  console.log(`20,000 unknown keys: ${Object.entries(timed).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  // Unknown keys spread over activities, one of its own each: 20,000 of them.
  const spread = JSON.stringify({ activities: Array.from({ length: 20000 }, (_, i) => ({ id: `s${i}`, title: 'T', paragraphs: 21, status: 'done', [`note${i}`]: 1 })) });
  const fed = await viaSrc(s, 'spread-keys.json', spread, { type: 'application/json', ids: ['chart'], ms: 120000 });
  const outcome = fed.out.chart;
  console.log(`20,000 activities with an unknown key of their own each (${(spread.length / 1e6).toFixed(1)} MB): ${outcome.type} after ${outcome.ms} ms ${short(outcome.detail?.message ?? '', 120)}`);
  const crashed = [...s.problems];
  s.problems.length = 0; // the control is checked whatever happened here
  await checkControl(s);
  const bad = [];
  const base = Math.max(timed['top level'], timed['csv header'], 100);
  if (timed['one activity'] > 5 * base) bad.push(`20,000 unknown keys in one activity take ${timed['one activity']} ms, against ${timed['top level']} ms at the top level and ${timed['csv header']} ms as CSV columns`);
  if (outcome.type !== 'kyoto:loaded' || outcome.detail.activities !== 20000) bad.push(`20,000 activities with an unknown key of their own each (${(spread.length / 1e6).toFixed(1)} MB): ${outcome.type} after ${outcome.ms} ms, not loaded nor a kyoto:error: ${outcome.detail?.message ?? ''}`);
  if (crashed.length) bad.push(...crashed.map((p) => `on the page: ${short(p, 160)}`));
  assert.deepEqual(bad, []);
});

test('1e400, duplicate keys, duplicate ids and wrong types', async () => {
  const s = await session();
  // Numbers out of range: JSON refuses the file, CSV drops the value.
  const big = '{"activities":[{"id":"n","title":"t","paragraphs":21,"status":"done","progress":1e400}]}';
  for (const feed of [() => viaSrc(s, '1e400.json', big, { type: 'application/json' }), () => viaUpdate(s, '1e400 json', big)]) {
    const fed = await feed();
    await verify(s, fed, 'error');
    for (const r of Object.values(fed.out)) assert.match(r.detail.message, /JSON syntax error at line 1, column 85: number out of range/);
  }
  let fed = await viaUpdate(s, '1e400 csv', 'id,title,paragraphs,status,progress\nn,t,21,done,1e400\nm,u,-1e400,done,-1e400\n');
  await verify(s, fed, 'loaded');
  for (const r of Object.values(fed.out)) {
    assert.equal(r.detail.activities, 1);
    assert.deepEqual(r.detail.problems.map((p) => [p.row, p.column, p.value]), [[2, 'progress', '1e400'], [3, 'paragraphs', '-1e400'], [3, 'progress', '-1e400']]);
  }
  // Duplicate keys: the last wins, as a JSON object read into a map; shown as text.
  const dupKeys = `{"activities":[{"id":"dk","title":"<b>first</b>","title":${JSON.stringify(XSS[1])},"paragraphs":21,"status":"done","status":"planned"}],"title":"one","title":${JSON.stringify(XSS[0])}}`;
  for (const feed of [() => viaSrc(s, 'dup-keys.json', dupKeys, { type: 'application/json' }), () => viaUpdate(s, 'dup keys', dupKeys)]) {
    const f = await feed();
    const info = await verify(s, f, 'loaded');
    for (const r of Object.values(f.out)) {
      assert.equal(r.detail.activities, 1);
      assert.equal(r.detail.title, XSS[0], `${f.how}: the last top-level title`);
    }
    assert.ok(info.widgets.chart.noteText.includes(XSS[0]));
    const acts = await activities(s);
    assert.deepEqual(acts.map((a) => [a.title, a.line.includes('Planned')]), [[XSS[1], true]], `${f.how}: the last title and status, as text`);
  }
  const dupLists = '{"activities":[{"id":"a","title":"First list","paragraphs":21,"status":"done"}],"activities":[{"id":"b","title":"Second list","paragraphs":21,"status":"done"}]}';
  fed = await viaUpdate(s, 'two activities keys', dupLists);
  await verify(s, fed, 'loaded');
  assert.deepEqual((await activities(s)).map((a) => a.title), ['Second list'], 'a second "activities" replaces the first');
  // Duplicate ids: the later row is the error and names the first.
  const dupIds = toCsv([
    { id: 'D-1', title: 'First', paragraphs: '21', status: 'done' },
    { id: 'D-2', title: 'Second', paragraphs: '21', status: 'done' },
    { id: 'D-1', title: XSS[0], paragraphs: '21', status: 'done' },
  ], { columns: ['id', 'title', 'paragraphs', 'status'] });
  for (const feed of [() => viaSrc(s, 'dup-ids.csv', dupIds), () => viaUpdate(s, 'dup ids json', toJson([{ id: 'D-1', title: 'First', paragraphs: 21, status: 'done' }, { id: 'D-1', title: XSS[0], paragraphs: 21, status: 'done' }]))]) {
    const f = await feed();
    await verify(s, f, 'loaded');
    for (const r of Object.values(f.out)) {
      const errs = r.detail.problems.filter((p) => p.rule.includes('already used'));
      assert.equal(errs.length, 1, `${f.how}: one duplicate`);
      assert.match(errs[0].message, f.url ? /^error: row 4, column 'id', value 'D-1': the id 'D-1' is already used by row 2/ : /^error: activity 2, field 'id', value 'D-1': the id 'D-1' is already used by activity 1/);
    }
    assert.ok(!(await activities(s)).some((a) => a.title === XSS[0]), `${f.how}: the duplicate is not shown`);
  }
  // Wrong types: an error for a required field, a warning for an optional one.
  const types = JSON.stringify({ version: 'one', title: { t: 1 }, updated: 20221205, activities: [
    { id: 'ok', title: 'Good', paragraphs: 21, status: 'done' },
    { id: 'w2', title: 5, paragraphs: 21, status: 'done' },
    { id: 'w3', title: 'Object paragraphs', paragraphs: { a: 1 }, status: 'done' },
    { id: true, title: 'Boolean id', paragraphs: 21, status: ['done'] },
    { id: 'w5', title: 'Optional fields of the wrong type', paragraphs: [21, '22'], status: 'done', description: [1, 2], lead: 7, countries: { x: 1 }, url: ['https://example.org'], source: false, partners: 3 },
    'not an activity',
    [1, 2],
    null,
  ] });
  for (const feed of [() => viaSrc(s, 'types.json', types, { type: 'application/json' }), () => viaUpdate(s, 'types object', JSON.parse(types))]) {
    const f = await feed();
    await verify(s, f, 'loaded');
    for (const r of Object.values(f.out)) {
      assert.equal(r.detail.activities, 2, `${f.how}: the two good activities load`);
      assert.equal(r.detail.rowsRead, 8);
      const by = (row, col) => r.detail.problems.find((p) => p.row === row && p.column === col)?.message ?? '';
      assert.match(by(2, 'title'), /^error: activity 2, field 'title', value '5': title must be text, not a number/);
      assert.match(by(3, 'paragraphs'), /^error: activity 3, field 'paragraphs'.*not an object/);
      assert.match(by(4, 'id'), /^error: activity 4, field 'id', value 'true': id must be text/);
      assert.match(by(4, 'status'), /^error: activity 4, field 'status'.*not a list/);
      for (const col of ['description', 'lead', 'countries', 'url', 'source', 'partners']) assert.match(by(5, col), new RegExp(`^warning: activity 5, field '${col}'.*the row loads without it`), `${f.how}: ${col}`);
      for (const row of [6, 7, 8]) assert.ok(r.detail.problems.some((p) => p.row === row && /an activity must be an object/.test(p.message)), `${f.how}: activity ${row} is not an object`);
      assert.ok(r.detail.problems.some((p) => /top-level 'title' must be text, not an object/.test(p.message)));
    }
    const acts = await activities(s);
    assert.deepEqual(acts.map((a) => a.title).sort(), ['Good', 'Optional fields of the wrong type']);
  }
  // Not the shape at all.
  const wrong = [
    ['activities is an object', '{"activities":{"a":1}}', /'activities' must be a list of activities, not an object/],
    ['activities is text', '{"activities":"<script>alert(1)</script>"}', /'activities' must be a list of activities, not text/],
    ['a string', '"<img src=x onerror=alert(1)>"', /the JSON must be an object with an 'activities' list, not text/],
    ['a number', '42', /the JSON must be an object with an 'activities' list, not a number/],
    ['no activities', '{"title":"<script>alert(1)</script>"}', /the JSON has no 'activities' list/],
    ['a list of texts', '["<script>alert(1)</script>", 1, null]', /no valid row: 3 rows read, 0 loaded, 3 errors/],
  ];
  for (const [name, body, re] of wrong) {
    for (const feed of [() => viaSrc(s, name, body, { type: 'application/json' }), () => viaUpdate(s, name, body)]) {
      const f = await feed();
      await verify(s, f, 'error');
      for (const r of Object.values(f.out)) assert.match(r.detail.message, re, `${f.how}: ${r.detail.message}`);
    }
  }
  for (const [name, spec] of [['null', { kind: 'raw', value: null }], ['undefined', { kind: 'undefined' }], ['a number', { kind: 'raw', value: 42 }], ['true', { kind: 'raw', value: true }]]) {
    const f = await viaUpdate(s, name, spec);
    await verify(s, f, 'error');
    for (const r of Object.values(f.out)) assert.match(r.detail.message, /update\(\) takes CSV or JSON text, bytes, or a JSON object/, `${f.how}: ${r.detail.message}`);
  }
  await checkControl(s);
});

test('an empty file and random bytes: clear errors', async () => {
  const s = await session();
  const empties = [['0 bytes', Buffer.alloc(0)], ['a byte-order mark', Buffer.from([0xef, 0xbb, 0xbf])], ['blank lines', Buffer.from('\r\n \r\n\t\r\n')]];
  for (const [name, body] of empties) {
    for (const feed of [() => viaSrc(s, name, body), () => viaUpdate(s, name, body)]) {
      const fed = await feed();
      await verify(s, fed, 'error');
      for (const r of Object.values(fed.out)) assert.match(r.detail.message, /the input is empty$/, `${fed.how}: ${r.detail.message}`);
    }
  }
  const garbage = randomBytes(65536, 20211207);
  for (const feed of [
    () => viaSrc(s, 'garbage.bin', garbage, { type: 'application/octet-stream' }),
    () => viaSrc(s, 'garbage.csv', garbage, { type: 'text/csv; charset=utf-8' }),
    () => viaUpdate(s, 'garbage bytes', garbage),
    () => viaUpdate(s, 'garbage buffer', { kind: 'buffer', b64: garbage.toString('base64') }),
  ]) {
    const fed = await feed();
    await verify(s, fed, 'error');
    for (const r of Object.values(fed.out)) {
      assert.match(r.detail.message, /no header row found: one of the first rows must name the columns id, title, paragraphs and status/, `${fed.how}: ${short(r.detail.message)}`);
      assert.ok(r.detail.message.length < 600, `${fed.how}: the message stays short (${r.detail.message.length} chars)`);
    }
  }
  await shot(s.page, 'hostile-error-garbage');
  await checkControl(s);
});

test('UTF-16 (LE with BOM, BE) and Windows-1252 CSV: accented and non-Latin names read right', async () => {
  const s = await session();
  const rows = [
    { id: 'U-1', title: 'Atelier régional — Genève', paragraphs: '21', status: 'terminé', lead: 'Ministère de la Justice', countries: 'Côte d’Ivoire; Türkiye; São Tomé and Príncipe' },
    { id: 'U-2', title: 'مؤتمر إقليمي 日本 <script>alert(1)</script>', paragraphs: '21', status: 'ongoing', lead: 'Управление ООН', countries: 'Égypte; 日本' },
    { id: 'U-3', title: 'Ñandú', paragraphs: '21', status: 'planned', lead: 'Œuvre', countries: 'España' },
  ];
  const cols = ['id', 'title', 'paragraphs', 'status', 'lead', 'countries'];
  // Excel's "Unicode text": UTF-16 with a mark, tab-delimited.
  const tsv = `${cols.join('\t')}\r\n${rows.map((r) => cols.map((c) => r[c]).join('\t')).join('\r\n')}\r\n`;
  for (const [name, bytes] of [['utf-16le', utf16(tsv, false)], ['utf-16be', utf16(tsv, true)]]) {
    for (const feed of [() => viaSrc(s, `${name}.csv`, bytes, { type: 'text/csv' }), () => viaUpdate(s, name, bytes)]) {
      const fed = await feed();
      await verify(s, fed, 'loaded');
      for (const r of Object.values(fed.out)) {
        assert.equal(r.detail.activities, 2, `${fed.how}: U-2 and U-3 load`);
        assert.deepEqual(r.detail.problems.map((p) => [p.row, p.column, p.value]), [[2, 'status', 'terminé']], `${fed.how}: the French status is named as given`);
      }
      const acts = await activities(s);
      assert.deepEqual(acts.map((a) => [a.title, a.meta.Lead, a.meta.Countries]).sort(), [
        ['Ñandú', 'Œuvre', 'España'],
        [rows[1].title, 'Управление ООН', 'Égypte, 日本'],
      ], fed.how);
    }
  }
  // Excel's plain "CSV" on Western Windows.
  const latin = [
    { id: 'W-1', title: 'Séminaire à Genève – 5 000 €', paragraphs: '21', status: 'done', lead: 'Ministère fédéral', countries: 'Österreich; Côte d’Ivoire' },
    { id: 'W-2', title: '“Œuvre” pour Zürich', paragraphs: '21', status: 'planned', lead: 'Bogotá', countries: 'España' },
  ];
  const cp = windows1252(toCsv(latin, { columns: cols }));
  const firstHigh = cp.findIndex((b) => b >= 0x80);
  for (const feed of [() => viaSrc(s, 'windows-1252.csv', cp, { type: 'text/csv' }), () => viaUpdate(s, 'windows-1252', cp)]) {
    const fed = await feed();
    await verify(s, fed, 'loaded');
    for (const r of Object.values(fed.out)) {
      assert.equal(r.detail.activities, 2);
      assert.equal(r.detail.warnings, 1, `${fed.how}: one warning about the encoding`);
      assert.match(r.detail.problems[0].message, new RegExp(`not UTF-8 \\(byte 0x${cp[firstHigh].toString(16).toUpperCase()} at offset ${firstHigh}, line 2\\); it was read as Windows-1252`), `${fed.how}: ${r.detail.problems[0].message}`);
    }
    const acts = await activities(s);
    assert.deepEqual(acts.map((a) => [a.title, a.meta.Lead, a.meta.Countries]).sort(), [
      ['Séminaire à Genève – 5 000 €', 'Ministère fédéral', 'Österreich, Côte d’Ivoire'],
      ['“Œuvre” pour Zürich', 'Bogotá', 'España'],
    ], fed.how);
  }
  await checkSafe(s, 'encodings');
  await checkControl(s);
});

test('an HTML error page served with status 200 where CSV was expected', async () => {
  const s = await session();
  const html = '<!doctype html><html><head><title>502 Bad Gateway</title><script>alert(1)</script></head>'
    + '<body><h1>Bad gateway</h1><img src=x onerror=alert(1)><p>id,title,paragraphs,status</p>'
    + '<a href="javascript:alert(1)">retry</a><iframe src="data:text/html,<script>alert(1)</script>"></iframe></body></html>';
  for (const type of ['text/html; charset=utf-8', 'text/csv; charset=utf-8']) {
    const fed = await viaSrc(s, `error-page as ${type}`, html, { type });
    await verify(s, fed, 'error');
    for (const r of Object.values(fed.out)) {
      // The page's own text names the columns, so its first line reads as a header without id and status.
      assert.match(r.detail.message, /: the header \(row 1\) has no 'id', 'status' columns: every file needs id, title, paragraphs and status \(found: '<!doctype html><html><head><title>502 Bad Gateway/, `${fed.how}: ${r.detail.message}`);
      assert.ok(r.detail.message.length < 600, `${fed.how}: the message stays short`);
    }
    if (type.startsWith('text/html')) await shot(s.page, 'hostile-error-html');
  }
  const fed = await viaUpdate(s, 'error page', html);
  await verify(s, fed, 'error');
  await checkControl(s);
});

test('a million rows: refused by the row limit with a clear error; the page stays responsive', async () => {
  const s = await session();
  const statuses = ['completed', 'ongoing', 'planned'];
  const parts = ['id,title,paragraphs,status\n'];
  for (let i = 0; i < 1_000_000; i++) parts.push(`R${i},Activity ${i},${1 + (i % 97)},${statuses[i % 3]}\n`);
  const body = parts.join('');
  const freezes = {};
  for (const feed of [
    () => viaSrc(s, 'million.csv', body, { ms: 120000 }),
    () => viaUpdate(s, 'million rows', { kind: 'rows', n: 1_000_000 }, { ids: ['chart'], ms: 120000 }),
  ]) {
    await s.page.evaluate(() => { window.longest = 0; });
    const fed = await feed();
    // Long tasks are reported after they end: give the observer a moment.
    freezes[fed.how] = Math.round(await s.page.evaluate(() => new Promise((r) => setTimeout(() => r(window.longest), 300))));
    console.log(`a million rows (${(body.length / 1e6).toFixed(1)} MB), ${fed.how}: ${fed.out.chart.type} after ${fed.out.chart.ms} ms, longest task ${freezes[fed.how]} ms`);
    await verify(s, fed, 'error');
    for (const r of Object.values(fed.out)) assert.match(r.detail.message, /the file has more than 500000 data rows; the limit is 500000 rows/, `${fed.how}: ${short(r.detail.message)}`);
  }
  // Responsive afterwards: a frame within a second, a click answered at once.
  const t0 = Date.now();
  await s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - t0 < 1000, `a frame within a second (${Date.now() - t0} ms)`);
  for (const [how, ms] of Object.entries(freezes)) assert.ok(ms < 30000, `${how}: the main thread is never blocked 30 s (${ms} ms)`);
  await checkControl(s);
});
