// kyoto-widgets: the one script a page loads.
//
//   <script type="module" src="/kyoto/kyoto.js"></script>
//   <kyoto-pillar-chart src="matrix.csv"></kyoto-pillar-chart>
//   <div data-kyoto-widget="paragraph-browser" data-src="matrix.csv"></div>
//   <kyoto-indicators src="progress.xlsx"></kyoto-indicators>
//
// Loading this module registers the custom elements <kyoto-pillar-chart>,
// <kyoto-paragraph-browser>, <kyoto-indicators> and <kyoto-reporting> and
// mounts the elements with a data-kyoto-widget attribute (for content
// systems that strip unknown tags), on load and whenever they are inserted
// later.
//
// A page that shows one kind of widget loads only that kind's WebAssembly
// module (kyoto_chart, kyoto_browser), fetched when the first widget of that
// kind appears. A page that shows several kinds when it loads, or a
// comparison, loads the module that has them all (kyoto_widgets), so its
// widgets share one instance and one parse of the same src; a kind that
// appears later, when that module is not loaded, comes in its own module.
// The indicators and reporting widgets always come in their own modules
// (kyoto_indicators, kyoto_reporting): a page with both downloads their src
// once and reads it once in each. A workbook (.xlsx, .ods) given to them is
// read by the workbook module (kyoto_workbook), loaded only then.
// A pillar chart or a paragraph browser with a `progress` attribute shows
// figures of the progress tables too: a digest of them (`kyoto digest`,
// starting `{"kyotoDigest":1`) is handed to the widget as it is; tables
// (a workbook, JSON, CSV) are summed up first by the indicators module,
// loaded only then. Such a widget runs in its kind's module built with the
// digest reader (kyoto_chart_progress, kyoto_browser_progress): a page
// without `progress` loads none of that code. A `progress` attribute given
// later to a widget whose module has no digest reader moves the widget to
// one: it is made again there from its attributes, and the last data given
// through update() is given again (the handle keeps a reference to it while
// the widget is in a module without the reader).
// The chart and the browser also come with the reader of one export format
// only (kyoto_chart_json, kyoto_chart_csv, kyoto_browser_json,
// kyoto_browser_csv: 11 KB less in brotli than with both): a widget whose
// src ends in .json, or that shows the sample (JSON), loads the JSON one; a
// src ending in .csv, .tsv or .txt the CSV one; any other src the module
// with both readers (kyoto_chart, kyoto_browser), which is also the one a
// widget goes to when its data turns out to be of the other format (its
// src's, or data given by update(), dropped or pushed): it is made again
// there like a widget moved for `progress`, with that data.
// What a widget needs besides its code comes as static files beside this
// one, on demand: the interface text of a language other than English
// (i18n/<lang>.json), the sample (sample-activities.json,
// sample-progress.json) when a widget has no src. A `src` is fetched once per
// page, however many widgets and kinds show it, and its download (or the
// sample's) starts when this script runs, beside the code. A page may ask for
// the module and the data even sooner, with preload hints (README,
// "Embedding", step 5): the requests made here match them.
//
// Faults: should the code panic (a bug: input never makes it panic), every
// widget of that module shows a message with a Restart button and fires
// `kyoto:error` with `detail.panic === true`; widgets of other kinds keep
// working. Restart, or `recover()`, makes a fresh instance of the module and
// mounts its widgets again from their attributes.

const BASE = new URL('./', import.meta.url);
const ATTRIBUTES = ['src', 'view', 'pillar', 'cycle', 'as-of', 'all-statuses', 'lang', 'theme', 'poll', 'height', 'channel', 'progress', 'area', 'breakdown', 'indicator'];

/** Widget kind → its class and its own module. */
const KINDS = {
  'pillar-chart': { cls: 'PillarChart', module: 'chart', withProgress: 'chart_progress', tag: 'kyoto-pillar-chart', shared: true, formats: true, sample: 'sample-activities.json' },
  'paragraph-browser': { cls: 'ParagraphBrowser', module: 'browser', withProgress: 'browser_progress', tag: 'kyoto-paragraph-browser', shared: true, formats: true, sample: 'sample-activities.json' },
  indicators: { cls: 'KyotoIndicators', module: 'indicators', tag: 'kyoto-indicators', sample: 'sample-progress.json' },
  reporting: { cls: 'KyotoReporting', module: 'reporting', tag: 'kyoto-reporting', sample: 'sample-progress.json' },
};
/** The module with the chart, the browser, the comparison and the digest reader. */
const ALL = 'widgets';
/** Tag → kind. */
const TAGS = Object.fromEntries(Object.entries(KINDS).map(([kind, k]) => [k.tag, kind]));

