/** Small helpers every bench shares: command-line numbers, medians and ratios. */

/** A `--name` value that must be a whole number ≥ 1; throws a RangeError naming the flag otherwise. */
export function positiveInt(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`--${name} must be a positive integer, got ${text}`);
  return n;
}

/** A `--name` value that is a comma-separated list of whole numbers ≥ 1 (`64,1024`). */
export function positiveInts(name: string, text: string | undefined): number[] {
  return (text ?? '')
    .split(',')
    .map((part) => positiveInt(name, part.trim() === '' ? undefined : part.trim()));
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >>> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median, smallest and largest of a non-empty list. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The spread of a non-empty list. */
export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Run-by-run ratios `values[i] / base[i]` (two contestants that ran back to back in run i) and
 * their spread: how noisy the machine was, which a ratio of medians hides.
 */
export function pairedRatios(values: readonly number[], base: readonly number[]): Spread {
  if (values.length !== base.length || values.length === 0)
    throw new RangeError(`cannot pair ${values.length} runs with ${base.length}`);
  return spread(values.map((v, i) => v / (base[i] as number)));
}
