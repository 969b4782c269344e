/** Messages per second and bytes per second of one connection, from its buckets (for the sparkline). */
import { BUCKET_MS, type ConnBuckets } from './frame-index.js';

/** A rate series over equal bins and its summary. */
export interface Throughput {
  /** Engine ms at the start of each bin, and its width. */
  readonly t0: number;
  readonly binMs: number;
  readonly msgsPerSec: readonly number[];
  readonly bytesPerSec: readonly number[];
  readonly peakMsgs: number;
  readonly peakBytes: number;
  /** Average over [t0, t1]. */
  readonly avgMsgs: number;
  readonly avgBytes: number;
  /** The last second before t1. */
  readonly lastMsgs: number;
  readonly lastBytes: number;
}

/** Rates over [t0, t1] in at most `maxBins` bins (each a whole number of buckets, at least one second when the span allows). */
export function throughput(b: ConnBuckets | undefined, t0: number, t1: number, maxBins = 120): Throughput {
  const span = Math.max(t1 - t0, BUCKET_MS);
  const buckets = Math.ceil(span / BUCKET_MS);
  const per = Math.max(Math.ceil(buckets / maxBins), Math.min(10, buckets));
  const bins = Math.ceil(buckets / per);
  const binMs = per * BUCKET_MS;
  const start = Math.floor(t0 / BUCKET_MS) * BUCKET_MS;
  const msgs = new Array<number>(bins).fill(0);
  const bytes = new Array<number>(bins).fill(0);
  let totalMsgs = 0;
  let totalBytes = 0;
  let lastMsgs = 0;
  let lastBytes = 0;
  if (b !== undefined && b.length > 0) {
    const lastFrom = t1 - 1000;
    for (let slot = 0; slot < b.length; slot++) {
      const st = b.slotStart(slot);
      if (st < start || st >= t1) continue;
      const i = Math.min(bins - 1, Math.floor((st - start) / binMs));
      msgs[i]! += b.messages[slot]!;
      bytes[i]! += b.bytes[slot]!;
      totalMsgs += b.messages[slot]!;
      totalBytes += b.bytes[slot]!;
      if (st >= lastFrom) {
        lastMsgs += b.messages[slot]!;
        lastBytes += b.bytes[slot]!;
      }
    }
  }
  const perSec = (n: number) => (n * 1000) / binMs;
  const msgsPerSec = msgs.map(perSec);
  const bytesPerSec = bytes.map(perSec);
  const seconds = span / 1000;
  return {
    t0: start,
    binMs,
    msgsPerSec,
    bytesPerSec,
    peakMsgs: Math.max(0, ...msgsPerSec),
    peakBytes: Math.max(0, ...bytesPerSec),
    avgMsgs: totalMsgs / seconds,
    avgBytes: totalBytes / seconds,
    lastMsgs,
    lastBytes,
  };
}

/** SVG polyline points of a series scaled into width × height (0 at the bottom). */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => `${round(i * step)},${round(height - (v / max) * height)}`).join(' ');
}

/** Rates for people: 12/s, 3.4k/s; bytes: 512 B/s, 1.2 MB/s. */
export function formatRate(value: number, unit: 'msgs' | 'bytes'): string {
  const suffix = unit === 'bytes' ? 'B/s' : '/s';
  const sep = unit === 'bytes' ? ' ' : '';
  if (value < 10) return `${round(value, 10)}${sep}${suffix}`;
  if (value < 1000) return `${Math.round(value)}${sep}${suffix}`;
  const [scaled, prefix] = value < 1e6 ? [value / 1e3, 'k'] : value < 1e9 ? [value / 1e6, 'M'] : [value / 1e9, 'G'];
  return `${scaled < 10 ? round(scaled, 10) : Math.round(scaled)}${sep}${prefix}${suffix}`;
}

function round(v: number, scale = 100): number {
  return Math.round(v * scale) / scale;
}