/**
 * The module a widget of `kind` runs in: the whole one once a page uses it
 * (for the kinds it has), else the kind's own, with the digest reader when
 * the widget shows progress data; else, for the chart and the browser, the
 * one that reads the format `src` names by its extension (the sample's is
 * .json), unless the module with both readers is already on the page, or
 * the one with the other format's (a page of both formats: one module more,
 * not two), or `src` is null (data of neither, or not known).
 */
function moduleFor(kind, progress = false, src = null) {
  const k = KINDS[kind];
  if (k.shared && modules.has(ALL)) return ALL;
  if (progress && k.withProgress) return k.withProgress;
  const format = k.formats && !modules.has(k.module) ? formatOf(src) : null;
  if (!format || modules.has(`${k.module}_${format === 'json' ? 'csv' : 'json'}`)) return k.module;
  return `${k.module}_${format}`;
}

/** 'json' or 'csv' as the path of `src` ends (.json; .csv, .tsv, .txt), else null. */
function formatOf(src) {
  if (!src) return null;
  let path;
  try {
    path = new URL(src, document.baseURI).pathname.toLowerCase();
  } catch {
    return null;
  }
  if (path.endsWith('.json')) return 'json';
  return /\.(csv|tsv|txt)$/.test(path) ? 'csv' : null;
}

/**
 * The URL of the data a widget shows first: its `src` (mount() sets it from
 * its option), else (none, or blank) its kind's sample beside kyoto.js, which the widget's
 * module fetches as soon as the widget is made (web::live::load_src,
 * web::data::Feed::SAMPLE).
 */
function dataOf(kind, element) {
  const src = element.getAttribute('src') ?? element.getAttribute('data-src');
  return src?.trim() ? src : new URL(KINDS[kind].sample, BASE).href;
}

/** The progress data a widget is given (its `progress` attribute, which mount()'s option sets). */
function progressOf(element) {
  return element.getAttribute('progress') ?? element.getAttribute('data-progress');
}
const LANGS = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];

/** Module name → { glue, generation, failed, loading }. */
const modules = new Map();
/** Every widget alive: element → WidgetHandle. */
const live = new Map();
let fetches = 0;

// ---- Fetching: one download per URL, shared by every module ----------------

/** URL → { promise, takers }: a download under way or waiting to be taken. */
const downloads = new Map();

function absolute(url) {
  return new URL(url, document.baseURI).href;
}

/**
 * A failed download: the message in English (for the console), and in its
 * `kyoto` field what failed, [kind, url, detail…], which each widget puts
 * in its own language (web::data::Failure).
 */
function failure(message, kind, url, ...detail) {
  return Object.assign(new Error(message), { kyoto: [kind, url, ...detail] });
}

async function download(url) {
  fetches++;
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw failure(`Could not fetch ${url}: ${e.message}`, 'fetch', url, e.message);
  }
  if (!response.ok) {
    const { status, statusText } = response;
    throw failure(`Could not load ${url}: the server answered HTTP ${status} ${statusText}`, 'http', url, status, statusText);
  }
  try {
    return await response.arrayBuffer();
  } catch (e) {
    throw failure(`Could not read ${url}: ${e.message}`, 'read', url, e.message);
  }
}

/**
 * Starts downloading `url` for `takers` widgets that will ask for it (the
 * page's widgets with that src, counted when the page is scanned).
 */
function prefetch(url, takers) {
  const key = absolute(url);
  const entry = downloads.get(key);
  if (entry) { entry.takers += takers; return; }
  const promise = download(key);
  // A failure is the module's to report, when it asks; not an unhandled rejection before.
  promise.catch(() => {});
  downloads.set(key, { promise, takers });
}

/** `${module} ${url}` of every download started for a module before it loaded. */
const asked = new Set();

/**
 * Starts downloading a widget's src before its module has loaded, once per
 * module and URL: the module asks for each URL once (its widgets share what
 * it parsed), so the download is handed over and forgotten.
 */
function prefetchFor(name, src) {
  if (!src || modules.get(name)?.glue) return;
  const key = `${name} ${absolute(src)}`;
  if (asked.has(key)) return;
  asked.add(key);
  prefetch(src, 1);
}

/**
 * The bytes of `url` as an ArrayBuffer, for a module's data loader. A download
 * under way is shared; one finished is handed to the widgets counted for it,
 * then forgotten (each module keeps what it parsed), so the page does not
 * hold a large export twice.
 */
