// The presenter page: a sequence of views of one chart, stepped with the
// keyboard (a presentation clicker sends PageDown and PageUp), full screen on
// F, optional auto-advance, the cursor hidden when idle, a 'data as of' stamp.
// The last slides show the indicators and who has reported, from
// ?progress=URL (a workbook, or the tables as JSON) or the progress sample.
// Data: ?src=URL (&poll=seconds) or the sample; an export opened with
// O, dropped on the chart or pushed by the control page (BroadcastChannel
// "kyoto-present") is kept in localStorage and shown again next time, so the
// page works without a network.
import { ready } from '/pkg/kyoto.js';

const STORE = 'kyoto-present-export';
const params = new URLSearchParams(location.search);
const chart = document.getElementById('chart');
const widgets = {
  chart,
  reporting: document.getElementById('reporting'),
  indicators: document.getElementById('indicators'),
};
const title = document.getElementById('slide-title');
const position = document.getElementById('position');
const stamp = document.getElementById('stamp');
const auto = document.getElementById('auto');
const file = document.getElementById('file');

const SLIDES = [
  { view: 'coverage', pillar: null, title: 'Coverage of the commitments, by pillar' },
  { view: 'status', pillar: null, title: 'Activities by status, by pillar' },
  { view: 'status', pillar: 'I', title: 'Pillar I: advancing crime prevention' },
  { view: 'status', pillar: 'II', title: 'Pillar II: advancing the criminal justice system' },
  { view: 'status', pillar: 'III', title: 'Pillar III: promoting the rule of law' },
  { view: 'status', pillar: 'IV', title: 'Pillar IV: international cooperation and technical assistance' },
  { view: 'timeline', pillar: null, title: 'Activities started over time' },
  { widget: 'reporting', view: 'overview', title: 'Who has reported: States per pillar and cycle' },
  { widget: 'reporting', view: 'map', title: 'Who has reported in the latest cycle' },
  { widget: 'indicators', title: 'Indicators per pillar: progress towards the targets' },
];
let slide = 0;

function show(i) {
  slide = (i + SLIDES.length) % SLIDES.length;
  const s = SLIDES[slide];
  const shown = widgets[s.widget || 'chart'];
  for (const w of Object.values(widgets)) w.hidden = w !== shown;
  if (s.view) shown.setAttribute('view', s.view);
  if (s.pillar) shown.setAttribute('pillar', s.pillar); else shown.removeAttribute('pillar');
  title.textContent = s.title;
  position.textContent = `${slide + 1} / ${SLIDES.length}`;
  document.title = `${s.title} · kyoto-widgets presenter`;
}

// Auto-advance: ?auto=20 or the A key (20 s by default).
let timer = null;
function setAuto(seconds) {
  clearInterval(timer);
  timer = null;
  if (seconds > 0) {
    timer = setInterval(() => show(slide + 1), seconds * 1000);
    auto.textContent = `Auto-advance every ${seconds} s`;
  } else {
    auto.textContent = '';
  }
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else document.documentElement.requestFullscreen().catch(() => {});
}

function remember(text) {
  try { localStorage.setItem(STORE, text); } catch { /* full or disabled: shown, not kept */ }
}

function stampFrom(detail, origin) {
  const when = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const what = detail.title || (origin === 'sample' ? 'Embedded sample' : 'Export');
  const asOf = detail.updated ? ` · data as of ${detail.updated}` : '';
  stamp.textContent = `${what}${asOf} · ${detail.activities} activities · loaded ${when}`;
}

document.addEventListener('keydown', (e) => {
  // The chart uses arrow keys itself while it has focus; it marks them handled.
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  switch (e.key) {
    case 'ArrowRight': case 'PageDown': case ' ': show(slide + 1); break;
    case 'ArrowLeft': case 'PageUp': show(slide - 1); break;
    case 'Home': show(0); break;
    case 'End': show(SLIDES.length - 1); break;
    case 'f': case 'F': toggleFullscreen(); break;
    case 'Escape': if (document.fullscreenElement) document.exitFullscreen().catch(() => {}); return;
    case 'a': case 'A': setAuto(timer ? 0 : Number(params.get('auto')) || 20); break;
    case 'o': case 'O': file.click(); break;
    default: return;
  }
  e.preventDefault();
});

// The cursor hides after 2.5 s without movement.
let idle = null;
function wake() {
  document.body.classList.remove('idle');
  clearTimeout(idle);
  idle = setTimeout(() => document.body.classList.add('idle'), 2500);
}
document.addEventListener('pointermove', wake);
wake();

file.addEventListener('change', async () => {
  const f = file.files[0];
  if (!f) return;
  const text = await f.text();
  chart.handle?.update(text);
  remember(text);
  file.value = '';
});

// What the control page pushes is also kept for next time.
const channel = new BroadcastChannel('kyoto-present');
channel.addEventListener('message', (e) => {
  if (typeof e.data === 'string') remember(e.data);
});

let origin = 'sample';
chart.addEventListener('kyoto:loaded', (e) => stampFrom(e.detail, origin));
chart.addEventListener('kyoto:updated', (e) => stampFrom(e.detail, 'export'));

await ready;
if (params.get('lang')) for (const w of Object.values(widgets)) w.setAttribute('lang', params.get('lang'));
if (params.get('progress')) {
  widgets.reporting.setAttribute('src', params.get('progress'));
  widgets.indicators.setAttribute('src', params.get('progress'));
}
if (params.get('src')) {
  origin = 'src';
  chart.setAttribute('src', params.get('src'));
  if (params.get('poll')) chart.setAttribute('poll', params.get('poll'));
} else {
  let saved = null;
  try { saved = localStorage.getItem(STORE); } catch { saved = null; }
  if (saved) chart.handle?.update(saved);
  else if (chart.handle) stampFrom(chart.handle.detail(), 'sample');
}
show(0);
if (params.get('auto')) setAuto(Number(params.get('auto')));
