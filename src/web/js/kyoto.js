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
import init, { PillarChart, ParagraphBrowser } from './kyoto_widgets.js';

const KINDS = { 'pillar-chart': PillarChart, 'paragraph-browser': ParagraphBrowser };
const mounted = new WeakMap();

/**
 * Mounts a widget into any element and returns its handle
 * ({ update(data), render(), destroy(), … }).
 * options: { kind: 'pillar-chart' | 'paragraph-browser', src, view, pillar, theme, lang, height, poll, channel }
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mount() needs an element');
  const kind = options.kind || element.dataset.kyotoWidget || 'pillar-chart';
  const Widget = KINDS[kind];
  if (!Widget) throw new TypeError(`unknown widget kind '${kind}' (pillar-chart or paragraph-browser)`);
  unmount(element);
  const handle = new Widget(element, options);
  mounted.set(element, handle);
  return handle;
}

/** Destroys the widget mounted on `element` by mount() or a data attribute. */
export function unmount(element) {
  const handle = mounted.get(element);
  if (handle) {
    mounted.delete(element);
    handle.destroy();
    handle.free();
  }
}

function scan(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  const found = root.matches('[data-kyoto-widget]') ? [root] : [];
  found.push(...root.querySelectorAll('[data-kyoto-widget]'));
  for (const el of found) {
    if (!mounted.has(el) && el.isConnected) {
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

/** Resolves when the widgets are registered and the page's data-attribute widgets are mounted. */
export const ready = init({ module_or_path: new URL('./kyoto_widgets_bg.wasm', import.meta.url) }).then(() => {
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

export { PillarChart, ParagraphBrowser, loadCounts, renderComparison } from "./kyoto_widgets.js";
