// The presenter page: a sequence of views of one chart, stepped with the
// keyboard (a presentation clicker sends PageDown and PageUp), full screen on
// F, optional auto-advance, the cursor hidden when idle, a 'data as of' stamp.
// The last slides show the indicators and who has reported, from
// ?progress=URL (a workbook, or the tables as JSON) or the progress sample.
// Data: ?src=URL (&poll=seconds) or the sample; an export opened with
// O or pushed by the control page (BroadcastChannel "kyoto-present") is kept
// in localStorage once the chart has accepted it, and shown again next time,
// so the page works without a network.
import { ready } from '/pkg/kyoto.js';

const STORE = 'kyoto-present-export';
const AUTO_MIN = 3; // seconds: slides that flash are no presentation (and a seizure risk)
const params = new URLSearchParams(location.search);
const lang = params.get('lang') || document.documentElement.lang || 'en';
const chart = document.getElementById('chart');
const widgets = {
  chart,
  reporting: document.getElementById('reporting'),
  indicators: document.getElementById('indicators'),
};
const screen = document.getElementById('screen');
const title = document.getElementById('slide-title');
const position = document.getElementById('position');
const stamp = document.getElementById('stamp');
const note = document.getElementById('note');
const auto = document.getElementById('auto');
const file = document.getElementById('file');

const SLIDES = [
  { view: 'coverage', pillar: null, title: 'Coverage of the commitments, by pillar' },
  { view: 'status', pillar: null, title: 'Activities by status, by pillar' },
  { view: 'status', pillar: 'I', title: 'Pillar I: Advancing crime prevention' },
  { view: 'status', pillar: 'II', title: 'Pillar II: Advancing the criminal justice system' },
  { view: 'status', pillar: 'III', title: 'Pillar III: Promoting the rule of law' },
  { view: 'status', pillar: 'IV', title: 'Pillar IV: Promoting international cooperation and technical assistance to prevent and address all forms of crime' },
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
  if (shown === chart) {
    // Every slide shows its own view, whatever the audience clicked before
    // (a bar drilled into, a crumb, a view button, a status hidden in the
    // legend): its attributes, then reset() to what they say.
    chart.setAttribute('view', s.view);
    chart.setAttribute('pillar', s.pillar || '');
    chart.handle?.reset();
  } else if (s.view) {
    shown.setAttribute('view', s.view);
  }
  title.textContent = s.title;
  position.textContent = `${slide + 1} / ${SLIDES.length}`;
  document.title = `${s.title} · kyoto-widgets presenter`;
  showStamp();
  fit();
}

// Fitting: the widget shown gets the height between the header and the
// footer. A taller one gets smaller type (the chart and the indicators lay
// out again at it), down to MIN_FONT, and is then scaled down as a whole
// (the reporting widget's drawings have a size of their own). The reporting
// overview's table is left below its chart, out of sight.
const MIN_FONT = 14;
let fits = 0;

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Resolves once the widget's height has not changed for two frames (at most 20). */
async function settled(w) {
  let last = -1;
  let same = 0;
  for (let n = 0; n < 20 && same < 2; n++) {
    await frame();
    const h = w.offsetHeight;
    same = h === last ? same + 1 : 0;
    last = h;
  }
}

/** The height the widget needs on screen, in page pixels. */
function needed(w) {
  if (w === widgets.reporting && w.handle?.view() === 'overview') {
    // The widget offers no way to fold the overview's table: its chart is
    // what the slide shows.
    const plot = w.shadowRoot?.querySelector('.kw-plot');
    if (plot && plot.offsetHeight) {
      const bottom = plot.getBoundingClientRect().bottom - w.getBoundingClientRect().top;
      w.classList.add('clipped');
      w.style.height = `${Math.ceil(bottom / (Number(w.style.zoom) || 1)) + 8}px`;
      return w.offsetHeight * (Number(w.style.zoom) || 1);
    }
  }
  w.classList.remove('clipped');
  w.style.removeProperty('height');
  return w.getBoundingClientRect().height;
}

