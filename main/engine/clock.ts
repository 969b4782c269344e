/** The engine's time source: monotonic ms since start plus the wall-clock anchor of that start. */
export interface Clock {
  /** Milliseconds since the engine started, monotonic, sub-millisecond. */
  now(): number;
  /** Wall clock at the engine's start, ms since the Unix epoch. */
  readonly anchor: number;
}

/** A clock on `process.hrtime.bigint()`, immune to wall-clock jumps (NTP, DST, the user). */
export function createClock(): Clock {
  const start = process.hrtime.bigint();
  const anchor = Date.now();
  return {
    now: () => Number(process.hrtime.bigint() - start) / 1e6,
    anchor,
  };
}

/** Rounds a duration for display and storage: microsecond precision is all the clock means. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
