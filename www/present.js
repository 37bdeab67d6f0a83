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

// The page speaks one of the six UN languages, as its widgets do: ?lang=,
// else the page's own <html lang>, else English. <html lang> and dir say it
// (the widgets follow them too).
const LANGS = ['en', 'fr', 'es', 'ru', 'zh', 'ar'];
const primary = (tag) => String(tag || '').trim().toLowerCase().split(/[-_]/)[0];
const lang = [params.get('lang'), document.documentElement.lang].map(primary).find((l) => LANGS.includes(l)) || 'en';
document.documentElement.lang = lang;
document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';

// The page's own words. The pillars' short names and the plural forms are
// the widgets' (data/i18n/*.json: label.pillar, label.pillar_named,
// data.activities, data.as_of); the Declaration's pillar headings have no
// official translation in the product's sources and stay English, marked so.
const WORDS = {
  en: {
    page: 'kyoto-widgets presenter',
    coverage: 'Coverage of the commitments, by pillar',
    status: 'Activities by status, by pillar',
    pillar: 'Pillar {pillar}',
    pillarNamed: 'Pillar {pillar}: {name}',
    timeline: 'Activities started over time',
    reporting: 'Who has reported on {pillar}: States per cycle',
    map: 'Who has reported in the latest cycle',
    indicators: '{pillar} indicators: progress towards the targets',
    loading: 'Loading the data…',
    loadingProgress: 'Loading the progress data…',
    loadingSrc: 'Loading {src}…',
    sample: 'Embedded sample',
    export: 'Export',
    asOf: 'data as of {date}',
    activities: { one: '# activity', other: '# activities' },
    loaded: 'loaded {time}',
    progressFrom: 'Progress data: {src}',
    progressSample: 'Progress data: the sample',
    rows: { one: '# row', other: '# rows' },
    failed: 'The data could not be loaded from {src}: {reason}',
    failedSample: 'The embedded sample could not be loaded: {reason}',
    retrying: 'The data could not be loaded from {src} yet; trying again',
    progressFailed: 'The progress data could not be loaded from {src}: {reason}',
    auto: 'Auto-advance every {seconds} s',
    theExport: 'The export',
    tooBig: '{name} is shown but too big to keep in this browser: after a reload this page shows the sample.',
    'keys.step': 'step', 'keys.chart': 'in the chart', 'keys.full': 'full screen',
    'keys.auto': 'auto', 'keys.open': 'open', 'keys.control': 'control page',
  },
  fr: {
    page: 'kyoto-widgets : présentation',
    coverage: 'Couverture des engagements, par pilier',
    status: 'Activités par statut, par pilier',
    pillar: 'Pilier {pillar}',
    pillarNamed: 'Pilier {pillar}\u00a0: {name}',
    timeline: 'Activités lancées au fil du temps',
    reporting: 'Qui a fait rapport, {pillar}\u00a0: États par cycle',
    map: 'Qui a fait rapport au dernier cycle',
    indicators: 'Indicateurs, {pillar}\u00a0: progrès vers les cibles',
    loading: 'Chargement des données…',
    loadingProgress: 'Chargement des données d’avancement…',
    loadingSrc: 'Chargement de {src}…',
    sample: 'Exemple intégré',
    export: 'Export',
    asOf: 'données au {date}',
    activities: { one: '# activité', many: '# d’activités', other: '# activités' },
    loaded: 'chargement à {time}',
    progressFrom: 'Données d’avancement\u00a0: {src}',
    progressSample: 'Données d’avancement\u00a0: l’exemple',
    rows: { one: '# ligne', many: '# de lignes', other: '# lignes' },
    failed: 'Les données n’ont pas pu être chargées depuis {src}\u00a0: {reason}',
    failedSample: 'L’exemple intégré n’a pas pu être chargé\u00a0: {reason}',
    retrying: 'Les données n’ont pas encore pu être chargées depuis {src}\u00a0; nouvel essai en cours',
    progressFailed: 'Les données d’avancement n’ont pas pu être chargées depuis {src}\u00a0: {reason}',
    auto: 'Défilement automatique toutes les {seconds}\u00a0s',
    theExport: 'L’export',
    tooBig: '{name} est affiché, mais trop volumineux pour être conservé dans ce navigateur\u00a0: après un rechargement, cette page affiche l’exemple.',
    'keys.step': 'diapositives', 'keys.chart': 'dans le graphique', 'keys.full': 'plein écran',
    'keys.auto': 'défilement auto', 'keys.open': 'ouvrir', 'keys.control': 'page de contrôle',
  },
  es: {
    page: 'kyoto-widgets: presentación',
    coverage: 'Cobertura de los compromisos, por pilar',
    status: 'Actividades por estado, por pilar',
    pillar: 'Pilar {pillar}',
    pillarNamed: 'Pilar {pillar}: {name}',
    timeline: 'Actividades iniciadas a lo largo del tiempo',
    reporting: 'Quién ha informado, {pillar}: Estados por ciclo',
    map: 'Quién ha informado en el último ciclo',
    indicators: 'Indicadores, {pillar}: avance hacia las metas',
    loading: 'Cargando los datos…',
    loadingProgress: 'Cargando los datos de avance…',
    loadingSrc: 'Cargando {src}…',
    sample: 'Muestra integrada',
    export: 'Exportación',
    asOf: 'datos al {date}',
    activities: { one: '# actividad', many: '# de actividades', other: '# actividades' },
    loaded: 'cargado a las {time}',
    progressFrom: 'Datos de avance: {src}',
    progressSample: 'Datos de avance: la muestra',
    rows: { one: '# fila', many: '# de filas', other: '# filas' },
    failed: 'No se pudieron cargar los datos desde {src}: {reason}',
    failedSample: 'No se pudo cargar la muestra integrada: {reason}',
    retrying: 'Aún no se pudieron cargar los datos desde {src}; se vuelve a intentar',
    progressFailed: 'No se pudieron cargar los datos de avance desde {src}: {reason}',
    auto: 'Avance automático cada {seconds} s',
    theExport: 'La exportación',
    tooBig: '{name} se muestra, pero es demasiado grande para conservarlo en este navegador: al recargarla, esta página mostrará la muestra.',
    'keys.step': 'diapositivas', 'keys.chart': 'en el gráfico', 'keys.full': 'pantalla completa',
    'keys.auto': 'avance automático', 'keys.open': 'abrir', 'keys.control': 'página de control',
  },
  ru: {
    page: 'kyoto-widgets: презентация',
    coverage: 'Охват обязательств по компонентам',
    status: 'Мероприятия по статусу и компонентам',
    pillar: 'Компонент {pillar}',
    pillarNamed: 'Компонент {pillar}: {name}',
    timeline: 'Начатые мероприятия в динамике',
    reporting: 'Кто представил доклады, {pillar}: государства по циклам',
    map: 'Кто представил доклады в последнем цикле',
    indicators: 'Показатели, {pillar}: продвижение к целевым значениям',
    loading: 'Загрузка данных…',
    loadingProgress: 'Загрузка данных о ходе выполнения…',
    loadingSrc: 'Загрузка {src}…',
    sample: 'Встроенный пример',
    export: 'Выгрузка',
    asOf: 'данные на {date}',
    activities: { one: '# мероприятие', few: '# мероприятия', many: '# мероприятий', other: '# мероприятия' },
    loaded: 'загружено в {time}',
    progressFrom: 'Данные о ходе выполнения: {src}',
    progressSample: 'Данные о ходе выполнения: пример',
    rows: { one: '# строка', few: '# строки', many: '# строк', other: '# строки' },
    failed: 'Не удалось загрузить данные из {src}: {reason}',
    failedSample: 'Не удалось загрузить встроенный пример: {reason}',
    retrying: 'Пока не удалось загрузить данные из {src}; новая попытка',
    progressFailed: 'Не удалось загрузить данные о ходе выполнения из {src}: {reason}',
    auto: 'Автоматическое переключение каждые {seconds} с',
    theExport: 'Выгрузка',
    tooBig: '{name}: показано, но слишком велико, чтобы сохранить в этом браузере; после перезагрузки страница покажет пример.',
    'keys.step': 'слайды', 'keys.chart': 'на диаграмме', 'keys.full': 'полный экран',
    'keys.auto': 'автопереключение', 'keys.open': 'открыть', 'keys.control': 'страница управления',
  },
  zh: {
    page: 'kyoto-widgets 演示',
    coverage: '各支柱承诺的覆盖情况',
    status: '各支柱活动的状态',
    pillar: '支柱{pillar}',
    pillarNamed: '支柱{pillar}：{name}',
    timeline: '各期启动的活动',
    reporting: '{pillar}报告提交情况：按周期列出的国家',
    map: '最近一个周期的报告提交情况',
    indicators: '{pillar}指标：实现目标的进展',
    loading: '正在加载数据…',
    loadingProgress: '正在加载进展数据…',
    loadingSrc: '正在加载{src}…',
    sample: '内置示例',
    export: '导出数据',
    asOf: '数据截至{date}',
    activities: { other: '#项活动' },
    loaded: '加载于{time}',
    progressFrom: '进展数据：{src}',
    progressSample: '进展数据：示例',
    rows: { other: '#行' },
    failed: '无法从{src}加载数据：{reason}',
    failedSample: '无法加载内置示例：{reason}',
    retrying: '尚未能从{src}加载数据；正在重试',
    progressFailed: '无法从{src}加载进展数据：{reason}',
    auto: '每{seconds}秒自动翻页',
    theExport: '导出数据',
    tooBig: '已显示{name}，但其太大，无法保存在此浏览器中：重新加载后，此页面将显示示例。',
    'keys.step': '翻页', 'keys.chart': '图表内', 'keys.full': '全屏',
    'keys.auto': '自动翻页', 'keys.open': '打开', 'keys.control': '控制页面',
  },
  ar: {
    page: 'kyoto-widgets: العرض',
    coverage: 'تغطية الالتزامات حسب الركيزة',
    status: 'الأنشطة حسب الحالة والركيزة',
    pillar: 'الركيزة {pillar}',
    pillarNamed: 'الركيزة {pillar}: {name}',
    timeline: 'الأنشطة التي بدأت على مر الزمن',
    reporting: 'من قدّم التقارير عن {pillar}: الدول حسب الدورة',
    map: 'من قدّم التقارير في الدورة الأخيرة',
    indicators: 'مؤشرات {pillar}: التقدم نحو الأهداف',
    loading: 'جارٍ تحميل البيانات…',
    loadingProgress: 'جارٍ تحميل بيانات التقدم…',
    loadingSrc: 'جارٍ تحميل {src}…',
    sample: 'العينة المضمّنة',
    export: 'ملف التصدير',
    asOf: 'البيانات حتى {date}',
    activities: { zero: 'لا أنشطة', one: 'نشاط واحد', two: 'نشاطان', few: '# أنشطة', many: '# نشاطًا', other: '# نشاط' },
    loaded: 'وقت التحميل {time}',
    progressFrom: 'بيانات التقدم: {src}',
    progressSample: 'بيانات التقدم: العينة',
    rows: { zero: 'لا صفوف', one: 'صف واحد', two: 'صفّان', few: '# صفوف', many: '# صفًا', other: '# صف' },
    failed: 'تعذّر تحميل البيانات من {src}: {reason}',
    failedSample: 'تعذّر تحميل العينة المضمّنة: {reason}',
    retrying: 'لم يتسنَّ تحميل البيانات من {src} بعد؛ تجري محاولة أخرى',
    progressFailed: 'تعذّر تحميل بيانات التقدم من {src}: {reason}',
    auto: 'تقدّم تلقائي كل {seconds} ث',
    theExport: 'ملف التصدير',
    tooBig: 'يُعرض {name} لكنه أكبر من أن يُحفظ في هذا المتصفح: بعد إعادة التحميل تعرض هذه الصفحة العينة.',
    'keys.step': 'الشرائح', 'keys.chart': 'داخل الرسم البياني', 'keys.full': 'ملء الشاشة',
    'keys.auto': 'تقدّم تلقائي', 'keys.open': 'فتح', 'keys.control': 'صفحة التحكم',
  },
};
// The Declaration's pillar headings, in its own (English) words.
const PILLAR_NAMES = {
  I: 'Advancing crime prevention',
  II: 'Advancing the criminal justice system',
  III: 'Promoting the rule of law',
  IV: 'Promoting international cooperation and technical assistance to prevent and address all forms of crime',
};

