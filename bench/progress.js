// Benchmark harness of the progress widgets (measurement only), for
// bench/progress.mjs. The page loads the release package as the README
// embeds it (a module script for kyoto.js); this script puts one
// <kyoto-indicators> or <kyoto-reporting> in the page, without `src`, so
// that it shows the sample: the module is loaded and the widget drawn once
// before anything is timed. window.bench then times, each from the start of
// a frame to the end of the frame that paints the result (frame.js):
//
//   bench.load(url)     setting `src` to the progress tables (download,
//                       read, model, draw): `kyoto:loaded`, then a frame
//   bench.update()      handle.update(text) of the tables bench.prepare()
//                       fetched (read, model, draw): `kyoto:updated`, then
//                       a frame
//   bench.attribute(name, value)   an attribute change (area, view, cycle)
//   bench.open(id)      the indicators' drill-down (handle.open(id))
//   bench.question(k)   the reporting widget's question select set to its
//                       k-th question
//
//   progress.html?kind=indicators | progress.html?kind=reporting
import { afterPaint } from './frame.js';

const params = new URLSearchParams(location.search);
const kind = params.get('kind') === 'reporting' ? 'reporting' : 'indicators';
const pkg = new URL('./', document.querySelector('script[src$="/kyoto.js"]').src).pathname;
const { ready, instances } = await import(`${pkg}kyoto.js`);
await ready;

const el = document.createElement(`kyoto-${kind}`);
// The day the reporting tables are counted on, as the native benchmark.
if (kind === 'reporting') el.setAttribute('as-of', '2026-08-01');
const bench = { kind };
window.bench = bench;

/** Resolves with the detail of the widget's next `event`; rejects on `kyoto:error`. */
const next = (event) => new Promise((resolve, reject) => {
  const ok = (e) => { el.removeEventListener('kyoto:error', bad); resolve(e.detail); };
  const bad = (e) => { el.removeEventListener(event, ok); reject(new Error(e.detail?.message ?? 'kyoto:error')); };
  el.addEventListener(event, ok, { once: true });
  el.addEventListener('kyoto:error', bad, { once: true });
});

bench.sample = next('kyoto:loaded').then(() => afterPaint());
bench.sample.catch(() => {});
document.getElementById('host').append(el);

/**
 * Runs `action` at the start of a frame and resolves with { total: ms to
 * the end of the frame painted after `event` (or after the action when
 * there is no event), event: ms to the event, script: ms of the action
 * itself, detail }.
 */
const timed = (action, event) => new Promise((resolve, reject) => requestAnimationFrame(() => {
  const t0 = performance.now();
  const waited = event ? next(event).then((detail) => ({ detail, at: performance.now() })) : null;
  try { action(); } catch (e) { reject(e); return; }
  const t1 = performance.now();
  (waited ?? Promise.resolve({ detail: null, at: t1 }))
    .then(({ detail, at }) => afterPaint().then((end) => resolve({
      total: end - t0, event: at - t0, script: t1 - t0, start: t0, detail,
    })))
    .catch(reject);
}));

/** Setting `src` to `url`, to the painted overview; with the download's
 * Resource Timing (ms since navigation start, bytes). */
bench.load = async (url) => {
  const t = await timed(() => el.setAttribute('src', url), 'kyoto:loaded');
  const r = performance.getEntriesByType('resource').filter((e) => e.name.endsWith(url)).pop();
  return {
    ...t,
    download: r ? { start: r.startTime - t.start, end: r.responseEnd - t.start, encoded: r.encodedBodySize, decoded: r.decodedBodySize } : null,
  };
};

/** Fetches the text update() hands over (not timed). */
bench.prepare = async (url) => {
  bench.text = await (await fetch(url)).text();
  return bench.text.length;
};

/** handle.update(text) of the prepared text, to the painted overview. */
bench.update = () => timed(() => el.handle.update(bench.text), 'kyoto:updated');

/** An attribute change, to the painted result. */
bench.attribute = (name, value) => timed(() => el.setAttribute(name, value), null);

/** One indicator's drill-down, to the painted result. */
bench.open = (id) => timed(() => el.handle.open(id), null);

/** The k-th question of the questions view's select, to the painted result. */
bench.question = (k) => {
  const select = el.shadowRoot.querySelector('.kw-question');
  const option = select?.options[k];
  if (!option) throw new Error(`no question ${k}`);
  return timed(() => {
    select.value = option.value;
    select.dispatchEvent(new Event('change'));
  }, null).then((t) => ({ ...t, question: option.value }));
};

/** What the widget shows, to check each step did what it says. */
bench.state = () => {
  if (kind === 'indicators') {
    const statuses = el.handle.statuses();
    return { view: el.handle.view(), rows: statuses.length, first: statuses[0] ?? null };
  }
  const f = el.handle.figures();
  return { view: el.handle.view(), cycle: f.cycle, areas: Object.keys(f.areas ?? {}).length, question: el.shadowRoot.querySelector('.kw-question')?.value };
};

/** The WebAssembly memory in bytes of the instances the page uses. */
bench.wasmMemory = () => Object.values(instances()).reduce((sum, i) => sum + i.memory, 0);

/** Drops the prepared text (so that the JS heap does not hold it). */
bench.forget = () => { bench.text = null; };
