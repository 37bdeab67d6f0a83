/** Resolves when the WebAssembly is loaded and the custom elements are registered. */
export declare const ready: Promise<unknown>;
