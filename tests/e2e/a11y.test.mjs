// Accessibility: axe-core (every WCAG 2.1 A and AA rule, the experimental ones
// included) on every www/ page and every widget state, inside the widgets'
// shadow roots too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { start, open, chartPixels, nextFrame, shot, SHOTS } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Every rule with one of these tags, named one by one: a tag alone leaves out
// the rules axe marks experimental (disabled by default), which run when named.
const axeCore = require('axe-core');
const RULES = axeCore.getRules(TAGS).map((r) => r.ruleId);
const EXPERIMENTAL = axeCore.getRules(['experimental']).filter((r) => RULES.includes(r.ruleId)).map((r) => r.ruleId);

let ctx;
// axe-core is injected as an inline script, which the strict CSP (tested in
// embed.test.mjs) would block: these pages are served without it.
before(async () => { ctx = await start({ csp: false }); });
after(async () => { await ctx.close(); });

async function axe(page, label) {
  await page.addScriptTag({ content: AXE });
  const { violations, ran } = await page.evaluate(async (rules) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'rule', values: rules },
      resultTypes: ['violations'],
    });
    return {
      violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
      ran: [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map((x) => x.id),
    };
  }, RULES);
  assert.deepEqual(violations, [], `${label}: axe violations`);
  assert.deepEqual(RULES.filter((id) => !ran.includes(id)), [], `${label}: every chosen rule ran`);
}

test(`axe-core ${axeCore.version}: the rules chosen`, () => {
  const pinned = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).devDependencies['axe-core'];
  assert.equal(axeCore.version, pinned, 'node_modules holds the axe-core that package.json pins (run ./x setup)');
  for (const id of ['label-content-name-mismatch', 'color-contrast', 'button-name', 'link-name', 'label', 'aria-allowed-attr']) {
    assert.ok(RULES.includes(id), `${id} is run`);
  }
  assert.ok(EXPERIMENTAL.length > 0, 'the experimental WCAG rules are run too');
});

const chart = (page, js) => page.evaluate((code) => {
  const root = document.querySelector('kyoto-pillar-chart').shadowRoot;
  return new Function('root', code)(root);
}, js);

for (const name of fs.readdirSync(new URL('../../www/', import.meta.url)).filter((f) => f.endsWith('.html'))) {
  test(`axe: ${name} as loaded`, async () => {
    const { page } = await open(ctx, `${ctx.url}${name}`);
    await page.waitForTimeout(800);
    await axe(page, name);
    await page.close();
  });
}

test('axe: chart states — each drill-down level, tooltip open, table shown, status and timeline views', async () => {
  const { page } = await open(ctx, ctx.url);
  await chartPixels(page);
  await axe(page, 'overview');
  await chart(page, `root.querySelector('canvas').focus()`);
  await page.keyboard.press('ArrowDown');
  await axe(page, 'tooltip open');
  await page.keyboard.press('Enter');
  await axe(page, 'pillar level');
  await page.keyboard.press('Enter');
  await axe(page, 'theme level');
  await chart(page, `root.querySelector('[data-action="table"]').click()`);
  await axe(page, 'table shown');
  await chart(page, `root.querySelector('[data-action="measure:status"]').click()`);
  await axe(page, 'status view');
  await chart(page, `root.querySelector('[data-action="measure:timeline"]').click()`);
  await axe(page, 'timeline view');
  await page.close();
});

test('axe: paragraph browser searched and expanded', async () => {
  const { page } = await open(ctx, `${ctx.url}browser.html`);
  await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.shadowRoot?.querySelector('input'));
  const input = await page.evaluateHandle(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('input[type="search"], input'));
  await input.asElement().fill('cybercrime');
  await page.waitForTimeout(500);
  await page.evaluate(() => document.querySelector('kyoto-paragraph-browser').shadowRoot.querySelector('button[aria-expanded]').click());
  await page.waitForTimeout(300);
  await axe(page, 'browser searched and expanded');
  await page.close();
});

test('axe: Arabic right-to-left page and dark and high-contrast themes', async () => {
  for (const url of ['un.html?lang=ar', 'gallery.html']) {
    const { page } = await open(ctx, `${ctx.url}${url}`);
    await page.waitForTimeout(1000);
    await axe(page, url);
    await page.close();
  }
});

