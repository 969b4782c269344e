import type { Client } from './clients.js';
import { median, pairedRatios, type Spread } from '../stats.js';

/** wstap's goal in both races: no slower than wscat (median time ÷ wscat's median time). */
export const GOAL_VS_WSCAT = 1.0;

/** The timed runs of one client in one race, in run order. */
export interface Sample {
  readonly client: Client;
  readonly ms: number[];
  /** Connect race only: spawn → the server completed the upgrade, per run. */
  readonly openMs: number[];
}

/** One client's result in one race. */
export interface Row {
  readonly id: string;
  readonly label: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
  /** Connect race: median spawn → upgrade completed (start-up and handshake); null in the version race. */
  readonly medianOpenMs: number | null;
  /** This client's median ÷ wscat's median (< 1: faster than wscat). */
  readonly vsWscat: number;
  /** The same ratio run by run (the two ran back to back), to show how noisy the machine was. */
  readonly pairedVsWscat: Spread;
  readonly goal: number | null;
  readonly goalMet: boolean | null;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Rows for one race; wscat's sample is the baseline. */
export function summarize(samples: readonly Sample[]): Row[] {
  const base = samples.find((s) => s.client.id === 'wscat');
  if (base === undefined) throw new Error('wscat, the baseline, is not in the race');
  const baseMedian = median(base.ms);
  return samples.map(({ client, ms, openMs }) => {
    const vsWscat = median(ms) / baseMedian;
    const goal = client.id === 'wstap' ? GOAL_VS_WSCAT : null;
    return {
      id: client.id,
      label: client.label,
      medianMs: round(median(ms)),
      minMs: round(Math.min(...ms)),
      maxMs: round(Math.max(...ms)),
      samplesMs: ms.map(round),
      medianOpenMs: openMs.length === 0 ? null : round(median(openMs)),
      vsWscat,
      pairedVsWscat: pairedRatios(ms, base.ms),
      goal,
      goalMet: goal === null ? null : vsWscat <= goal,
    };
  });
}

/** One race's table and goal line, printable. */
export function formatRace(title: string, rows: readonly Row[]): string[] {
  const withOpen = rows.some((r) => r.medianOpenMs !== null);
  const head = [
    title.padEnd(28),
    'median ms'.padStart(10),
    'min–max'.padStart(12),
    ...(withOpen ? ['→ open ms'.padStart(10)] : []),
    '× wscat'.padStart(9),
    'run by run'.padStart(13),
    '  goal',
  ].join('');
  const lines = [head, '-'.repeat(head.length)];
  for (const r of rows) {
    const goal = r.goal === null ? '' : `  ≤ ${r.goal.toFixed(1)}×: ${r.goalMet ? 'met' : 'MISSED'}`;
    lines.push(
      [
        r.label.padEnd(28),
        r.medianMs.toFixed(1).padStart(10),
        `${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)}`.padStart(12),
        ...(withOpen ? [(r.medianOpenMs === null ? '' : r.medianOpenMs.toFixed(1)).padStart(10)] : []),
        `${r.vsWscat.toFixed(2)}×`.padStart(9),
        `${r.pairedVsWscat.min.toFixed(2)}–${r.pairedVsWscat.max.toFixed(2)}`.padStart(13),
        goal,
      ].join(''),
    );
  }
  return lines;
}
