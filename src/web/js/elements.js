// The custom elements of kyoto-widgets. Rust cannot subclass HTMLElement, so
// this small class does it and hands the element to Rust: it creates the Rust
// handle in connectedCallback and destroys it in disconnectedCallback.
// `factory(kind, element)` is the Rust constructor, passed in once at start.

const ATTRIBUTES = ['src', 'view', 'pillar', 'lang', 'theme', 'poll', 'height', 'channel'];

export function defineElements(factory) {
  const define = (tag, kind) => {
    if (customElements.get(tag)) return;
    customElements.define(tag, class extends HTMLElement {
      static get observedAttributes() { return ATTRIBUTES; }
      connectedCallback() {
        if (!this.kyotoHandle) this.kyotoHandle = factory(kind, this);
      }
      disconnectedCallback() {
        const handle = this.kyotoHandle;
        this.kyotoHandle = null;
        if (handle) { handle.destroy(); handle.free(); }
      }
      attributeChangedCallback(name, oldValue, value) {
        if (this.kyotoHandle && oldValue !== value) this.kyotoHandle.attributeChanged(name, value);
      }
      /** The widget's JS handle (see mount() in kyoto.js). */
      get handle() { return this.kyotoHandle; }
    });
  };
  define('kyoto-pillar-chart', 'pillar-chart');
  define('kyoto-paragraph-browser', 'paragraph-browser');
}
