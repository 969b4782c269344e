/**
 * Per-connection time buckets over the RowStore, kept incrementally: each batch adds only its new
 * rows, so the timeline draws a million frames from a few thousand buckets and scans rows only
 * inside a zoomed-in window. A bucket also remembers the first and last row index of its
 * connection in it, which bounds every scan (ticks in view, the row nearest a click).
 */
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import type { RowStore } from '../../store/row-store.js';

/** Width of a bucket in engine ms. */
export const BUCKET_MS = 100;
/** Buckets per connection (≈ 29 hours); later rows land in the last one. */
export const MAX_BUCKETS = 1 << 20;

const bucketOf = (t: number): number => Math.floor(t / BUCKET_MS);

/** One connection's buckets: slot i covers [(first + i) · BUCKET_MS, (first + i + 1) · BUCKET_MS). */
export class ConnBuckets {
  /** Bucket number of slot 0. */
  first = 0;
  /** Slots in use. */
  length = 0;
  framesIn = new Uint32Array(16);
  framesOut = new Uint32Array(16);
  /** Data messages completed (a FIN on a text, binary or continuation frame), both directions. */
  messages = new Uint32Array(16);
  /** Wire payload bytes of frames, both directions. */
  bytes = new Float64Array(16);
  /** First and last absolute row index of this connection in the slot (any row kind), -1 when none. */
  firstRow = new Float64Array(16).fill(-1);
  lastRow = new Float64Array(16).fill(-1);
  frames = 0;
  messageCount = 0;
  totalBytes = 0;
  firstT = Number.POSITIVE_INFINITY;
  lastT = Number.NEGATIVE_INFINITY;

  /** Slot of time `t`, growing the arrays (at either end) to hold it. */
  slotFor(t: number): number {
    const b = bucketOf(t);
    if (this.length === 0) {
      this.first = b;
      this.length = 1;
      return 0;
    }
    let slot = b - this.first;
    if (slot < 0) {
      const shift = Math.min(-slot, MAX_BUCKETS - this.length);
      if (shift <= 0) return 0;
      this.resize(this.length + shift, shift);
      this.first -= shift;
      this.length += shift;
      slot = b - this.first;
      return Math.max(0, slot);
    }
    if (slot >= MAX_BUCKETS) slot = MAX_BUCKETS - 1;
    if (slot >= this.framesIn.length) this.resize(slot + 1, 0);
    if (slot >= this.length) this.length = slot + 1;
    return slot;
  }

  /** Slot of `t` without growing, clamped to [0, length); -1 when empty. */
  slotOf(t: number): number {
    if (this.length === 0) return -1;
    return Math.min(this.length - 1, Math.max(0, bucketOf(t) - this.first));
  }

  /** Engine ms where slot `i` starts. */
  slotStart(i: number): number {
    return (this.first + i) * BUCKET_MS;
  }

  private resize(needed: number, shift: number): void {
    let capacity = this.framesIn.length;
    while (capacity < needed) capacity *= 2;
    capacity = Math.min(capacity, MAX_BUCKETS);
    const grow = <A extends Uint32Array | Float64Array>(old: A, make: (n: number) => A, empty: number): A => {
      const next = make(capacity);
      if (empty !== 0) next.fill(empty);
      next.set(old.subarray(0, this.length), shift);
      return next;
    };
    this.framesIn = grow(this.framesIn, (n) => new Uint32Array(n), 0);
    this.framesOut = grow(this.framesOut, (n) => new Uint32Array(n), 0);
    this.messages = grow(this.messages, (n) => new Uint32Array(n), 0);
    this.bytes = grow(this.bytes, (n) => new Float64Array(n), 0);
    this.firstRow = grow(this.firstRow, (n) => new Float64Array(n), -1);
    this.lastRow = grow(this.lastRow, (n) => new Float64Array(n), -1);
  }

  /** Frames (both directions) in slots covering [t0, t1]. */
  framesBetween(t0: number, t1: number): number {
    if (this.length === 0 || t1 < this.slotStart(0) || t0 >= this.slotStart(this.length)) return 0;
    let n = 0;
    for (let i = this.slotOf(t0), end = this.slotOf(t1); i <= end; i++) n += this.framesIn[i]! + this.framesOut[i]!;
    return n;
  }
}

/** The buckets of every connection, fed from a RowStore. */
export class FrameIndex {
  private readonly conns = new Map<number, ConnBuckets>();
  /** Absolute row index up to which rows were counted. */
  private scanned = 0;

