/** Durations in a mock file: a number of milliseconds, or text such as `250ms`, `5s`, `1.5m`, `1h`. */

/** The JSON Schema pattern of a duration string (the schema and the parser share it). */
export const DURATION_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)?\\s*$';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds (rounded), or an error message saying what a duration looks like. */
export function parseDuration(value: number | string): number | { readonly error: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { error: `a duration is ≥ 0 ms, got ${value}` };
    return Math.round(value);
  }
  const match = new RegExp(DURATION_PATTERN).exec(value);
  if (!match)
    return {
      error: `'${value}' is not a duration: write a number of ms or text such as 250ms, 5s, 1.5m, 1h`,
    };
  const amount = Number(value.trim().replace(/\s*(ms|s|m|h)$/, ''));
  return Math.round(amount * (UNIT_MS[match[2] ?? 'ms'] ?? 1));
}

/** A duration for people: `250ms`, `5s`, `1.5s`, `2m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000 || ms % 100 !== 0) return `${ms}ms`;
  if (ms < 60_000 || ms % 6000 !== 0) return `${ms / 1000}s`;
  return `${ms / 60_000}m`;
}