test('keyboard only: every control of the chart is reached by Tab, shows a visible focus, and Tab leaves the widget', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      const el = inner || host;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      return {
        inWidget: !!inner,
        name: el.getAttribute('data-action') || el.tagName,
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
      };
    });
    if (!f) break;
    seen.push(f);
    if (seen.length > 2 && !f.inWidget && seen.some((s) => s.inWidget)) break;
  }
  const names = seen.filter((s) => s.inWidget).map((s) => s.name);
  for (const action of ['measure:coverage', 'measure:status', 'measure:timeline', 'table', 'export:png', 'export:svg', 'export:csv', 'legend:0', 'legend:1', 'legend:2', 'CANVAS']) {
    assert.ok(names.includes(action), `${action} reached by Tab (${names.join(', ')})`);
  }
  assert.ok(seen.filter((s) => s.inWidget).every((s) => s.outline), 'focus is visible on every control');
  assert.ok(!seen[seen.length - 1].inWidget, 'Tab leaves the widget: focus is not trapped');
  // Space and Enter operate the controls.
  await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="measure:status"]').focus());
  await page.keyboard.press('Space');
  const pressed = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[data-action="measure:status"]').getAttribute('aria-pressed'));
  assert.equal(pressed, 'true');
  await shot(page, 'a11y-keyboard');
  assert.deepEqual(problems, []);
  await page.close();
});

test('text resized to 200%: the widgets grow with it and nothing is cut off', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}un.html`);
  await chartPixels(page);
  const measure = () => page.evaluate(() => {
    const out = { clipped: [], overflow: [] };
    for (const host of document.querySelectorAll('kyoto-pillar-chart, kyoto-paragraph-browser')) {
      const root = host.shadowRoot.querySelector('.kw');
      if (root.scrollWidth > root.clientWidth + 1) out.overflow.push(`${host.localName}: ${root.scrollWidth} > ${root.clientWidth}`);
      for (const b of host.shadowRoot.querySelectorAll('button, select, label, .kw-note, .kw-crumbs')) {
        if (b.offsetParent === null) continue;
        // Wider than its box, or taller than a box that hides what overflows.
        const hides = getComputedStyle(b).overflowY !== 'visible';
        if (b.scrollWidth > b.clientWidth + 1 || (hides && b.scrollHeight > b.clientHeight + 1)) out.clipped.push(`${host.localName} ${b.localName}.${b.className}: ${b.textContent.slice(0, 30)}`);
      }
    }
    const chart = document.querySelector('kyoto-pillar-chart');
    out.font = getComputedStyle(chart.shadowRoot.querySelector('.kw')).fontSize;
    out.canvasHeight = chart.shadowRoot.querySelector('canvas').clientHeight;
    out.table = chart.handle.tableCsv();
    return out;
  });
  const normal = await measure();
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await page.waitForFunction((h) => document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('canvas').clientHeight > h, normal.canvasHeight);
  const big = await measure();
  assert.equal(normal.font, '16px');
  assert.equal(big.font, '32px', 'widget text follows the page text size');
  assert.ok(big.canvasHeight > normal.canvasHeight * 1.2, `chart labels grow: ${normal.canvasHeight} → ${big.canvasHeight} px`);
  assert.equal(big.table, normal.table, 'the same numbers');
  assert.deepEqual(big.overflow, [], 'no widget wider than its column');
  assert.deepEqual(big.clipped, [], 'no control or text cut off');
  await page.locator('kyoto-pillar-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/text-200.png` });
  await axe(page, 'text at 200%');
  assert.deepEqual(problems, []);
  await page.close();
});

test('announcements are throttled: holding an arrow key ends in one message about where focus is', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  await page.evaluate(() => {
    const region = document.querySelector('kyoto-pillar-chart').shadowRoot.querySelector('[aria-live]');
    window.liveWrites = [];
    new MutationObserver(() => window.liveWrites.push([performance.now(), region.textContent]))
      .observe(region, { childList: true, characterData: true, subtree: true });
  });
  await chart(page, `root.querySelector('canvas').focus()`);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(1400);
  const writes = await page.evaluate(() => window.liveWrites);
  assert.ok(writes.length <= 2, `at most two messages for six moves, got ${writes.length}: ${JSON.stringify(writes)}`);
  for (let i = 1; i < writes.length; i++) {
    assert.ok(writes[i][0] - writes[i - 1][0] >= 590, 'at least 600 ms apart');
  }
  const focusedLabel = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.barRects()[5].label);
  assert.ok(writes.at(-1)[1].startsWith(focusedLabel), `the last message is about the focused bar (${focusedLabel}): ${writes.at(-1)[1]}`);
  assert.deepEqual(problems, []);
  await page.close();
});