async function fit() {
  const run = ++fits;
  const w = widgets[SLIDES[slide].widget || 'chart'];
  screen.classList.add('fitting');
  w.style.removeProperty('font-size');
  w.style.removeProperty('zoom');
  w.handle?.render();
  await settled(w);
  const room = screen.clientHeight;
  let need = needed(w);
  if (run !== fits) return;
  if (w !== widgets.reporting) {
    let font = parseFloat(getComputedStyle(w).fontSize);
    for (let n = 0; n < 4 && need > room && font > MIN_FONT; n++) {
      font = Math.max(MIN_FONT, Math.floor(font * (room / need) * 0.98));
      w.style.fontSize = `${font}px`;
      w.handle?.render();
      await settled(w);
      if (run !== fits) return;
      need = needed(w);
    }
  }
  for (let n = 0; n < 3 && need > room; n++) {
    const zoom = (Number(w.style.zoom) || 1) * (room / need) * 0.99;
    w.style.zoom = String(Math.round(zoom * 1000) / 1000);
    w.handle?.render();
    await settled(w);
    if (run !== fits) return;
    need = needed(w);
  }
  screen.classList.remove('fitting');
  document.body.dataset.fitted = String(slide + 1);
}

let resizing = null;
addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(fit, 150);
});

// Auto-advance: ?auto=20 or the A key (20 s by default, at least AUTO_MIN).
let timer = null;
function setAuto(seconds) {
  clearInterval(timer);
  timer = null;
  if (seconds > 0) {
    const every = Math.max(AUTO_MIN, seconds);
    timer = setInterval(() => show(slide + 1), every * 1000);
    auto.textContent = `Auto-advance every ${number(every)} s`;
  } else {
    auto.textContent = '';
  }
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else document.documentElement.requestFullscreen().catch(() => {});
}

// The stamp: what the slide shows, as of when, loaded when.
const number = (n) => new Intl.NumberFormat(lang).format(n);
const day = (iso) => {
  const [y, m, d] = String(iso).split('-').map(Number);
  if (!y) return iso;
  const options = d ? { dateStyle: 'long' } : m ? { year: 'numeric', month: 'long' } : { year: 'numeric' };
  return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(Date.UTC(y, (m || 1) - 1, d || 1));
};
const clock = () => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date());

const stamps = { chart: 'Loading the data…', reporting: 'Loading the progress data…', indicators: 'Loading the progress data…' };

function showStamp() {
  stamp.textContent = stamps[SLIDES[slide].widget || 'chart'];
}

function stampFrom(detail, origin) {
  const what = detail.title || (origin === 'sample' ? 'Embedded sample' : 'Export');
  const asOf = detail.updated ? ` · data as of ${day(detail.updated)}` : '';
  stamps.chart = `${what}${asOf} · ${number(detail.activities)} activities · loaded ${clock()}`;
  showStamp();
}

function progressStamp(detail) {
  const what = params.get('progress') ? `Progress data: ${params.get('progress')}` : 'Progress data: the sample';
  const rows = Number.isFinite(detail?.rowsRead) ? ` · ${number(detail.rowsRead)} rows` : '';
  stamps.reporting = stamps.indicators = `${what}${rows} · loaded ${clock()}`;
  showStamp();
}

let hasData = false;
let origin = 'sample';
chart.addEventListener('kyoto:loaded', (e) => {
  hasData = true;
  stampFrom(e.detail, origin);
  fit();
});
chart.addEventListener('kyoto:updated', (e) => {
  hasData = true;
  stampFrom(e.detail, 'export');
  accepted(e.detail);
  fit();
});
chart.addEventListener('kyoto:error', (e) => {
  if (given !== null && !e.detail.stale) rejected(e.detail);
  else if (!hasData && !e.detail.stale) {
    const from = origin === 'src' ? params.get('src') : 'the embedded sample';
    stamps.chart = `The data could not be loaded from ${from}: ${e.detail.message}`;
    showStamp();
  } else if (!hasData && origin === 'src') {
    stamps.chart = `The data could not be loaded from ${params.get('src')} yet; trying again`;
    showStamp();
  }
});
for (const w of [widgets.reporting, widgets.indicators]) {
  w.addEventListener('kyoto:loaded', (e) => { progressStamp(e.detail); if (!w.hidden) fit(); });
  w.addEventListener('kyoto:updated', (e) => { progressStamp(e.detail); if (!w.hidden) fit(); });
}