const number = (n) => new Intl.NumberFormat(lang).format(n);
const plurals = new Intl.PluralRules(lang);

/**
 * The page's words for `key` as a fragment, each `{name}` filled from `args`:
 * a string, or a node kept as it is (an isolated file name, English words).
 * A `{one, other, …}` entry takes the form of `args.count` (its `#`).
 */
function say(key, args = {}) {
  let words = WORDS[lang][key] ?? WORDS.en[key];
  if (typeof words === 'object') {
    const form = plurals.select(args.count);
    words = (words[form] ?? words.other).replace('#', number(args.count));
  }
  const out = document.createDocumentFragment();
  for (const part of words.split(/(\{\w+\})/)) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) { if (part) out.append(part); continue; }
    const value = args[name];
    out.append(value instanceof Node ? value : String(value ?? ''));
  }
  return out;
}
const text = (key, args) => say(key, args).textContent;

/** Text isolated from what is around it (a file name or URL in an Arabic sentence): <bdi>. */
function isolated(words, { english = false } = {}) {
  const b = document.createElement('bdi');
  b.textContent = words;
  if (english && lang !== 'en') b.lang = 'en';
  return b;
}
/** Parts joined by " · " into one fragment. */
function joined(parts) {
  const out = document.createDocumentFragment();
  parts.forEach((p, i) => { if (i) out.append(' · '); out.append(p); });
  return out;
}

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

