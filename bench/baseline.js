// Benchmark harness of the Chart.js baseline (measurement only); the
// baseline itself is bench/baseline-chart.js and Chart.js.
//
//   baseline.html?src=/data/activities-10000.json
import { afterPaint, timeInFrame } from './frame.js';
import { aggregate, loadChart, updateChart } from './baseline-chart.js';

const params = new URLSearchParams(location.search);
const canvas = document.getElementById('chart');
const bench = { side: 'baseline' };
window.bench = bench;
let chart = null;
let firstRender = null;
const rendered = new Promise((resolve) => { firstRender = resolve; });

const codeAt = performance.now();

/** Milestones in ms since navigation start: code ready (Chart.js evaluated,
 * this module running), the data's last byte received. */
bench.phases = () => {
  const end = (re) => performance.getEntriesByType('resource').find((e) => re.test(e.name))?.responseEnd ?? NaN;
  return { code: codeAt, data: end(/\/data\//) };
};

bench.loaded = loadChart(canvas, params.get('src'), () => firstRender())
  .then(async (c) => {
    chart = c;
    await rendered;
    return { timeToChart: await afterPaint() };
  });
bench.loaded.catch(() => {});

bench.wasmMemory = async () => 0;

bench.shown = () => ({
  bars: chart.data.labels.slice(),
  byStatus: chart.data.datasets.map((d) => d.data.slice()),
});

/** A filter change: the dataset of status i hidden or shown again. */
bench.toggle = (i) => timeInFrame(() => {
  chart.setDatasetVisibility(i, !chart.isDatasetVisible(i));
  chart.update('none');
});

bench.prepare = async (urls) => {
  bench.texts = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
  return bench.texts.map((t) => t.length);
};

/** New data pushed: re-parse, re-aggregate, update. */
bench.push = async (k) => {
  const text = bench.texts[k % bench.texts.length];
  let groups = null;
  const t = await timeInFrame(() => {
    groups = aggregate(JSON.parse(text));
    updateChart(chart, groups);
  });
  return { ...t, activities: null };
};