function fetchShared(url) {
  const key = absolute(url);
  let entry = downloads.get(key);
  if (entry) entry.takers -= 1;
  else downloads.set(key, entry = { promise: download(key), takers: 0 });
  // Once every widget counted for it has asked, it is forgotten when done.
  if (entry.takers <= 0) {
    entry.promise.finally(() => { if (downloads.get(key) === entry && entry.takers <= 0) downloads.delete(key); }).catch(() => {});
  }
  return entry.promise;
}

// ---- Interface text of other languages ---------------------------------------

/** Language code → Promise of the catalogue's text (English is built in). */
const catalogues = new Map();

function catalogue(code) {
  if (!catalogues.has(code)) {
    const p = fetch(new URL(`i18n/${code}.json`, BASE)).then((r) => {
      if (!r.ok) throw new Error(`Could not load the ${code} interface text: HTTP ${r.status}`);
      return r.text();
    });
    p.catch(() => catalogues.delete(code));
    catalogues.set(code, p);
  }
  return catalogues.get(code);
}

/** The UN language an element speaks (its lang, an ancestor's, the page's), as the widgets choose it. */
function languageOf(element) {
  const tags = [element.getAttribute('lang') || element.dataset?.lang, element.closest('[lang]')?.getAttribute('lang'), document.documentElement.getAttribute('lang')];
  for (const t of tags) {
    const code = t?.trim().toLowerCase().split(/[-_]/)[0];
    if (code && LANGS.includes(code)) return code;
  }
  return 'en';
}

// ---- Locale data ----------------------------------------------------------------

/**
 * The first `Intl` formatter a page makes costs the browser 20-70 ms (it loads
 * its locale data then; every later one, of any locale, costs well under
 * 1 ms), and a widget makes its formatters as it mounts, on the way to its
 * first bar. Made here, once the page's downloads have been asked for, that
 * time is spent while the code is still on the network. Once per page.
 */