// What a screen reader hears as focus moves over the bars: each bar's label
// once, then its figures. A paragraph's bar has no name beside its label,
// and a theme's label is its name: neither is said as "Paragraph 35 — ."
// or twice.
test('a focused bar is announced by its label once, at every level', async () => {
  const { page, problems } = await open(ctx, ctx.url);
  await chartPixels(page);
  // The message about a bar once the announcer has said it (it waits for
  // the keys to settle): the live region's text once it begins with one of
  // the level's bar labels and a stop or a dash.
  const said = () => page.waitForFunction(() => {
    const chart = document.querySelector('kyoto-pillar-chart');
    const text = chart.shadowRoot.querySelector('[aria-live]').textContent;
    const labels = chart.handle.barRects().map((b) => b.label);
    return labels.some((l) => text.startsWith(`${l}.`) || text.startsWith(`${l} —`)) && text;
  }, null, { timeout: 5000 }).then((h) => h.jsonValue());
  const level = () => page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.level());
  await chart(page, `root.querySelector('canvas').focus()`);
  const heard = {};
  // The pillars, a pillar's themes, a theme's paragraphs.
  for (const depth of ['overview', 'pillar', 'theme']) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const text = await said();
    // The focused bar's label: the longest that the message starts with.
    const labels = await page.evaluate(() => document.querySelector('kyoto-pillar-chart').handle.barRects().map((b) => b.label));
    const label = labels.filter((l) => text.startsWith(`${l}.`) || text.startsWith(`${l} —`))
      .sort((a, b) => b.length - a.length)[0];
    heard[depth] = text;
    assert.ok(label, `${depth}: starts with a bar's label (${labels.join(' | ')}): ${text}`);
    assert.doesNotMatch(text, / — \./, `${depth}: no empty name`);
    assert.equal(text.split(label).length - 1, 1, `${depth}: the label once: ${text}`);
    if (depth !== 'theme') {
      const before = await level();
      await page.keyboard.press('Enter');
      await page.waitForFunction((b) => document.querySelector('kyoto-pillar-chart').handle.level() !== b, before);
    }
  }
  assert.match(await level(), /^theme:/);
  assert.match(heard.theme, /^Paragraph \d+\. /);
  assert.deepEqual(problems, []);
  await page.close();
});

// WCAG 2.5.3 Label in Name, read from Chromium's accessibility tree (CDP
// Accessibility.getFullAXTree): every button, link and form control must have
// its visible text inside its accessible name, so that a voice-control user
// who says what they see ("click Open file") reaches it. The visible text is
// the control's rendered text (for a form control, the text of its <label>s),
// leaving out text that is visually hidden (display or visibility, or clipped
// to a 1 px box like .kw-sr) and controls nested in a label. Both are compared
// case-insensitively, NFKC- and whitespace-normalised, bidi marks removed.
// A control whose visible text holds no letter or digit (an icon, an arrow, a
// "×") has no words to speak: it is not compared, its name must only be
// non-empty (voice users reach it by "click button" or a number overlay).
const CONTROL_ROLES = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio',
  'switch', 'slider', 'spinbutton', 'listbox', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab']);

function visibleText() {
  const control = this;
  const hidden = (e, stop) => {
    for (; e && e !== stop; e = e.parentElement || e.getRootNode().host) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility !== 'visible' || cs.opacity === '0') return true;
      const box = e.getBoundingClientRect();
      if (cs.overflow !== 'visible' && (box.width <= 1 || box.height <= 1)) return true;
      if (cs.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  const text = (root) => {
    let out = '';
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) {
        if (!hidden(n.parentElement, root.parentElement)) out += n.data;
        return;
      }
      if (n.nodeType !== Node.ELEMENT_NODE) return;
      if (n !== root && n.matches('input, select, textarea, button')) return; // a control in a label, or nested
      const shown = getComputedStyle(n).display;
      if (shown !== 'inline' && shown !== 'contents') out += ' ';
      for (const c of n.childNodes) walk(c);
      if (shown !== 'inline' && shown !== 'contents') out += ' ';
    };
    walk(root);
    return out;
  };
  const formControl = this.matches('input:not([type="button"], [type="submit"], [type="reset"]), select, textarea');
  const visible = formControl ? [...(this.labels || [])].map(text).join(' ') : text(this);
  const root = this.getRootNode();
  return {
    visible,
    widget: root.host ? root.host.localName : 'page',
    what: `${this.localName}${this.dataset.action ? `[data-action="${this.dataset.action}"]` : ''}${this.className ? `.${String(this.className).split(' ').join('.')}` : ''}`,
  };
}

const normal = (s) => s.normalize('NFKC').replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, '')
  .replace(/\s+/g, ' ').trim().toLowerCase();
const speakable = (s) => /[\p{L}\p{N}]/u.test(s);