// Data given to the chart (opened with O, pushed by the control page) is
// kept for next time once the chart has shown it; data it rejects is not,
// and the last good export stays kept.
let given = null;

function give(data, name) {
  given = { data, name };
  chart.handle?.update(data);
}

/** The text of an export's bytes, decoded as the widgets decode them. */
function decode(data) {
  if (typeof data === 'string') return data;
  if (!ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer)) return JSON.stringify(data); // an export object
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function accepted() {
  if (given === null) return;
  const { data, name } = given;
  given = null;
  try {
    localStorage.setItem(STORE, decode(data));
    note.textContent = '';
    reply('kept', name);
  } catch {
    // Too big for the browser's storage (or storage is off): the older
    // export is not kept either, so that a reload does not show it as current.
    try { localStorage.removeItem(STORE); } catch { /* storage off */ }
    note.textContent = `${name || 'The export'} is shown but too big to keep in this browser: after a reload this page shows the sample.`;
    reply('not-kept', name);
  }
}

function rejected(detail) {
  const { name } = given;
  given = null;
  reply('rejected', name, detail.message);
}

// What the control page pushes, and what the presenter page answers it.
const channel = new BroadcastChannel('kyoto-present');
function reply(presenter, name, message = '') {
  if (name) channel.postMessage({ presenter, name, message });
}
channel.addEventListener('message', (e) => {
  const m = e.data;
  if (m && typeof m === 'object' && 'presenter' in m) return; // another presenter page's answer
  // The control page sends { kyotoPush: data, name }; any other message is the data.
  if (m && typeof m === 'object' && 'kyotoPush' in m) give(m.kyotoPush, String(m.name || 'The export pushed'));
  else give(m, 'The export pushed');
});

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const inside = e.composedPath()[0];
  // A field keeps its keys (the widgets' selects, the file picker).
  if (inside instanceof HTMLElement && inside.matches('input, select, textarea')) return;
  // A focused widget keeps Up, Down, Enter and Space; Escape takes it up a
  // level, or leaves full screen first. Slide keys go to the page.
  const inWidget = inside !== e.target || Object.values(widgets).includes(inside);
  switch (e.key) {
    case 'ArrowRight': case 'PageDown': show(slide + 1); break;
    case ' ': if (inWidget) return; show(slide + 1); break;
    case 'ArrowLeft': case 'PageUp': show(slide - 1); break;
    case 'Home': show(0); break;
    case 'End': show(SLIDES.length - 1); break;
    case 'f': case 'F': toggleFullscreen(); break;
    case 'Escape':
      if (!document.fullscreenElement) return;
      document.exitFullscreen().catch(() => {});
      break;
    case 'a': case 'A': setAuto(timer ? 0 : Number(params.get('auto')) || 20); break;
    case 'o': case 'O': file.click(); break;
    default: return;
  }
  e.preventDefault();
  e.stopPropagation();
}, { capture: true });

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
  // The bytes, as the widgets' own Open file reads them (UTF-8, else Windows-1252).
  give(new Uint8Array(await f.arrayBuffer()), f.name);
  file.value = '';
});

await ready;
if (params.get('lang')) for (const w of Object.values(widgets)) w.setAttribute('lang', params.get('lang'));
if (params.get('progress')) {
  widgets.reporting.setAttribute('src', params.get('progress'));
  widgets.indicators.setAttribute('src', params.get('progress'));
}
if (params.get('src')) {
  // The sample the chart may have shown before its src is not the page's data.
  origin = 'src';
  hasData = false;
  stamps.chart = `Loading ${params.get('src')}…`;
  chart.setAttribute('src', params.get('src'));
  if (params.get('poll')) chart.setAttribute('poll', params.get('poll'));
} else {
  let saved = null;
  try { saved = localStorage.getItem(STORE); } catch { saved = null; }
  if (saved) give(saved, null);
  else if (chart.handle?.detail()?.activities) stampFrom(chart.handle.detail(), 'sample');
}
show(0);
if (params.get('auto')) setAuto(Number(params.get('auto')));
