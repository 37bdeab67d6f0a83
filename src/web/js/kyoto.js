// kyoto-widgets: the one script a page loads.
//
//   <script type="module" src="/kyoto/kyoto.js"></script>
//   <kyoto-pillar-chart></kyoto-pillar-chart>
//
// Loading this module instantiates the WebAssembly and registers the custom
// elements <kyoto-pillar-chart> and <kyoto-paragraph-browser>.
import init from './kyoto_widgets.js';

/** Resolves when the widgets are registered. */
export const ready = init({ module_or_path: new URL('./kyoto_widgets_bg.wasm', import.meta.url) });
