/**
 * What bench/ui measures inside the page, installed with page.evaluate: every animation frame's
 * duration, and, each time a newer row is on screen, its send time (the blaster writes it into the
 * payload, so the preview shows it) → produce-to-paint lag. A row counts once, in the first frame
 * that shows it: sampling the same newest row frame after frame would count the time since the
 * producer stopped as lag. Reads only the DOM, never the app's internals: what the user sees is
 * what is measured.
 */

/** Samples since the last `take`. */
export interface ProbeSamples {
  readonly frameMs: number[];
  readonly lagMs: number[];
}

/**
 * Page-side, as a script text (the Node project has no DOM types): starts the rAF loop and defines
 * `window.__probe.take()`, which returns and clears the samples.
 */
export const PROBE_SCRIPT = `(() => {
  const state = { frameMs: [], lagMs: [], last: 0, newest: '' };
  const loop = (now) => {
    if (state.last > 0) state.frameMs.push(now - state.last);
    state.last = now;
    const rows = document.querySelectorAll('[data-testid="inspector-row"]');
    const newest = rows[rows.length - 1];
    const match = newest ? /(\\d+) (\\d{13}) /.exec(newest.textContent || '') : null;
    if (match && match[0] !== state.newest) {
      state.newest = match[0];
      state.lagMs.push(Date.now() - Number(match[2]));
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  window.__probe = {
    take() {
      const out = { frameMs: state.frameMs, lagMs: state.lagMs };
      state.frameMs = [];
      state.lagMs = [];
      return out;
    },
  };
})()`;

/** Script text that returns the samples since the last call. */
export const TAKE_SCRIPT = 'window.__probe.take()';

/** The p-th percentile (0..100) of a list; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