// A pillar's slide title: its short name in the page's language, its
// heading in the Declaration's words (English, marked and isolated).
const pillarTitle = (p) => say('pillarNamed', { pillar: p, name: isolated(PILLAR_NAMES[p], { english: true }) });

// Who has reported and the indicators: one slide per pillar (its five
// cycles, its three indicators), so that their type stays large on a
// projector: all pillars on one slide needed 13 to 16 px type at 1920×1080.
const SLIDES = [
  { view: 'coverage', pillar: null, title: () => say('coverage') },
  { view: 'status', pillar: null, title: () => say('status') },
  ...['I', 'II', 'III', 'IV'].map((p) => ({ view: 'status', pillar: p, title: () => pillarTitle(p) })),
  { view: 'timeline', pillar: null, title: () => say('timeline') },
  ...['I', 'II', 'III', 'IV'].map((p) => ({ widget: 'reporting', view: 'overview', pillar: p, title: () => say('reporting', { pillar: text('pillar', { pillar: p }) }) })),
  { widget: 'reporting', view: 'map', title: () => say('map') },
  ...['I', 'II', 'III', 'IV'].map((p) => ({ widget: 'indicators', pillar: p, title: () => say('indicators', { pillar: text('pillar', { pillar: p }) }) })),
];

// The footer's key help, in the page's language.
for (const el of document.querySelectorAll('[data-say]')) el.textContent = text(el.dataset.say);
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
  } else {
    if (s.view) shown.setAttribute('view', s.view);
    if (s.pillar) shown.setAttribute('pillar', s.pillar);
    else shown.removeAttribute('pillar');
  }
  title.replaceChildren(s.title());
  position.textContent = `${number(slide + 1)} / ${number(SLIDES.length)}`;
  document.title = `${title.textContent} · ${text('page')}`;
  showStamp();
  fit();
}