let localeWarmed = false;
function warmLocale(code) {
  if (localeWarmed) return;
  localeWarmed = true;
  try {
    new Intl.NumberFormat([code], { maximumFractionDigits: 1 }).format(1.5);
    new Intl.DateTimeFormat([code], { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(0);
  } catch { /* no Intl: the widgets write ASCII digits */ }
}

// ---- Modules -----------------------------------------------------------------

function loadModule(name) {
  let m = modules.get(name);
  if (m && (m.glue || m.loading)) return m.loading || Promise.resolve(m.glue);
  if (!m) { m = { glue: null, generation: 0, failed: false, loading: null }; modules.set(name, m); }
  m.loading = instantiate(name, m.generation).then((glue) => {
    m.glue = glue;
    m.loading = null;
    return glue;
  }, (e) => {
    m.loading = null;
    // Asked for again under another address: a browser may keep a failed
    // module import for the page's lifetime.
    m.generation += 1;
    throw e;
  });
  return m.loading;
}

async function instantiate(name, generation) {
  const suffix = generation ? `?instance=${generation}` : '';
  // The wasm is asked for beside its glue, not after it: one round trip less
  // before the first bar (0.56 s on a 3G connection). Its failure is reported
  // by glue.default(); the catch only keeps an early one from going unhandled
  // when the glue itself failed first.
  const wasm = fetch(new URL(`kyoto_${name}_bg.wasm`, BASE));
  wasm.catch(() => {});
  const glue = await import(new URL(`kyoto_${name}.js${suffix}`, BASE).href);
  const exports = await glue.default({ module_or_path: wasm });
  modules.get(name).exports = exports;
  glue.onPanic((message) => panicked(name, generation, message));
  glue.setLoader(fetchShared, BASE.href, readWorkbook, handOver);
  return glue;
}

/**
 * Called by a module that reads one export format when a widget's data is of
 * the other (web::data::hand_over): the widget is made again in the module
 * that reads both, with `data` as it came ('push': update() or a channel;
 * 'file': dropped or picked; undefined: its src, loaded there). Later, not
 * within the module's call.
 */
function handOver(element, data, origin) {
  const handle = live.get(element);
  if (!handle || handle.destroyed) return false;
  const from = handle.inner;
  queueMicrotask(() => {
    if (handle.inner !== from) return;
    handle.move(moduleFor(handle.kind, Boolean(progressOf(element))), origin ? [origin === 'file' ? 'updateFile' : 'update', [data]] : undefined);
  });
  return true;
}

/** A workbook's sheets as text, read by the workbook module (loaded on first use). */
async function readWorkbook(bytes) {
  const glue = await loadModule('workbook');
  return glue.workbookSheets(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

// ---- Progress data for the chart and the browser --------------------------------

/** What a progress digest's text starts with (core::progress::digest). */
const DIGEST_MARK = '{"kyotoDigest":1,';
/** URL → Promise of the digest's text: fetched once, summed up once per page. */
const digests = new Map();

/** The reader's day, YYYY-MM-DD: the day the digest of tables is for. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The digest of the progress data at `url`: the text itself when it is a
 * digest, else the tables read and summed up by the indicators module (a
 * workbook read by the workbook module first).
 */
function progressDigest(url) {
  const key = absolute(url);
  if (!digests.has(key)) {
    const digest = (async () => {
      const bytes = new Uint8Array(await fetchShared(key));
      const text = new TextDecoder().decode(bytes);
      if (text.replace(/^\uFEFF/, '').trimStart().startsWith(DIGEST_MARK)) return text;
      const workbook = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
      const data = workbook ? await readWorkbook(bytes) : text;
      const glue = await loadModule('indicators');
      try {
        return glue.progressDigest(data, key, today());
      } catch (e) {
        throw new Error(`Could not read the progress data ${url}: ${e?.message ?? e}`);
      }
    })();
    digest.catch(() => digests.delete(key));
    digests.set(key, digest);
  }
  return digests.get(key);
}

/** Gives a module the catalogue of `code` before its widgets speak it. */
async function withLanguage(glue, code) {
  if (code === 'en' || glue.hasCatalog(code)) return;
  try {
    glue.installCatalog(code, await catalogue(code));
  } catch (e) {
    console.warn(`kyoto-widgets: ${e.message}; the widget speaks English`);
  }
}

// ---- Handles -------------------------------------------------------------------

/**
 * What mount() returns and element.handle gives: the widget's methods, usable
 * at once. Until the widget's module has loaded, update() waits its turn and
 * the readers (detail(), level(), …) return null; `handle.ready` resolves
 * when the widget is there.
 */
class WidgetHandle {
  constructor(element, kind) {
    this.element = element;
    this.kind = kind;
    this.inner = null;
    this.queued = [];
    this.destroyed = false;
    this.module = moduleFor(kind, Boolean(progressOf(element)), dataOf(kind, element));
    this.ready = null;
    /** [method, args]: the data a module that reads one format could not read, for the next (see move()). */
    this.given = undefined;
    /** The last data given through update(), while the module is not one that has all its kind reads (see move()). */
    this.fed = undefined;
  }

  /** Makes the widget: at once when its module and language are here, else when they come. */
  begin() {
    const m = modules.get(this.module);
    const code = languageOf(this.element);
    if (m?.glue && !m.failed && (code === 'en' || m.glue.hasCatalog(code))) {
      this.create(m.glue);
      this.ready = Promise.resolve();
    } else {
      // The data comes while the code does, not after it.
      prefetchFor(this.module, dataOf(this.kind, this.element));
      this.ready = this.start();
    }
    return this.ready;
  }

  async start() {
    const glue = await loadModule(this.module);
    await withLanguage(glue, languageOf(this.element));
    if (this.destroyed || live.get(this.element) !== this) return;
    this.create(glue);
  }

  create(glue) {
    const Widget = glue[KINDS[this.kind].cls];
    this.inner = new Widget(this.element);
    const queued = this.queued.splice(0);
    for (const [method, args] of queued) this.inner[method](...args);
    if (this.given) this.giveLater(queued.some(([method]) => method === 'update'));
    this.loadProgress();
  }

  /** Hands the widget the digest of its `progress` data, or why there is none. */
  loadProgress() {
    const url = progressOf(this.element);
    const inner = this.inner;
    if (!url || !KINDS[this.kind].withProgress || !inner) return;
    if (typeof inner.setProgress !== 'function') {
      this.move(moduleFor(this.kind, true));
      return;
    }
    progressDigest(url).then(
      (text) => { if (this.inner === inner) inner.setProgress(text); },
      (e) => { if (this.inner === inner) inner.progressFailed(String(e?.message ?? e)); },
    );
  }

  /**
   * Makes the widget again in module `name` (one with the digest reader, for
   * a `progress` attribute that came later; one with both readers, for data
   * of the format its module does not read): from its attributes, and with
   * the last data given through update(), if any, or the call `given`
   * ([method, args]) that gives the data the old module could not read.
   */
  move(name, given = undefined) {
    if (name === this.module || this.destroyed) return;
    this.drop();
    this.element.shadowRoot?.replaceChildren();
    this.module = name;
    const fed = this.fed;
    this.fed = undefined;
    // Not when the data the old module could not read is that very data.
    if (fed !== undefined && fed !== given?.[1][0]) {
      this.queued.push(['update', [fed]]);
      this.keep(fed);
    }
    if (given) this.keep(given[1][0]);
    this.given = given;
    this.run();
  }

  /** Makes the widget (begin()); if its code cannot be loaded, says so in its element. */
  run() {
    this.begin().catch((e) => {
      console.error(`kyoto-widgets: ${e.message}`);
      if (!this.destroyed && live.get(this.element) === this && !this.inner) showNotStarted(this, e);
    });
  }

  /**
   * Gives the new widget the data its old module could not read, once it
   * shows what it showed there: at once after data given through update(),
   * else once its src (or sample) has loaded or failed. So an error in that
   * data leaves the widget with its data, as in a module with both readers.
   */
  giveLater(replayed) {
    const [method, args] = this.given;
    this.given = undefined;
    const inner = this.inner;
    const give = () => { if (this.inner === inner) inner[method](...args); };
    if (replayed) { give(); return; }
    const done = () => {
      this.element.removeEventListener('kyoto:loaded', done);
      this.element.removeEventListener('kyoto:error', done);
      queueMicrotask(give);
    };
    this.element.addEventListener('kyoto:loaded', done);
    this.element.addEventListener('kyoto:error', done);
  }

  call(method, args, fallback = null) {
    if (this.inner) return this.inner[method](...args);
    if (fallback === 'queue') this.queued.push([method, args]);
    return null;
  }

  /** Keeps `data`, given to the widget, while its module is not one that has all its kind reads. */
  keep(data) {
    const k = KINDS[this.kind];
    if (k.withProgress && this.module !== k.withProgress && this.module !== ALL) this.fed = data;
  }

  update(data) {
    this.keep(data);
    return this.call('update', [data], 'queue');
  }
  render() { return this.call('render', []); }
  detail() { return this.call('detail', []); }
  level() { return this.call('level', []); }
  tableCsv() { return this.call('tableCsv', []); }
  reset() { return this.call('reset', []); }
  barRects() { return this.call('barRects', []); }
  plotRect() { return this.call('plotRect', []); }
  setQuery(query) { return this.call('setQuery', [query], 'queue'); }
  query() { return this.call('query', []); }
  open(paragraph) { return this.call('open', [paragraph], 'queue'); }
  view() { return this.call('view', []); }
  statuses() { return this.call('statuses', []); }
  rowRects() { return this.call('rowRects', []); }
  figures() { return this.call('figures', []); }
  tileRects() { return this.call('tileRects', []); }
  attributeChanged(name, value) {
    // Before the widget exists its attributes are read when it is made.
    if (!this.inner) return;
    if (name === 'progress') { this.loadProgress(); return; }
    const glue = modules.get(this.module)?.glue;
    const code = name === 'lang' ? languageOf(this.element) : 'en';
    if (!glue || code === 'en' || glue.hasCatalog(code)) {
      this.inner.attributeChanged(name, value);
      return;
    }
    // A language whose text is not here yet: fetched first, then applied.
    const inner = this.inner;
    withLanguage(glue, code).then(() => {
      if (this.inner === inner) inner.attributeChanged(name, this.element.getAttribute(name));
    });
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.queued = [];
    this.fed = undefined;
    this.given = undefined;
    this.drop();
  }

  /** Releases the wasm widget (it may belong to an instance that panicked). */
  drop() {
    const inner = this.inner;
    this.inner = null;
    if (!inner) return;
    try {
      inner.destroy();
    } catch {
      // Made by an instance that panicked: it is abandoned with its instance.
    }
    // Freed once the call that may be running (a listener of the widget's own
    // event calling destroy()) has returned.
    queueMicrotask(() => { try { inner.free(); } catch { /* abandoned with a panicked instance */ } });
  }

  /** Kept for compatibility: destroy() frees the widget. */
  free() {}
}

function create(kind, element) {
  const handle = new WidgetHandle(element, kind);
  // A widget on any element (data-kyoto-widget, mount()) has its handle there, as a custom element has.
  if (!('handle' in element)) Object.defineProperty(element, 'handle', { configurable: true, get() { return live.get(this) ?? null; } });
  live.set(element, handle);
  handle.run();
  warmLocale(languageOf(element));
  return handle;
}

function release(element) {
  const handle = live.get(element);
  if (!handle) return;
  live.delete(element);
  handle.destroy();
}

/**
 * Mounts a widget into any element and returns its handle
 * ({ update(data), render(), destroy(), ready, … }).
 * options: { kind: 'pillar-chart' | 'paragraph-browser' | 'indicators' | 'reporting' } and any
 * attribute of ATTRIBUTES by its name or in camelCase (asOf, allStatuses), set on the element
 * before the widget is made (true sets an attribute empty, false removes it), where it reads them.
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mount() needs an element');
  const kind = options.kind || kindOf(element);
  if (!KINDS[kind]) throw new TypeError(`unknown widget kind '${kind}' (${Object.keys(KINDS).join(', ')})`);
  release(element);
  for (const name of ATTRIBUTES) {
    const value = options[name] ?? options[name.replace(/-(.)/g, (_, c) => c.toUpperCase())];
    if (value === false) element.removeAttribute(name);
    else if (value != null) element.setAttribute(name, value === true ? '' : value);
  }
  return create(kind, element);
}

/** Destroys the widget mounted on `element` by mount() or a data attribute. */
export function unmount(element) {
  release(element);
}

/**
 * Loads the module of a widget kind ahead of time (mount() loads it when
 * needed): the one that reads `src`'s format, as mount() would choose it;
 * without `src`, the one that reads both.
 */
export function preload(kind, src = null) {
  if (!KINDS[kind]) return Promise.reject(new TypeError(`unknown widget kind '${kind}'`));
  return loadModule(moduleFor(kind, false, src)).then(() => {});
}

function defineElements() {
  const define = (tag, kind) => {
    if (customElements.get(tag)) return;
    customElements.define(tag, class extends HTMLElement {
      static get observedAttributes() { return ATTRIBUTES; }
      connectedCallback() {
        if (!live.has(this)) create(kind, this);
      }
      disconnectedCallback() { release(this); }
      attributeChangedCallback(name, oldValue, value) {
        if (oldValue !== value) live.get(this)?.attributeChanged(name, value);
      }
      /** The widget's JS handle (see mount()). */
      get handle() { return live.get(this) ?? null; }
    });
  };
  for (const [kind, k] of Object.entries(KINDS)) define(k.tag, kind);
}

/**
 * An observed attribute of `element` changed (see `ready`). A widget on an
 * element that is not one of ours (`data-kyoto-widget`) hears its
 * attributes from here, and any widget the `data-` twins of its attributes,
 * which no custom element observes; the attribute, when there, wins over
 * its twin.
 */
function changed(element, attribute) {
  if (attribute === 'lang' || attribute === 'dir') relanguage(element);
  if (attribute === 'dir') return;
  if (attribute === 'data-kyoto-widget') { if (element.isConnected) rekind(element); return; }
  const handle = live.get(element);
  if (!handle) return;
  const twin = attribute.startsWith('data-');
  const name = twin ? attribute.slice(5) : attribute;
  if (twin ? element.hasAttribute(name) : TAGS[element.localName]) return;
  handle.attributeChanged(name, element.getAttribute(name) ?? element.getAttribute(`data-${name}`));
}

/** The `lang` or `dir` of `ancestor` changed: its widgets without a `lang` of their own speak as it now says. */
function relanguage(ancestor) {
  for (const [element, handle] of live) {
    if (element === ancestor || !ancestor.contains(element) || element.hasAttribute('lang') || element.dataset.lang) continue;
    handle.attributeChanged('lang', null);
  }
}

/** The kind an element's `data-kyoto-widget` names (a pillar chart when it names none). */
function kindOf(element) {
  return element.dataset.kyotoWidget || 'pillar-chart';
}

function widgetsIn(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) return [];
  const found = root.matches('[data-kyoto-widget]') ? [root] : [];
  found.push(...root.querySelectorAll('[data-kyoto-widget]'));
  return found;
}

function scan(root) {
  for (const el of widgetsIn(root)) {
    if (live.has(el) || !el.isConnected) continue;
    const kind = kindOf(el);
    if (!KINDS[kind]) unknownKind(el, kind);
    else try { mount(el); } catch (e) { console.warn(`kyoto-widgets: ${e.message}`); }
  }
}

/**
 * A `data-kyoto-widget` of no kind (a typo, a kind of a later version):
 * said where the widget would be, in the element's language, with a
 * warning naming the element and `kyoto:error`; the element is mounted once
 * its attribute names a kind.
 */
function unknownKind(element, kind) {
  const kinds = Object.keys(KINDS).join(', ');
  const id = element.id ? ` id="${element.id}"` : '';
  console.warn(`kyoto-widgets: <${element.localName}${id}> data-kyoto-widget="${kind}": not a kind of widget (${kinds}).`, element);
  loaderText(element).then((t) => {
    if (live.has(element) || element.dataset.kyotoWidget !== kind) return;
    const text = t['loader.unknown_kind'].replace('{kind}', kind).replace('{kinds}', kinds);
    showAlert(element, 'unknown-kind', [text], null, null, { message: text, unknownKind: kind });
  });
}

/** An element's `data-kyoto-widget` changed: its widget (or its notice) goes, and it is mounted as what it now names. */
function rekind(element) {
  element.querySelector(':scope > .kw-panic[data-kind="unknown-kind"]')?.remove();
  release(element);
  scan(element);
}

function unscan(root) {
  for (const el of widgetsIn(root)) if (!el.isConnected) unmount(el);
}

/**
 * Before any code is loaded: starts the downloads the page's widgets will
 * need (their modules, their data, their languages), all at once, so that
 * no round trip waits for another.
 */
let prefetched = false;
function prefetchPage() {
  if (prefetched) return;
  prefetched = true;
  const elements = [...document.querySelectorAll(`${Object.keys(TAGS).join(', ')}, [data-kyoto-widget]`)];
  const kinds = elements.map((el) => el.dataset.kyotoWidget || TAGS[el.localName]);
  if (new Set(kinds.filter((kind) => KINDS[kind]?.shared)).size > 1) loadModule(ALL).catch(() => {});
  // A kind shown from data of both formats (or of a format not known) on
  // one page: the module with both readers for all its widgets, from the start.
  for (const [kind, k] of Object.entries(KINDS)) {
    if (!k.formats) continue;
    const formats = new Set(elements.filter((el, i) => kinds[i] === kind && !progressOf(el)).map((el) => formatOf(dataOf(kind, el))));
    if (formats.size > 1 || formats.has(null)) loadModule(moduleFor(kind)).catch(() => {});
  }
  let first = null;
  elements.forEach((el, i) => {
    if (!KINDS[kinds[i]]) return;
    const src = dataOf(kinds[i], el);
    const name = moduleFor(kinds[i], Boolean(progressOf(el)), src);
    prefetchFor(name, src);
    loadModule(name).catch(() => {});
    const code = languageOf(el);
    if (code !== 'en') catalogue(code).catch(() => {});
    first ??= code;
  });
  if (first) warmLocale(first);
}

// ---- Faults ---------------------------------------------------------------------

// The loader's own words (a widget that stopped, or did not start), in
// English; the other five languages have them in their catalogue's loader
// part (pkg/i18n/<lang>.json), fetched when needed, as the widgets' text is.
const LOADER_EN = {
  'loader.stopped': 'This widget stopped because of an internal error.',
  'loader.restart': 'Restart',
  'loader.not_started': 'This widget could not start: its code did not load.',
  'loader.try_again': 'Try again',
  'loader.unknown_kind': 'This widget could not start: data-kyoto-widget="{kind}" is not a kind of widget ({kinds}).',
};
// For the page's editor, in English (the setting's own words): what a
// Content-Security-Policy that keeps WebAssembly from compiling lacks.
const CSP_LACKS = 'The page’s Content-Security-Policy must allow \'wasm-unsafe-eval\' in script-src.';

/** The loader's words in the language of `element` (English when its catalogue cannot be had). */
async function loaderText(element) {
  const code = languageOf(element);
  if (code === 'en') return LOADER_EN;
  try {
    const all = JSON.parse(await catalogue(code));
    return Object.fromEntries(Object.entries(LOADER_EN).map(([k, en]) => [k, typeof all[k] === 'string' ? all[k] : en]));
  } catch {
    return LOADER_EN;
  }
}

/**
 * Puts a message at the top of a widget's element (in its shadow root when
 * it has one, else in the element itself: the page's styles apply) with a
 * button that runs `act` (none without a `label`), replacing any message there, and fires
 * `kyoto:error` with `detail`. The message's element is a `.kw-panic`, with
 * `data-kind` set to `kind`.
 */
function showAlert(element, kind, lines, label, act, detail) {
  const root = element.shadowRoot || element;
  root.querySelector(':scope > .kw-panic')?.remove();
  const box = document.createElement('div');
  box.className = 'kw-panic';
  box.dataset.kind = kind;
  box.setAttribute('role', 'alert');
  for (const line of lines) {
    const p = document.createElement('p');
    if (line === CSP_LACKS) p.lang = 'en';
    p.textContent = line;
    box.append(p);
  }
  if (label) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', act);
    box.append(button);
  }
  root.prepend(box);
  element.dispatchEvent(new CustomEvent('kyoto:error', { bubbles: true, composed: true, detail }));
}

/** Says in `element` that its widget stopped (while `still()`: its module has not been recovered meanwhile). */
function showStopped(element, message, still) {
  loaderText(element).then((t) => {
    if (!still()) return;
    const text = t['loader.stopped'];
    const act = () => { recover().catch((e) => console.error(`kyoto-widgets: ${e.message}`)); };
    showAlert(element, 'stopped', [text], t['loader.restart'], act, { message: `${text} (${message})`, panic: true });
  });
}

/**
 * The widget's module could not be loaded (the network, or a
 * Content-Security-Policy without 'wasm-unsafe-eval'): says so where the
 * widget would be, with a button that tries again, for every widget that
 * did not start.
 */
function showNotStarted(handle, error) {
  loaderText(handle.element).then((t) => {
    if (handle.inner || handle.destroyed || live.get(handle.element) !== handle) return;
    const text = t['loader.not_started'];
    const reason = String(error?.message ?? error);
    const lines = /wasm-unsafe-eval|Content Security Policy/i.test(reason) ? [text, CSP_LACKS] : [text];
    const detail = { message: `${lines.join(' ')} (${reason})`, notStarted: true };
    showAlert(handle.element, 'not-started', lines, t['loader.try_again'], retryNotStarted, detail);
  });
}

function retryNotStarted() {
  for (const [element, handle] of live) {
    const box = (element.shadowRoot || element).querySelector(':scope > .kw-panic[data-kind="not-started"]');
    if (!box || handle.inner || handle.destroyed) continue;
    box.remove();
    handle.run();
  }
}

function widgetsOf(name) {
  return [...live].filter(([, h]) => h.module === name);
}

function panicked(name, generation, message) {
  const m = modules.get(name);
  if (!m || m.generation !== generation || m.failed) return; // an abandoned instance, or already reported
  m.failed = true;
  // After the panic has unwound out of the instance: listeners of the page
  // may call the widgets' handles.
  queueMicrotask(() => {
    for (const [element] of widgetsOf(name)) showStopped(element, message, () => m.failed && m.generation === generation);
  });
}

/**
 * Re-creates every module instance that panicked and mounts its widgets again
 * (the Restart button does this). The handles the page holds stay valid.
 */
export async function recover() {
  for (const [name, m] of modules) {
    if (!m.failed) continue;
    m.generation += 1;
    m.glue = null;
    const glue = await loadModule(name);
    m.failed = false;
    for (const [element, handle] of widgetsOf(name)) {
      handle.drop();
      if (element.shadowRoot) element.shadowRoot.replaceChildren();
      else element.querySelector(':scope > .kw-panic')?.remove();
      try {
        await withLanguage(glue, languageOf(element));
        handle.create(glue);
      } catch (e) {
        console.warn(`kyoto-widgets: ${e.message}`);
      }
    }
  }
}

/** For tests of the failure path: the next chart redraw panics, in module `name` or in every one. */
export function panicForTesting(name = null) {
  for (const [n, m] of modules) if (name === null || n === name) m.glue?.panicForTesting();
}

/**
 * How many downloads of `src` URLs this page has made and how many times the
 * modules parsed one, as [downloads, parses]: widgets with the same src share
 * the download; each module parses it once.
 */
export function loadCounts() {
  let parses = 0;
  for (const m of modules.values()) if (m.glue) parses += m.glue.loadCounts()[1];
  return [fetches, parses];
}

/**
 * The WebAssembly instances in use, for diagnostics and the long-run test:
 * { module name: { memory: bytes of its memory, refs: its reference table's length } }.
 */
export function instances() {
  const out = {};
  for (const [name, m] of modules) {
    if (m.glue && m.exports) out[name] = { memory: m.exports.memory.buffer.byteLength, refs: m.exports.__wbindgen_externrefs?.length ?? 0 };
  }
  return out;
}

/**
 * Shows what moved between two exports in `element` (the comparison module is
 * loaded on first use). Resolves to the comparison's figures.
 */
export async function renderComparison(element, before, after, options) {
  const glue = await loadModule(ALL);
  await withLanguage(glue, options?.lang ? (LANGS.find((l) => options.lang.toLowerCase().startsWith(l)) || 'en') : languageOf(element));
  return glue.renderComparison(element, before, after, options);
}

if (document.readyState !== 'loading') prefetchPage();
defineElements();

/** Resolves when the widgets on the page at load time are mounted (their modules loaded). */
export const ready = new Promise((resolve) => {
  const start = () => {
    prefetchPage();
    scan(document.documentElement);
    // One observer for the page's lifetime: mounts inserted widgets, unmounts
    // removed ones, and gives a page's new `lang` or `dir` (a page that
    // switches its language itself) to the widgets under it that have none
    // of their own, and the attributes no custom element observes to their
    // widget (see `changed`).
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') changed(r.target, r.attributeName);
        r.addedNodes.forEach(scan);
        r.removedNodes.forEach(unscan);
      }
    }).observe(document.documentElement, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: [...new Set(['lang', 'dir', 'data-kyoto-widget', ...ATTRIBUTES, ...ATTRIBUTES.map((a) => `data-${a}`)])],
    });
    resolve(Promise.allSettled([...live.values()].map((h) => h.ready)).then(() => {}));
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
});
