/**
 * The timeline's clock on screen: a time scale (engine ms at x = 0, ms per pixel), zoom around a
 * point, pan, fit, and axis ticks at 1-2-5 steps. Pure numbers, tested without a DOM.
 */

/** Engine ms at the left edge and ms per CSS pixel. */
export interface TimeScale {
  readonly t0: number;
  readonly msPerPx: number;
}

/** 1 µs per pixel: finer says nothing (engine times are rounded to µs). */
export const MIN_MS_PER_PX = 0.001;
/** One hour per pixel. */
export const MAX_MS_PER_PX = 3_600_000;

const clampMsPerPx = (v: number): number => Math.min(MAX_MS_PER_PX, Math.max(MIN_MS_PER_PX, v));

/** x (CSS px) of engine time `t`. */
export function xOf(scale: TimeScale, t: number): number {
  return (t - scale.t0) / scale.msPerPx;
}

/** Engine time at x (CSS px). */
export function tOf(scale: TimeScale, x: number): number {
  return scale.t0 + x * scale.msPerPx;
}

/** A scale showing [t0, t1] in `width` px with a margin of `pad` of the span on each side. */
export function fitScale(t0: number, t1: number, width: number, pad = 0.02): TimeScale {
  const span = Math.max(t1 - t0, 1);
  const w = Math.max(width, 1);
  const msPerPx = clampMsPerPx((span * (1 + 2 * pad)) / w);
  return { t0: t0 - span * pad, msPerPx };
}

/** Zooms by `factor` (< 1 zooms in) keeping the time under `anchorX` where it is. */
export function zoomScale(scale: TimeScale, factor: number, anchorX: number): TimeScale {
  const anchorT = tOf(scale, anchorX);
  const msPerPx = clampMsPerPx(scale.msPerPx * factor);
  return { t0: anchorT - anchorX * msPerPx, msPerPx };
}

/** Moves the view by `dx` px (dragging right shows earlier times). */
export function panScale(scale: TimeScale, dx: number): TimeScale {
  return { t0: scale.t0 - dx * scale.msPerPx, msPerPx: scale.msPerPx };
}

/** Ctrl+wheel: the zoom factor for a wheel delta (100 px of wheel ≈ ×1.22). */
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(Math.max(-500, Math.min(500, deltaY)) * 0.002);
}

/** The smallest 1-2-5 step (ms) at least `minPx` apart on screen. */
export function niceStep(msPerPx: number, minPx = 90): number {
  const raw = msPerPx * minPx;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Tick times (multiples of the step, counted from `origin`) inside [0, width] px. */
export function axisTicks(scale: TimeScale, width: number, origin: number, minPx = 90): { readonly step: number; readonly ticks: readonly number[] } {
  const step = niceStep(scale.msPerPx, minPx);
  const first = origin + Math.ceil((scale.t0 - origin) / step) * step;
  const ticks: number[] = [];
  for (let t = first; xOf(scale, t) <= width && ticks.length < 1000; t += step) ticks.push(t);
  return { step, ticks };
}

/** An axis label: `offset` ms after the origin, as precise as the step needs. */
export function formatOffset(offset: number, step: number): string {
  const a = Math.abs(offset);
  // No "-0 s": a negative offset keeps its sign only when it shows as non-zero at this precision.
  const sign = offset < 0 && a >= Math.min(step, 1000) / 2 ? '-' : '';
  if (step < 1) return `${sign}${a.toFixed(Math.min(3, Math.ceil(-Math.log10(step))))} ms`;
  if (a < 1000 && step < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 120_000 || step < 1000) {
    const decimals = step >= 1000 ? 0 : Math.min(3, Math.ceil(-Math.log10(step / 1000)));
    return `${sign}${(a / 1000).toFixed(decimals)} s`;
  }
  const total = Math.round(a / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${sign}${minutes}:${String(seconds).padStart(2, '0')} min`;
}
