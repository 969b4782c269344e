/** The send-every-N-ms timer's settings, checked (pure; the hook in use-send-timer.ts runs it). */

/** Shortest interval: faster than this is a flood, which the raw builder or a script does better. */
export const MIN_INTERVAL_MS = 10;
/** Longest interval: one hour. */
export const MAX_INTERVAL_MS = 3_600_000;

/** Timer settings as typed: interval in ms, and an optional count to stop after. */
export interface TimerSettings {
  readonly intervalMs: number;
  /** Stop after this many sends; null = until stopped or closed. */
  readonly limit: number | null;
}

/** Parses the interval and limit fields. */
export function parseTimerSettings(
  interval: string,
  limit: string,
): { readonly ok: true; readonly settings: TimerSettings } | { readonly ok: false; readonly error: string } {
  const ms = Number(interval.trim());
  if (interval.trim() === '' || !Number.isInteger(ms) || ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS) {
    return { ok: false, error: `interval: whole milliseconds from ${MIN_INTERVAL_MS} to ${MAX_INTERVAL_MS}` };
  }
  if (limit.trim() === '') return { ok: true, settings: { intervalMs: ms, limit: null } };
  const n = Number(limit.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1e9)
    return { ok: false, error: 'stop after: a whole number of messages (or empty)' };
  return { ok: true, settings: { intervalMs: ms, limit: n } };
}
