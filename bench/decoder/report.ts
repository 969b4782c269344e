import type { Contestant } from './contestants.js';
import type { Corpus } from './corpus.js';
import { median } from '../stats.js';

/** The timed runs of one contestant, in run order. */
export interface Sample {
  readonly contestant: Contestant;
  readonly ms: number[];
}

/** One contestant's result: medians, throughput and its speed relative to ws in the same run. */
export interface Row {
  readonly id: string;
  readonly label: string;
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
  readonly framesPerSec: number;
  readonly mbPerSec: number;
  /** ws's median time over this contestant's median time (> 1: faster than ws). */
  readonly vsWs: number;
  /** The same ratio run by run (both measured back to back), to show how noisy the machine was. */
  readonly pairedVsWs: { readonly median: number; readonly min: number; readonly max: number };
  readonly goal: number | null;
  readonly goalMet: boolean | null;
}

/** Rows for every sample; the first sample is the baseline. */
export function summarize(samples: readonly Sample[], corpus: Corpus): Row[] {
  const base = samples[0];
  if (base === undefined) return [];
  const baseMedian = median(base.ms);
  return samples.map(({ contestant, ms }) => {
    const medianMs = median(ms);
    const paired = ms.map((t, i) => (base.ms[i] as number) / t);
    const vsWs = baseMedian / medianMs;
    return {
      id: contestant.id,
      label: contestant.label,
      medianMs,
      samplesMs: ms.map((t) => Math.round(t * 10) / 10),
      framesPerSec: corpus.stats.frames / (medianMs / 1000),
      mbPerSec: corpus.stats.bytes / 1e6 / (medianMs / 1000),
      vsWs,
      pairedVsWs: { median: median(paired), min: Math.min(...paired), max: Math.max(...paired) },
      goal: contestant.goal,
      goalMet: contestant.goal === null ? null : vsWs >= contestant.goal,
    };
  });
}

const num = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The result table and the goal lines, printable. */
export function formatResults(rows: readonly Row[]): string[] {
  const head = [
    'decoder'.padEnd(30),
    'median ms'.padStart(10),
    'frames/s'.padStart(12),
    'MB/s'.padStart(8),
    '× ws'.padStart(7),
    'run by run × ws'.padStart(17),
    '  goal',
  ].join('');
  const lines = [head, '-'.repeat(head.length)];
  for (const r of rows) {
    const goal = r.goal === null ? '' : `  ≥ ${r.goal}×: ${r.goalMet ? 'met' : 'MISSED'}`;
    lines.push(
      [
        r.label.padEnd(30),
        num(r.medianMs).padStart(10),
        num(r.framesPerSec).padStart(12),
        num(r.mbPerSec, 1).padStart(8),
        `${r.vsWs.toFixed(2)}×`.padStart(7),
        `${r.pairedVsWs.min.toFixed(2)}–${r.pairedVsWs.max.toFixed(2)}`.padStart(17),
        goal,
      ].join(''),
    );
  }
  lines.push(
    '',
    'ratios are ws median time / contestant median time, in this process on this corpus; not comparable across machines',
  );
  return lines;
}
