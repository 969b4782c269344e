/** Ping → pong round trips: min / avg / max / last, and the chart's points. */
import type { RttPoint } from '../../store/connections.js';

/** The summary of a connection's round trips. */
export interface RttStats {
  readonly count: number;
  readonly min: number;
  readonly avg: number;
  readonly max: number;
  readonly last: number;
}

/** Summary of the points, or null when there are none. */
export function rttStats(points: readonly RttPoint[]): RttStats | null {
  if (points.length === 0) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const p of points) {
    if (p.rtt < min) min = p.rtt;
    if (p.rtt > max) max = p.rtt;
    sum += p.rtt;
  }
  return { count: points.length, min, avg: sum / points.length, max, last: points[points.length - 1]!.rtt };
}

/** One chart point in px. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Points in a width × height box: x by time over the points' span, y by rtt from 0 (bottom) to the
 * max. More points than columns are thinned to each column's highest, so spikes stay visible.
 */
export function rttChartPoints(points: readonly RttPoint[], width: number, height: number): ChartPoint[] {
  if (points.length === 0) return [];
  const first = points[0]!.t;
  const span = Math.max(points[points.length - 1]!.t - first, 1e-9);
  const max = Math.max(...points.map((p) => p.rtt), 1e-9);
  const columns = Math.max(1, Math.floor(width));
  const at = (p: RttPoint): ChartPoint => ({
    x: points.length === 1 ? width / 2 : ((p.t - first) / span) * width,
    y: height - (p.rtt / max) * height,
  });
  if (points.length <= columns) return points.map(at);
  const byColumn = new Map<number, RttPoint>();
  for (const p of points) {
    const c = Math.min(columns - 1, Math.floor(((p.t - first) / span) * columns));
    const seen = byColumn.get(c);
    if (seen === undefined || p.rtt > seen.rtt) byColumn.set(c, p);
  }
  return [...byColumn.keys()].sort((a, b) => a - b).map((c) => at(byColumn.get(c)!));
}
