// Benchmark harness of our pillar chart (measurement only). The page loads
// the release package exactly as the README's embedding does (a module
// script for kyoto.js), this script mounts one chart with
// mount(el, { kind, src, view }) and exposes window.bench to bench/run.mjs.
//
//   ours.html?src=/data/activities-10000.json        (pkg/)
//   ours-names.html?src=…                            (bench/data/pkg-names/, for profiles)
import { afterPaint, timeInFrame } from './frame.js';

const params = new URLSearchParams(location.search);
// The package the page loads: the folder of its kyoto.js script.
const pkg = new URL('./', document.querySelector('script[src$="/kyoto.js"]').src).pathname;
const el = document.getElementById('chart');
const bench = { side: 'ours' };
window.bench = bench;

bench.loaded = new Promise((resolve, reject) => {
  el.addEventListener('kyoto:loaded', (e) => {
    const { activities, errors } = e.detail;
    afterPaint().then((t) => resolve({ timeToChart: t, activities, errors }));
  }, { once: true });
  el.addEventListener('kyoto:error', (e) => reject(new Error(e.detail.message)), { once: true });
});
// Keep the rejection for run.mjs, not as an unhandled page error.
bench.loaded.catch(() => {});

const { ready, mount, instances } = await import(`${pkg}kyoto.js`);
await ready;
const handle = mount(el, { kind: 'pillar-chart', src: params.get('src'), view: 'status' });
const mountedAt = performance.now();
// The chart's module is loaded on mount() (its src downloads meanwhile).
await handle.ready;
const readyAt = performance.now();

/** Milestones in ms since navigation start: code ready (the chart's module
 * fetched, compiled, instantiated, the widget made), mount() returned, the
 * data's last byte received. */
bench.phases = () => {
  const end = (re) => performance.getEntriesByType('resource').find((e) => re.test(e.name))?.responseEnd ?? NaN;
  return { code: readyAt, wasm: end(/\.wasm$/), mounted: mountedAt, data: end(/\/data\//) };
};

/** The WebAssembly memory in bytes of the instances the page uses (the chart's module). */
bench.wasmMemory = async () => Object.values(instances()).reduce((sum, i) => sum + i.memory, 0);

/** What the chart shows: the bars' labels and the status line. */
bench.shown = () => ({
  bars: handle.barRects().map((b) => b.label),
  note: el.shadowRoot.querySelector('.kw-note')?.textContent,
  table: handle.tableCsv(),
});

/** A filter change: the legend button of status i (0 completed, 1 ongoing, 2 planned) in the shadow root. */
bench.toggle = (i) => {
  const button = el.shadowRoot.querySelector(`[data-action="legend:${i}"]`);
  if (!button) throw new Error(`no legend button ${i}`);
  return timeInFrame(() => button.click());
};

/** A hover: a pointer move onto bar i, dispatched on the canvas as the
 * browser dispatches it (a PointerEvent with client coordinates; the chart
 * reads offsetX/offsetY). Returns the timing, as toggle() does; the caller
 * checks the tooltip afterwards. */
bench.hover = (i) => {
  const canvas = el.shadowRoot.querySelector('canvas');
  const bar = handle.barRects()[i];
  if (!canvas || !bar) throw new Error(`no bar ${i}`);
  const box = canvas.getBoundingClientRect();
  const x = box.left + bar.x + Math.min(bar.width, 40) / 2;
  const y = box.top + bar.y + bar.height / 2;
  return timeInFrame(() => canvas.dispatchEvent(new PointerEvent('pointermove', {
    bubbles: true, composed: true, clientX: x, clientY: y, pointerType: 'mouse',
  })));
};

/** How many bars the chart shows. */
bench.bars = () => handle.barRects().length;

/** Fetches the texts that push() hands over (not timed). */
bench.prepare = async (urls) => {
  bench.texts = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
  return bench.texts.map((t) => t.length);
};

/** New data pushed: handle.update(text) with the k-th prepared text. */
bench.push = async (k) => {
  const text = bench.texts[k % bench.texts.length];
  let detail = null;
  const on = (e) => { detail = e.detail; };
  el.addEventListener('kyoto:updated', on);
  try {
    const t = await timeInFrame(() => handle.update(text));
    if (!detail) throw new Error('update() emitted no kyoto:updated');
    return { ...t, activities: detail.activities };
  } finally {
    el.removeEventListener('kyoto:updated', on);
  }
};
