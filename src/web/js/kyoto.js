// kyoto-widgets: the one script a page loads.
//
//   <script type="module" src="/kyoto/kyoto.js"></script>
//   <kyoto-pillar-chart src="matrix.csv"></kyoto-pillar-chart>
//   <div data-kyoto-widget="paragraph-browser" data-src="matrix.csv"></div>
//
// Loading this module instantiates the WebAssembly and registers the custom
// elements <kyoto-pillar-chart> and <kyoto-paragraph-browser>. Elements with a
// data-kyoto-widget attribute (for content systems that strip unknown tags)
// are mounted on load and whenever they are inserted later.
//
// Faults: should the code panic (a bug: input never makes it panic), every
// widget shows a message with a Restart button and fires `kyoto:error` with
// `detail.panic === true`. Restart, or `recover()`, makes a fresh WebAssembly
// instance and mounts every widget again from its attributes.
import init, * as firstInstance from './kyoto_widgets.js';

const WASM = new URL('./kyoto_widgets_bg.wasm', import.meta.url);
const KINDS = ['pillar-chart', 'paragraph-browser'];
const ATTRIBUTES = ['src', 'view', 'pillar', 'lang', 'theme', 'poll', 'height', 'channel'];

/** The wasm-bindgen module of the instance in use, and its number. */
let glue = firstInstance;
let generation = 0;
/** Whether the instance in use has panicked. */
let failed = false;
/** Every widget alive: element → { kind, handle }. */
const live = new Map();

function create(kind, element, options) {
  const Widget = kind === 'paragraph-browser' ? glue.ParagraphBrowser : glue.PillarChart;
  const handle = new Widget(element, options);
  live.set(element, { kind, handle });
  return handle;
}

function release(element) {
  const entry = live.get(element);
  if (!entry) return;
  live.delete(element);
  try {
    entry.handle.destroy();
    entry.handle.free();
  } catch {
    // Made by an instance that panicked: it is abandoned with its instance.
  }
}

/**
 * Mounts a widget into any element and returns its handle
 * ({ update(data), render(), destroy(), … }).
 * options: { kind: 'pillar-chart' | 'paragraph-browser', src, view, pillar, theme, lang, height, poll, channel }
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mount() needs an element');
  const kind = options.kind || element.dataset.kyotoWidget || 'pillar-chart';
  if (!KINDS.includes(kind)) throw new TypeError(`unknown widget kind '${kind}' (pillar-chart or paragraph-browser)`);
  release(element);
  return create(kind, element, options);
}

/** Destroys the widget mounted on `element` by mount() or a data attribute. */
export function unmount(element) {
  release(element);
}

function defineElements() {
  const define = (tag, kind) => {
    if (customElements.get(tag)) return;
    customElements.define(tag, class extends HTMLElement {
      static get observedAttributes() { return ATTRIBUTES; }
      connectedCallback() {
        if (!live.has(this)) create(kind, this, undefined);
      }
      disconnectedCallback() { release(this); }
      attributeChangedCallback(name, oldValue, value) {
        if (oldValue !== value) live.get(this)?.handle.attributeChanged(name, value);
      }
      /** The widget's JS handle (see mount()). */
      get handle() { return live.get(this)?.handle ?? null; }
    });
  };
  define('kyoto-pillar-chart', 'pillar-chart');
  define('kyoto-paragraph-browser', 'paragraph-browser');
}

function scan(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  const found = root.matches('[data-kyoto-widget]') ? [root] : [];
  found.push(...root.querySelectorAll('[data-kyoto-widget]'));
  for (const el of found) {
    if (!live.has(el) && el.isConnected) {
      try { mount(el); } catch (e) { console.warn(`kyoto-widgets: ${e.message}`); }
    }
  }
}

function unscan(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  const found = root.matches('[data-kyoto-widget]') ? [root] : [];
  found.push(...root.querySelectorAll('[data-kyoto-widget]'));
  for (const el of found) if (!el.isConnected) unmount(el);
}

// The failure message, in the six languages (the catalogues live in the
// instance that failed, so they are not asked).
const STOPPED = {
  ar: ['توقفت هذه الأداة بسبب خطأ داخلي.', 'إعادة التشغيل'],
  en: ['This widget stopped because of an internal error.', 'Restart'],
  es: ['Este widget se detuvo debido a un error interno.', 'Reiniciar'],
  fr: ['Ce widget s’est arrêté à la suite d’une erreur interne.', 'Redémarrer'],
  ru: ['Виджет остановлен из-за внутренней ошибки.', 'Перезапустить'],
  zh: ['此小部件因内部错误而停止。', '重新启动'],
};

function stoppedText(element) {
  const tag = (element.getAttribute('lang') || element.closest('[lang]')?.getAttribute('lang') || 'en').toLowerCase();
  return STOPPED[tag.split('-')[0]] || STOPPED.en;
}

function showStopped(element, message) {
  const [text, restart] = stoppedText(element);
  const root = element.shadowRoot || element;
  root.querySelector(':scope > .kw-panic')?.remove();
  const box = document.createElement('div');
  box.className = 'kw-panic';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = text;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = restart;
  button.addEventListener('click', () => { recover().catch((e) => console.error(`kyoto-widgets: ${e.message}`)); });
  box.append(p, button);
  root.prepend(box);
  element.dispatchEvent(new CustomEvent('kyoto:error', {
    bubbles: true,
    composed: true,
    detail: { message: `${text} (${message})`, panic: true },
  }));
}

function panicked(instance, message) {
  if (instance !== generation || failed) return; // an abandoned instance, or already reported
  failed = true;
  // After the panic has unwound out of the instance: listeners of the page
  // may call the widgets' handles.
  queueMicrotask(() => {
    for (const element of live.keys()) showStopped(element, message);
  });
}

/**
 * Re-creates the WebAssembly instance and mounts every widget again (the
 * Restart button does this). Handles held by the page from before are dead:
 * take new ones from `element.handle` or mount() again.
 */
export async function recover() {
  const instance = generation + 1;
  const next = await import(`./kyoto_widgets.js?instance=${instance}`);
  await next.default({ module_or_path: WASM });
  generation = instance;
  next.onPanic((message) => panicked(instance, message));
  glue = next;
  failed = false;
  for (const [element, { kind }] of [...live]) {
    release(element);
    if (element.shadowRoot) element.shadowRoot.replaceChildren();
    else element.querySelector(':scope > .kw-panic')?.remove();
    try { create(kind, element, undefined); } catch (e) { console.warn(`kyoto-widgets: ${e.message}`); }
  }
}

/** For tests of the failure path: the next chart redraw panics. */
export function panicForTesting() {
  glue.panicForTesting();
}

/** Resolves when the widgets are registered and the page's data-attribute widgets are mounted. */
export const ready = init({ module_or_path: WASM }).then(() => {
  firstInstance.onPanic((message) => panicked(0, message));
  defineElements();
  const start = () => {
    scan(document.documentElement);
    // One observer for the page's lifetime: mounts inserted widgets, unmounts removed ones.
    new MutationObserver((records) => {
      for (const r of records) {
        r.addedNodes.forEach(scan);
        r.removedNodes.forEach(unscan);
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
});

// The classes of the first instance, for pages that construct widgets themselves.
export { PillarChart, ParagraphBrowser, loadCounts, renderComparison } from './kyoto_widgets.js';
