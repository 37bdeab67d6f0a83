// Timing helpers shared by both benchmark pages (measurement only: not
// counted as shipped code).
//
// "Painted" means: the end of the frame that shows the change. A task queued
// from inside requestAnimationFrame runs after that frame's style, layout and
// paint on the main thread, so its time is taken as the end.

/** Resolves with performance.now() (ms since navigation start) after the next frame is painted. */
export function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(null);
  }));
}

/**
 * Runs `action` at the start of a frame (inside requestAnimationFrame, so no
 * waiting for vsync is counted) and resolves with
 * { total: ms until that frame is painted, script: ms of the action itself }.
 */
export function timeInFrame(action) {
  return new Promise((resolve, reject) => requestAnimationFrame(() => {
    const t0 = performance.now();
    try { action(); } catch (e) { reject(e); return; }
    const t1 = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve({ total: performance.now() - t0, script: t1 - t0 });
    ch.port2.postMessage(null);
  }));
}
