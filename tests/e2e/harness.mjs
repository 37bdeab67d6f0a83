// Shared set-up of the end-to-end suites: one local server (127.0.0.1) and
// Debian's Chromium driven by playwright-core, with a fresh profile per run.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SHOTS = path.join(here, 'screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--font-render-hinting=none',
];

/** Starts the server and the browser; returns { url, browser, server, reports, close }. */
export async function start({ csp = false, routes = {} } = {}) {
  const srv = await startServer({ csp, routes });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyoto-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: FLAGS,
    headless: true,
    viewport: { width: 1000, height: 800 },
    deviceScaleFactor: 2,
  });
  return {
    url: srv.url,
    context,
    reports: srv.reports,
    async close() {
      await context.close();
      srv.server.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page that fails the test on any console error, page error or dialog;
 * `prepare(page)`, when given, runs before the navigation (init scripts, routes).
 */
export async function open(ctx, url, prepare = null) {
  const page = await ctx.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  if (prepare) await prepare(page);
  await page.goto(url);
  return { page, problems };
}

/**
 * Waits until the chart inside `selector` has drawn, and returns its pixel
 * statistics. Read in the same step as the wait: a widget that moves to
 * another module (its data's format, `progress`) builds its shadow root
 * again, and a canvas found by one call may be gone by the next.
 */
export async function chartPixels(page, selector = 'kyoto-pillar-chart') {
  const found = await page.waitForFunction((sel) => {
    const c = document.querySelector(sel)?.shadowRoot?.querySelector('canvas');
    if (!c || c.width === 0 || c.height === 0) return null;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (r < 250 || g < 250 || b < 250) ink++;
      if (i % 40 === 0) colours.add((r << 16) | (g << 8) | b);
    }
    return { width: c.width, height: c.height, cssWidth: c.clientWidth, ink, colours: colours.size };
  }, selector);
  return found.jsonValue();
}

/** Resolves after the page's next `frames` animation frames. */
export function nextFrame(page, frames = 1) {
  return page.evaluate((n) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  }), frames);
}

export function shot(page, name) {
  return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Clicks the `[data-action="export:KIND"]` button in the shadow root of the
 * widget `selector` (or focuses it and presses `key`: `Enter`, ` `) and
 * returns the file downloaded, `{ name, body }`, with the `detail` of the
 * `kyoto:export` event the widget fired for it. The file is also written to
 * the screenshots folder as `export-NAME` (`export-AS-NAME` when `as` is
 * given: a language, a theme), to be looked at. A CSV file must begin with
 * the UTF-8 byte-order mark (for Excel); `body` is returned without it.
 */
export async function exportFile(page, selector, kind, { key = null, as = null } = {}) {
  await page.evaluate((sel) => {
    window.kyotoExports = [];
    document.querySelector(sel).addEventListener('kyoto:export', (e) => window.kyotoExports.push(e.detail), { once: true });
  }, selector);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.evaluate(([sel, k, focus]) => {
        const b = document.querySelector(sel).shadowRoot.querySelector(`[data-action="export:${k}"]`);
        if (focus) b.focus(); else b.click();
      }, [selector, kind, !!key]);
      if (key) await page.keyboard.press(key === ' ' ? 'Space' : key);
    })(),
  ]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const body = Buffer.concat(chunks);
  const name = download.suggestedFilename();
  fs.writeFileSync(path.join(SHOTS, `export-${as ? `${as}-` : ''}${name}`), body);
  const details = await page.evaluate(() => window.kyotoExports);
  if (details.length !== 1) throw new Error(`${selector} ${kind}: ${details.length} kyoto:export events`);
  return { name, body: name.endsWith('.csv') ? withoutBom(body, name) : body, detail: details[0] };
}

/** A downloaded CSV file's bytes after the UTF-8 byte-order mark it must begin with. */
export function withoutBom(body, name = 'the CSV file') {
  if (body.subarray(0, 3).toString('hex') !== 'efbbbf') throw new Error(`${name} does not begin with the UTF-8 byte-order mark`);
  return body.subarray(3);
}

/** The width and height of a PNG file's image, from its header. */
export function pngSize(body) {
  if (body.subarray(1, 4).toString() !== 'PNG') throw new Error('not a PNG file');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}