  /** Counts rows that arrived since the last call; returns how many. */
  update(rows: RowStore): number {
    const from = Math.max(this.scanned, rows.start);
    for (let row = from; row < rows.size; row++) {
      const conn = rows.conn(row);
      let b = this.conns.get(conn);
      if (b === undefined) {
        b = new ConnBuckets();
        this.conns.set(conn, b);
      }
      const t = rows.t(row);
      const flags = rows.flags(row);
      const slot = b.slotFor(t);
      // Messages are counted from their last frame on the wire (FIN on a data or continuation
      // frame), not from message rows, which not every connection kind reports.
      if ((flags & ROW_FLAG.MESSAGE) === 0) {
        const length = rows.length(row);
        if ((flags & ROW_FLAG.IN) !== 0) b.framesIn[slot]!++;
        else b.framesOut[slot]!++;
        b.bytes[slot]! += length;
        b.frames++;
        b.totalBytes += length;
        if ((flags & ROW_FLAG.FIN) !== 0 && (flags & ROW_FLAG.OPCODE_MASK) <= 2) {
          b.messages[slot]!++;
          b.messageCount++;
        }
      }
      if (b.firstRow[slot] === -1) b.firstRow[slot] = row;
      b.lastRow[slot] = row;
      if (t < b.firstT) b.firstT = t;
      if (t > b.lastT) b.lastT = t;
    }
    const added = rows.size - from;
    this.scanned = rows.size;
    return Math.max(0, added);
  }

  /** The buckets of `conn`, or undefined when it has no rows. */
  get(conn: number): ConnBuckets | undefined {
    return this.conns.get(conn);
  }

  /**
   * Calls `visit` for each row of `conn` with t in [t0, t1], in row order per bucket: only the
   * buckets of the window are scanned, and only between their first and last row of `conn`.
   */
  forEachRow(rows: RowStore, conn: number, t0: number, t1: number, visit: (row: number, t: number, flags: number) => void): void {
    const b = this.conns.get(conn);
    if (b === undefined || b.length === 0 || t1 < b.slotStart(0) || t0 >= b.slotStart(b.length)) return;
    for (let slot = b.slotOf(t0), end = b.slotOf(t1); slot <= end; slot++) scanSlot(rows, b, conn, slot, t0, t1, visit);
  }

  /**
   * The retained row of `conn` nearest to `t` (within `maxMs`) that `accept` takes by its flags,
   * or -1. Buckets are searched outward from `t`'s and the search stops as soon as no farther
   * bucket can hold a nearer row.
   */
  nearestRow(rows: RowStore, conn: number, t: number, maxMs: number, accept: (flags: number) => boolean): number {
    const b = this.conns.get(conn);
    if (b === undefined || b.length === 0) return -1;
    const center = bucketOf(t) - b.first;
    const rings = Math.ceil(maxMs / BUCKET_MS) + 1;
    let best = -1;
    let bestDistance = maxMs;
    const consider = (row: number, rowT: number, flags: number) => {
      if (!accept(flags)) return;
      const d = Math.abs(rowT - t);
      // Within maxMs for the first candidate; strictly nearer after that (ties keep the earlier row).
      if (best === -1 ? d <= bestDistance : d < bestDistance) {
        best = row;
        bestDistance = d;
      }
    };
    for (let d = 0; d <= rings; d++) {
      for (const slot of d === 0 ? [center] : [center - d, center + d]) {
        if (slot >= 0 && slot < b.length) scanSlot(rows, b, conn, slot, t - maxMs, t + maxMs, consider);
      }
      if (best !== -1 && bestDistance <= d * BUCKET_MS) break;
    }
    return best;
  }
}

function scanSlot(
  rows: RowStore,
  b: ConnBuckets,
  conn: number,
  slot: number,
  t0: number,
  t1: number,
  visit: (row: number, t: number, flags: number) => void,
): void {
  const firstRow = b.firstRow[slot]!;
  if (firstRow < 0) return;
  const last = Math.min(b.lastRow[slot]!, rows.size - 1);
  for (let row = Math.max(firstRow, rows.start); row <= last; row++) {
    if (rows.conn(row) !== conn) continue;
    const t = rows.t(row);
    // Rows slightly out of time order sit in a neighbour's range too: visit each in its own slot only.
    if (t < t0 || t > t1 || b.slotOf(t) !== slot) continue;
    visit(row, t, rows.flags(row));
  }
}
