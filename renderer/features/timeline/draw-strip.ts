/**
 * Paints the frame strip on a canvas: the time axis, then each visible lane (lifetime bar, open
 * and close markers, frames out above the middle and in below). Only numbers are drawn here;
 * every text that came from the wire (URLs, reasons) is rendered by React beside the canvas.
 */
import type { RowStore } from '../../store/row-store.js';
import { binHeight, laneMarks } from './bins.js';
import type { FrameIndex } from './frame-index.js';
import type { Lane } from './lanes.js';
import { axisTicks, formatOffset, xOf, type TimeScale } from './scale.js';

/** Height of the axis band at the top. */
export const AXIS_H = 18;

/** Everything one paint needs. */
export interface StripPaint {
  readonly lanes: readonly Lane[];
  readonly laneHeight: number;
  readonly scale: TimeScale;
  readonly origin: number;
  readonly width: number;
  readonly height: number;
  readonly scrollTop: number;
  readonly index: FrameIndex;
  readonly rows: RowStore;
  readonly selectedConn: number | null;
}

interface Colors {
  readonly bg2: string;
  readonly bg3: string;
  readonly line: string;
  readonly fg: string;
  readonly dim: string;
  readonly accent: string;
  readonly in: string;
  readonly out: string;
  readonly control: string;
  readonly error: string;
}

function colors(el: Element): Colors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg2: v('--bg-2', '#1c1f24'),
    bg3: v('--bg-3', '#252930'),
    line: v('--line', '#30353d'),
    fg: v('--fg', '#d7dae0'),
    dim: v('--fg-dim', '#8b929c'),
    accent: v('--accent', '#4aa3ff'),
    in: v('--in', '#5fd38d'),
    out: v('--out', '#f0b35b'),
    control: v('--control', '#b48cff'),
    error: v('--error', '#ff6b6b'),
  };
}

/** Paints one frame of the strip. */
export function paintStrip(canvas: HTMLCanvasElement, p: StripPaint): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.floor(p.width));
  const h = Math.max(1, Math.floor(p.height));
  if (canvas.width !== w * dpr || canvas.height !== h * dpr) {
    canvas.width = w * dpr;
    canvas.height = h * dpr;
  }
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const c = colors(canvas);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.font = '10px system-ui, sans-serif';

  const { step, ticks } = axisTicks(p.scale, w, p.origin);
  ctx.fillStyle = c.dim;
  ctx.strokeStyle = c.line;
  ctx.lineWidth = 1;
  for (const t of ticks) {
    const x = Math.round(xOf(p.scale, t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, AXIS_H - 4);
    ctx.lineTo(x, h);
    ctx.stroke();
    ctx.fillText(formatOffset(t - p.origin, step), x + 3, 11);
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_H, w, h - AXIS_H);
  ctx.clip();
  const first = Math.max(0, Math.floor(p.scrollTop / p.laneHeight));
  const last = Math.min(p.lanes.length - 1, Math.floor((p.scrollTop + h - AXIS_H) / p.laneHeight));
  for (let i = first; i <= last; i++) paintLane(ctx, c, p, p.lanes[i]!, AXIS_H + i * p.laneHeight - p.scrollTop, i, w);
  ctx.restore();
}

function paintLane(ctx: CanvasRenderingContext2D, c: Colors, p: StripPaint, lane: Lane, y: number, i: number, w: number): void {
  const lh = p.laneHeight;
  const mid = y + lh / 2;
  const half = lh / 2 - 3;
  if (i % 2 === 1 || lane.conn === p.selectedConn) {
    ctx.fillStyle = lane.conn === p.selectedConn ? c.bg3 : c.bg2;
    ctx.fillRect(0, y, w, lh);
  }
  const clampX = (x: number) => Math.max(-2, Math.min(w + 2, x));
  const xs = clampX(xOf(p.scale, lane.start));
  const xe = clampX(xOf(p.scale, lane.end));
  const xo = lane.openT === null ? null : clampX(xOf(p.scale, lane.openT));
  // Lifetime: connecting as a thin line, open as a band behind the frames.
  ctx.fillStyle = lane.state === 'failed' ? c.error : c.dim;
  ctx.fillRect(xs, mid - 0.5, Math.max(1, (xo ?? xe) - xs), 1);
  if (xo !== null) {
    ctx.globalAlpha = 0.18;
    ctx.fillStyle = c.accent;
    ctx.fillRect(xo, y + 2, Math.max(1, xe - xo), lh - 4);
    ctx.globalAlpha = 1;
    ctx.fillStyle = c.in;
    ctx.fillRect(Math.round(xo), y + 1, 2, lh - 2);
  }
  if (lane.closeT !== null) {
    ctx.fillStyle = lane.cleanClose ? c.fg : c.error;
    ctx.fillRect(Math.round(clampX(xOf(p.scale, lane.closeT))) - 1, y + 1, 2, lh - 2);
  }

  const marks = laneMarks(p.index, p.rows, lane.conn, p.scale, w);
  if (marks.kind === 'ticks') {
    for (const tick of marks.ticks) {
      ctx.fillStyle = tick.control ? c.control : tick.dir === 'out' ? c.out : c.in;
      const x = Math.round(tick.x);
      if (tick.dir === 'out') ctx.fillRect(x, mid - half, 1, half);
      else ctx.fillRect(x, mid, 1, half);
    }
    return;
  }
  const { out, in: inn } = marks.bins;
  let max = 1;
  for (let x = 0; x < out.length; x++) max = Math.max(max, out[x]!, inn[x]!);
  ctx.fillStyle = c.out;
  for (let x = 0; x < out.length; x++) {
    const bh = binHeight(out[x]!, half, max);
    if (bh > 0) ctx.fillRect(x, mid - bh, 1, bh);
  }
  ctx.fillStyle = c.in;
  for (let x = 0; x < inn.length; x++) {
    const bh = binHeight(inn[x]!, half, max);
    if (bh > 0) ctx.fillRect(x, mid, 1, bh);
  }
}