// Fitting: the widget shown gets the height between the header and the
// footer, at the largest type that fits it: the type grows from the page's
// size (present.css) while the slide leaves room, up to fontRange()'s most,
// and shrinks while it is taller, down to the least (about 24 px at
// 1920×1080, so that canvas labels and notes stay above 20 px; 14 px on
// the smallest screens). What is still taller is then scaled down as a whole.
// The tile map's drawing has a size of its own (its tiles and their codes do
// not follow the type): it gets the least type, so that its toolbar and
// lines leave the map the most room, and is scaled to the room.
// The reporting overview's table is left below its chart, out of sight.
let fits = 0;

/** The least and the most type of a slide, in px, for this screen. */
function fontRange() {
  const least = Math.max(14, Math.floor(Math.min(innerWidth * 0.0125, innerHeight * 0.0225)));
  const most = Math.max(least, Math.floor(Math.min(innerWidth * 0.025, innerHeight * 0.044)));
  return [least, most];
}

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
      w.classList.add('clipped');
      w.style.removeProperty('height');
      const bottom = plot.getBoundingClientRect().bottom - w.getBoundingClientRect().top;
      w.style.height = `${Math.ceil(bottom / (Number(w.style.zoom) || 1)) + 8}px`;
      return w.offsetHeight * (Number(w.style.zoom) || 1);
    }
  }
  w.classList.remove('clipped');
  w.style.removeProperty('height');
  return w.getBoundingClientRect().height;
}

