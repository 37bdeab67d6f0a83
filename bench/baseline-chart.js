// The baseline: what a web editor would write to show the same chart with
// Chart.js 4 and plain JavaScript. This file and Chart.js are what the
// baseline ships (bench/baseline.js only measures).
//
// It reads the JSON export (JSON.parse), counts per group — the declaratory
// part (paragraphs 1–20, shown when cited), pillar I (21–30), II (31–47),
// III (48–59), IV (60–95), the follow-up (96–97, shown when cited) — the
// activities by status, each activity once per group however many of the
// group's paragraphs it cites, and the paragraphs with at least one activity
// (coverage, "n of m"), exactly as <kyoto-pillar-chart view="status"> shows
// them; and draws one stacked horizontal bar per group.
/* global Chart */

export const GROUPS = [
  { label: 'Declaratory part', first: 1, last: 20, optional: true },
  { label: 'Pillar I', first: 21, last: 30 },
  { label: 'Pillar II', first: 31, last: 47 },
  { label: 'Pillar III', first: 48, last: 59 },
  { label: 'Pillar IV', first: 60, last: 95 },
  { label: 'Follow-up', first: 96, last: 97, optional: true },
];
export const STATUSES = ['Completed', 'Ongoing', 'Planned'];
const COLOURS = ['#1a7f37', '#0969da', '#bf8700'];
const STATUS_WORDS = {
  completed: 0, complete: 0, done: 0, finished: 0,
  ongoing: 1, 'on going': 1, 'in progress': 1, underway: 1, 'under way': 1, active: 1,
  planned: 2, proposed: 2, 'not started': 2, pipeline: 2, 'in pipeline': 2, 'in the pipeline': 2,
};
const GROUP_OF = new Int8Array(98).fill(-1);
GROUPS.forEach((g, i) => { for (let p = g.first; p <= g.last; p++) GROUP_OF[p] = i; });

const PREFIX = /^(?:paragraphs?|paras?\.?|pars?\.?|op\.?|§|¶)\s*/i;
const RANGE = /^(\d+)\s*(?:-|–|—|to|through)\s*(\d+)$/i;

/**
 * Paragraph numbers of a reference: a number, an array, or text in the forms
 * exports use — "21", "21, 22", "21; 22", "27, 28 and 44", "93-95", "93–95",
 * "35 to 42", "para. 87", "paras. 93 to 95", "42 (a)".
 */
export function parseParagraphs(ref) {
  if (typeof ref === 'number') return [ref];
  if (Array.isArray(ref)) return ref.flatMap(parseParagraphs);
  if (typeof ref !== 'string') return [];
  const out = [];
  for (let item of ref.split(/[,;/&\n]|\band\b/i)) {
    item = item.replace(/\([a-z]\)/gi, '').trim().replace(PREFIX, '').trim();
    if (!item) continue;
    const range = RANGE.exec(item);
    if (range) {
      for (let p = Number(range[1]); p <= Number(range[2]); p++) out.push(p);
    } else if (/^\d+$/.test(item)) {
      out.push(Number(item));
    }
  }
  return out;
}

/** Groups with { label, paragraphs, covered, activities, byStatus: [c, o, p] }. */
export function aggregate(data) {
  const activities = Array.isArray(data) ? data : data.activities || [];
  const byStatus = GROUPS.map(() => [0, 0, 0]);
  const covered = new Uint8Array(98);
  for (const a of activities) {
    const s = STATUS_WORDS[String(a.status ?? '').trim().toLowerCase()];
    if (s === undefined) continue;
    let seen = 0;
    for (const p of parseParagraphs(a.paragraphs)) {
      const g = GROUP_OF[p];
      if (!(p >= 1 && p <= 97) || g < 0) continue;
      covered[p] = 1;
      if (!(seen & (1 << g))) { seen |= 1 << g; byStatus[g][s]++; }
    }
  }
  return GROUPS.map((g, i) => {
    let n = 0;
    for (let p = g.first; p <= g.last; p++) n += covered[p];
    const [c, o, pl] = byStatus[i];
    return { label: g.label, optional: g.optional, paragraphs: g.last - g.first + 1, covered: n, activities: c + o + pl, byStatus: byStatus[i] };
  }).filter((g) => !g.optional || g.activities > 0);
}

function chartData(groups) {
  return {
    labels: groups.map((g) => g.label),
    datasets: STATUSES.map((label, s) => ({
      label, backgroundColor: COLOURS[s], data: groups.map((g) => g.byStatus[s]),
    })),
  };
}

/** Draws the chart into `canvas`; `onRender` is called after each render. */
export function drawChart(canvas, groups, onRender) {
  let current = groups;
  const chart = new Chart(canvas, {
    type: 'bar',
    data: chartData(groups),
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } },
      plugins: {
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            footer: (items) => {
              const g = current[items[0].dataIndex];
              return `${g.covered} of ${g.paragraphs} paragraphs with activities · ${g.activities} activities`;
            },
          },
        },
      },
    },
    plugins: [{ id: 'rendered', afterRender: (c) => onRender && onRender(c) }],
  });
  chart.$setGroups = (next) => { current = next; };
  return chart;
}

/** Shows new groups on an existing chart without animation. */
export function updateChart(chart, groups) {
  chart.$setGroups(groups);
  const next = chartData(groups);
  chart.data.labels = next.labels;
  next.datasets.forEach((d, i) => { chart.data.datasets[i].data = d.data; });
  chart.update('none');
}

/** Fetches a JSON export, aggregates it and draws the chart. */
export async function loadChart(canvas, src, onRender) {
  const response = await fetch(src);
  if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
  const groups = aggregate(JSON.parse(await response.text()));
  return drawChart(canvas, groups, onRender);
}