/** Every control in the page's accessibility tree: role, name, visible text, widget. */
async function controls(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const out = [];
  for (const n of nodes) {
    const role = n.role?.value;
    if (n.ignored || !CONTROL_ROLES.has(role) || !n.backendDOMNodeId) continue;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: n.backendDOMNodeId });
    if (!object?.objectId) continue;
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId, functionDeclaration: visibleText.toString(), returnByValue: true,
    });
    out.push({ role, name: n.name?.value ?? '', description: n.description?.value ?? '', ...result.value });
  }
  await cdp.detach();
  return out;
}

/** The controls whose visible text is not in their accessible name. */
function mismatches(list) {
  const bad = [];
  for (const c of list) {
    const [name, visible] = [normal(c.name), normal(c.visible)];
    if (!name) bad.push(`${c.widget} ${c.role} ${c.what}: no accessible name`);
    else if (speakable(visible) && !name.includes(visible)) {
      bad.push(`${c.widget} ${c.role} ${c.what}: shows "${visible}", named "${name}"`);
    }
  }
  return bad;
}

test('label in name: every control of both widgets, in all six languages, has its visible text in its accessible name', async () => {
  const origin = ctx.url.replace(/\/$/, '');
  await ctx.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const counts = {};
  const bad = [];
  for (const lang of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) {
    const { page, problems } = await open(ctx, `${ctx.url}un.html?lang=${lang}`);
    await chartPixels(page);
    await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser')?.shadowRoot?.querySelector('article[data-n="96"]'));
    const seen = new Map();
    const walk = async () => {
      for (const c of await controls(page)) seen.set(`${c.widget}|${c.role}|${c.what}|${c.name}|${c.visible}`, c);
    };
    // Browser: a paragraph expanded (activities, links), a citation copied.
    const B = 'kyoto-paragraph-browser';
    await page.locator(`${B} article[data-n="96"] button.kw-para-toggle`).click();
    await page.locator(`${B} article[data-n="96"] .kw-act`).first().waitFor();
    await walk();
    const cite = page.locator(`${B} article[data-n="96"] button.kw-cite`);
    const before = await cite.textContent();
    await cite.click();
    await page.waitForFunction((was) => document.querySelector('kyoto-paragraph-browser').shadowRoot
      .querySelector('article[data-n="96"] button.kw-cite').textContent !== was, before);
    await nextFrame(page, 2);
    await walk();
    // Browser: a search with more results than are shown at first.
    await page.locator(`${B} input[type="search"]`).fill('crime');
    await page.locator(`${B} button[data-action="more-results"]`).waitFor();
    await walk();
    // Chart: two levels down (the trail gets buttons), the table shown; last,
    // because choosing a bar filters the paragraph browser.
    await chart(page, `root.querySelector('canvas').focus()`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await chart(page, `root.querySelector('[data-action="table"]').click()`);
    await page.waitForFunction(() => document.querySelector('kyoto-paragraph-browser').shadowRoot
      .querySelector('select[data-field="theme"]').value !== '');
    await nextFrame(page, 2);
    await walk();
    const list = [...seen.values()];
    const widgets = list.filter((c) => c.widget !== 'page');
    counts[lang] = {
      'kyoto-pillar-chart': widgets.filter((c) => c.widget === 'kyoto-pillar-chart').length,
      'kyoto-paragraph-browser': widgets.filter((c) => c.widget === 'kyoto-paragraph-browser').length,
      page: list.length - widgets.length,
      symbolOnly: list.filter((c) => normal(c.visible) && !speakable(c.visible)).length,
    };
    for (const role of ['button', 'link', 'searchbox', 'combobox', 'checkbox']) {
      assert.ok(widgets.some((c) => c.role === role), `${lang}: a ${role} was walked`);
    }
    // The explanation that left the Open file button's name is its description.
    const opens = widgets.filter((c) => c.what.startsWith('button[data-action="file:open"]'));
    assert.equal(opens.length, 2, `${lang}: both widgets' Open file buttons walked`);
    for (const o of opens) assert.match(o.description, /CSV/, `${lang}: ${o.widget} Open file has its description`);
    for (const m of mismatches(list)) bad.push(`${lang}: ${m}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
  // Every other page as loaded (the presenter and control pages among them).
  for (const name of fs.readdirSync(new URL('../../www/', import.meta.url)).filter((f) => f.endsWith('.html') && f !== 'un.html')) {
    const { page, problems } = await open(ctx, `${ctx.url}${name}`);
    await page.waitForTimeout(800);
    const list = await controls(page);
    counts[name] = list.length;
    for (const m of mismatches(list)) bad.push(`${name}: ${m}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
  console.log('controls checked:', JSON.stringify(counts));
  assert.deepEqual(bad, [], 'visible text missing from the accessible name');
});