/** The tile map's rows and columns, from its tiles' places (the handle's tileRects()). */
function mapGrid(w) {
  const tiles = w.handle?.tileRects?.() || [];
  if (tiles.length < 2) return null;
  // The grid's tiles have one size; the list of areas not on the map, others.
  const size = tiles[0].w;
  const on = tiles.filter((t) => Math.abs(t.w - size) < 0.5 && Math.abs(t.h - size) < 0.5);
  const xs = [...new Set(on.map((t) => Math.round(t.x)))].sort((a, b) => a - b);
  const ys = [...new Set(on.map((t) => Math.round(t.y)))].sort((a, b) => a - b);
  const pitch = Math.min(...xs.slice(1).map((x, i) => x - xs[i]), ...ys.slice(1).map((y, i) => y - ys[i]));
  if (!(pitch > 0) || !Number.isFinite(pitch)) return null;
  return {
    columns: Math.round((xs[xs.length - 1] - xs[0]) / pitch) + 1,
    rows: Math.round((ys[ys.length - 1] - ys[0]) / pitch) + 1,
  };
}

async function fit() {
  const run = ++fits;
  const w = widgets[SLIDES[slide].widget || 'chart'];
  screen.classList.add('fitting');
  for (const p of ['font-size', 'zoom', 'max-width', 'margin-inline']) w.style.removeProperty(p);
  const [least, most] = fontRange();
  const map = w === widgets.reporting && SLIDES[slide].view === 'map';
  let font = map ? least : Math.min(most, Math.max(least, parseFloat(getComputedStyle(w).fontSize)));
  const room = screen.clientHeight;
  let need = 0;
  /** Lays the widget out at `size` px type; false when this fit is no longer the latest. */
  const at = async (size) => {
    font = size;
    w.style.fontSize = `${size}px`;
    w.handle?.render();
    await settled(w);
    if (run !== fits) return false;
    need = needed(w);
    return true;
  };
  if (!await at(font)) return;
  if (!map) {
    // Larger while there is room (the largest type that fits is kept), smaller while taller.
    let fitting = need <= room ? font : 0;
    for (let n = 0; n < 5; n++) {
      let next = font;
      if (need > room) next = Math.floor(font * (room / need) * 0.98);
      else if (need < room * 0.92) next = Math.floor(font * Math.min(room / need, 1.5) * 0.97);
      next = Math.min(most, Math.max(least, next));
      if (next === font || (need <= room && next <= fitting)) break;
      if (!await at(next)) return;
      if (need <= room) fitting = Math.max(fitting, font);
    }
    if (need > room && fitting && fitting !== font && !await at(fitting)) return;
  }
  // The map's tiles are as large as its width allows, up to a size of their
  // own: a map taller than the room is made narrower (smaller tiles, the
  // rest as it is) and centred, rather than scaled down with its words.
  for (let n = 0; map && n < 3 && need > room; n++) {
    const grid = mapGrid(w);
    if (!grid) break;
    const narrower = w.getBoundingClientRect().width - grid.columns * ((need - room) / grid.rows + 0.5);
    if (narrower < innerWidth / 3) break;
    w.style.maxWidth = `${Math.floor(narrower)}px`;
    w.style.marginInline = 'auto';
    w.handle?.render();
    await settled(w);
    if (run !== fits) return;
    need = needed(w);
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
  // Not fitted to this size yet (tests and integrations wait for data-fitted):
  // a fit under way, for the size before, is dropped.
  fits++;
  delete document.body.dataset.fitted;
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
    auto.textContent = text('auto', { seconds: number(every) });
  } else {
    auto.textContent = '';
  }
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else document.documentElement.requestFullscreen().catch(() => {});
}

