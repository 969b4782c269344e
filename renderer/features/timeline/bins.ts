/**
 * What one lane of the frame strip draws: per pixel column, how many frames went out and came in
 * (from the buckets when zoomed out), or each frame as its own tick (from the rows when few enough
 * are in view). Pure, so the 1M-row behaviour is tested without a canvas.
 */
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import type { RowStore } from '../../store/row-store.js';
import { BUCKET_MS, type FrameIndex } from './frame-index.js';
import { tOf, xOf, type TimeScale } from './scale.js';

/** Above this many frames in view a lane is drawn from buckets, not rows. */
export const ROW_MODE_MAX = 4000;

/** Counts per pixel column, out and in. */
export interface LaneBins {
  readonly out: Float32Array;
  readonly in: Float32Array;
}

/** A frame drawn as its own tick. */
export interface FrameTick {
  readonly x: number;
  readonly dir: 'in' | 'out';
  readonly control: boolean;
}

/** How a lane is drawn in the current window. */
export type LaneMarks = { readonly kind: 'bins'; readonly bins: LaneBins } | { readonly kind: 'ticks'; readonly ticks: readonly FrameTick[] };

/**
 * Bucket counts per pixel column over [0, width): a bucket narrower than a column adds to it; a
 * wider one marks every column it covers with its count (a density, not a sum).
 */
export function laneBins(index: FrameIndex, conn: number, scale: TimeScale, width: number): LaneBins {
  const out = new Float32Array(Math.max(0, Math.ceil(width)));
  const inn = new Float32Array(out.length);
  const b = index.get(conn);
  if (b === undefined || b.length === 0) return { out, in: inn };
  const t1 = tOf(scale, width);
  if (t1 < b.slotStart(0) || scale.t0 >= b.slotStart(b.length)) return { out, in: inn };
  for (let slot = b.slotOf(scale.t0), end = b.slotOf(t1); slot <= end; slot++) {
    const nOut = b.framesOut[slot]!;
    const nIn = b.framesIn[slot]!;
    if (nOut === 0 && nIn === 0) continue;
    const start = b.slotStart(slot);
    const x0 = Math.floor(xOf(scale, start));
    const x1 = Math.floor(xOf(scale, start + BUCKET_MS));
    if (x1 <= x0) {
      if (x0 < 0 || x0 >= out.length) continue;
      out[x0]! += nOut;
      inn[x0]! += nIn;
      continue;
    }
    for (let x = Math.max(0, x0); x < Math.min(out.length, x1); x++) {
      out[x] = Math.max(out[x]!, nOut);
      inn[x] = Math.max(inn[x]!, nIn);
    }
  }
  return { out, in: inn };
}

/** The marks of one lane: every frame when at most ROW_MODE_MAX are in view, else bins. */
export function laneMarks(index: FrameIndex, rows: RowStore, conn: number, scale: TimeScale, width: number): LaneMarks {
  const t1 = tOf(scale, width);
  const b = index.get(conn);
  if (b === undefined) return { kind: 'ticks', ticks: [] };
  if (b.framesBetween(scale.t0, t1) > ROW_MODE_MAX) return { kind: 'bins', bins: laneBins(index, conn, scale, width) };
  const ticks: FrameTick[] = [];
  index.forEachRow(rows, conn, scale.t0, t1, (_row, t, flags) => {
    if ((flags & ROW_FLAG.MESSAGE) !== 0) return;
    ticks.push({ x: xOf(scale, t), dir: (flags & ROW_FLAG.IN) !== 0 ? 'in' : 'out', control: (flags & 0x08) !== 0 });
  });
  return { kind: 'ticks', ticks };
}

/** Bar height for a count in a half lane of `height` px: log-scaled so 1 frame still shows. */
export function binHeight(count: number, height: number, max: number): number {
  if (count <= 0) return 0;
  return Math.max(1, (Math.log2(1 + count) / Math.log2(1 + Math.max(max, 1))) * height);
}