// The stamp: what the slide shows, as of when, loaded when.
const day = (iso) => {
  const [y, m, d] = String(iso).split('-').map(Number);
  if (!y) return iso;
  const options = d ? { dateStyle: 'long' } : m ? { year: 'numeric', month: 'long' } : { year: 'numeric' };
  return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(Date.UTC(y, (m || 1) - 1, d || 1));
};
const clock = () => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date());

// Each kind of widget's stamp: a function that makes its text (nodes:
// the data's title and file names are isolated from the page's direction).
const stamps = {
  chart: () => say('loading'),
  reporting: () => say('loadingProgress'),
  indicators: () => say('loadingProgress'),
};

let progressShown = false;

function showStamp() {
  const kind = SLIDES[slide].widget || 'chart';
  // Progress data that loaded before this page listened: read from the widget.
  const data = kind !== 'chart' && !progressShown ? widgets[kind].handle?.detail?.() : null;
  if (Number.isFinite(data?.rowsRead)) progressStamp(data);
  else stamp.replaceChildren(stamps[kind]());
}

function stampFrom(detail, origin) {
  const loaded = clock();
  stamps.chart = () => joined([
    detail.title ? isolated(detail.title) : say(origin === 'sample' ? 'sample' : 'export'),
    ...(detail.updated ? [say('asOf', { date: day(detail.updated) })] : []),
    say('activities', { count: detail.activities }),
    say('loaded', { time: loaded }),
  ]);
  showStamp();
}

function progressStamp(detail) {
  progressShown = true;
  const loaded = clock();
  const from = params.get('progress');
  stamps.reporting = stamps.indicators = () => joined([
    from ? say('progressFrom', { src: isolated(from) }) : say('progressSample'),
    ...(Number.isFinite(detail?.rowsRead) ? [say('rows', { count: detail.rowsRead })] : []),
    say('loaded', { time: loaded }),
  ]);
  showStamp();
}

/**
 * Why a load failed, without the URL the stamp names already: the widget's
 * message ("Could not load URL: the server answered HTTP 404 Not Found", in
 * the widget's language) after its URL; isolated, for the Latin words in it.
 */
function reason(message) {
  const m = /(?:^|\s)[a-z][\w+.-]*:\/\/\S+?: ([^]+)$/i.exec(String(message || ''));
  return isolated(m ? m[1] : String(message || ''));
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
    const why = e.detail.message;
    stamps.chart = origin === 'src'
      ? () => say('failed', { src: isolated(params.get('src')), reason: reason(why) })
      : () => say('failedSample', { reason: reason(why) });
    showStamp();
  } else if (!hasData && origin === 'src') {
    stamps.chart = () => say('retrying', { src: isolated(params.get('src')) });
    showStamp();
  }
  // The error box is new on the slide: it is fitted again, with the box.
  if (!chart.hidden) fit();
});
for (const w of [widgets.reporting, widgets.indicators]) {
  w.addEventListener('kyoto:loaded', (e) => { progressStamp(e.detail); if (!w.hidden) fit(); });
  w.addEventListener('kyoto:updated', (e) => { progressStamp(e.detail); if (!w.hidden) fit(); });
  w.addEventListener('kyoto:error', (e) => {
    const from = params.get('progress');
    if (from && !e.detail.stale && !e.detail.panic) {
      const why = e.detail.message;
      stamps.reporting = stamps.indicators = () => say('progressFailed', { src: isolated(from), reason: reason(why) });
      showStamp();
    }
    if (!w.hidden) fit();
  });
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
    note.replaceChildren(say('tooBig', { name: name ? isolated(name) : text('theExport') }));
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
if (params.get('lang')) for (const w of Object.values(widgets)) w.setAttribute('lang', lang);
if (params.get('progress')) {
  widgets.reporting.setAttribute('src', params.get('progress'));
  widgets.indicators.setAttribute('src', params.get('progress'));
}
if (params.get('src')) {
  // The sample the chart may have shown before its src is not the page's data.
  origin = 'src';
  hasData = false;
  stamps.chart = () => say('loadingSrc', { src: isolated(params.get('src')) });
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
