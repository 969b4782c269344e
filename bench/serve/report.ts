import type { ServerContestant } from './contestants.js';
import { median, pairedRatios, spread, type Spread } from '../stats.js';
import { table } from '../table.js';

/** The goal: `wstap serve --echo` as a user runs it echoes ≥ 0.8× the messages/s of a bare ws echo server. */
export const GOAL_VS_BARE = 0.8;

/** One contestant's timed throughput runs at one message size, in run order. */
export interface ThroughputSample {
  readonly server: ServerContestant;
  /** Echoes per second, per run. */
  readonly perSecond: number[];
  /** The server's CPU seconds per second of the window, per run (1 = one core busy). */
  readonly serverCpu: number[];
  readonly loadCpu: number[];
  /** Bytes the server printed per echoed message, per run. */
  readonly printedPerMessage: number[];
  /** The share of its output the server printed only after the load ended, per run. */
  readonly printedLate: number[];
  /** The server's RSS when the load ended, per run. */
  readonly rssEndKiB: number[];
}

/** One contestant's result at one size. */
export interface ThroughputRow {
  readonly id: string;
  readonly label: string;
  readonly perSecond: Spread;
  readonly samples: readonly number[];
  /** Median ÷ the baseline's median (> 1: faster). */
  readonly vsBare: number;
  /** The same ratio run by run (they ran back to back). */
  readonly pairedVsBare: Spread;
  readonly serverCpu: number;
  /** The server's CPU time per echoed message, µs (median over runs): its cost, saturated or not. */
  readonly cpuPerMessageUs: number;
  readonly loadCpu: number;
  readonly printedPerMessage: number;
  readonly printedLate: number;
  readonly rssEndMiB: number;
  readonly goal: number | null;
  readonly goalMet: boolean | null;
}

const baseline = <T extends { readonly server: ServerContestant }>(samples: readonly T[]): T => {
  const base = samples.find((s) => s.server.id === 'bare');
  if (base === undefined) throw new Error('the bare ws server, the baseline, is not in the race');
  return base;
};

/** Rows for one message size; the bare ws server's sample is the baseline. */
export function summarizeThroughput(samples: readonly ThroughputSample[]): ThroughputRow[] {
  const base = baseline(samples);
  return samples.map((s) => {
    const vsBare = median(s.perSecond) / median(base.perSecond);
    const goal = s.server.id === 'wstap' ? GOAL_VS_BARE : null;
    return {
      id: s.server.id,
      label: s.server.label,
      perSecond: spread(s.perSecond),
      samples: s.perSecond.map(Math.round),
      vsBare,
      pairedVsBare: pairedRatios(s.perSecond, base.perSecond),
      serverCpu: median(s.serverCpu),
      cpuPerMessageUs: median(s.serverCpu.map((cpu, i) => (cpu / (s.perSecond[i] as number)) * 1e6)),
      loadCpu: median(s.loadCpu),
      printedPerMessage: median(s.printedPerMessage),
      printedLate: median(s.printedLate),
      rssEndMiB: median(s.rssEndKiB) / 1024,
      goal,
      goalMet: goal === null ? null : vsBare >= goal,
    };
  });
}

/** One contestant's memory runs: the server's RSS before and after the idle clients connected. */
export interface MemorySample {
  readonly server: ServerContestant;
  readonly beforeKiB: number[];
  readonly afterKiB: number[];
}

export interface MemoryRow {
  readonly id: string;
  readonly label: string;
  readonly beforeMiB: number;
  readonly afterMiB: number;
  /** (after − before) ÷ clients, KiB, over the runs. */
  readonly perClientKiB: Spread;
  readonly vsBare: number;
  readonly pairedVsBare: Spread;
}

/** Rows of the memory race with `clients` idle clients; the bare ws server is the baseline. */
export function summarizeMemory(samples: readonly MemorySample[], clients: number): MemoryRow[] {
  const perClient = (s: MemorySample): number[] =>
    s.afterKiB.map((after, i) => (after - (s.beforeKiB[i] as number)) / clients);
  const base = perClient(baseline(samples));
  return samples.map((s) => ({
    id: s.server.id,
    label: s.server.label,
    beforeMiB: median(s.beforeKiB) / 1024,
    afterMiB: median(s.afterKiB) / 1024,
    perClientKiB: spread(perClient(s)),
    vsBare: median(perClient(s)) / median(base),
    pairedVsBare: pairedRatios(perClient(s), base),
  }));
}

const thousands = (n: number): string => `${(n / 1000).toFixed(1)}k`;
const range = (s: Spread, digits: number, unit = (n: number): string => n.toFixed(digits)): string =>
  `${unit(s.min)}–${unit(s.max)}`;

/** The throughput table of one message size, printable. */
export function formatThroughput(title: string, rows: readonly ThroughputRow[]): string[] {
  return table(
    [
      [title, 30],
      ['msgs/s', 10],
      ['min–max', 16],
      ['× bare', 8],
      ['run by run', 13],
      ['server CPU', 12],
      ['CPU µs/msg', 12],
      ['printed B/msg', 15],
      ['late', 6],
      ['RSS end', 10],
      ['  goal', 0],
    ],
    rows.map((r) => [
      r.label,
      thousands(r.perSecond.median),
      range(r.perSecond, 0, thousands),
      `${r.vsBare.toFixed(2)}×`,
      range(r.pairedVsBare, 2),
      `${Math.round(r.serverCpu * 100)}%`,
      r.cpuPerMessageUs.toFixed(1),
      r.printedPerMessage.toFixed(0),
      r.printedPerMessage < 1 ? '-' : `${Math.round(r.printedLate * 100)}%`,
      `${r.rssEndMiB.toFixed(0)} MiB`,
      r.goal === null ? '' : `  ≥ ${r.goal.toFixed(1)}×: ${r.goalMet ? 'met' : 'MISSED'}`,
    ]),
  );
}

/** The memory table, printable. */
export function formatMemory(title: string, rows: readonly MemoryRow[]): string[] {
  return table(
    [
      [title, 30],
      ['RSS before', 12],
      ['after', 10],
      ['KiB/client', 12],
      ['min–max', 14],
      ['× bare', 8],
      ['run by run', 13],
    ],
    rows.map((r) => [
      r.label,
      `${r.beforeMiB.toFixed(1)} MiB`,
      `${r.afterMiB.toFixed(1)} MiB`,
      r.perClientKiB.median.toFixed(1),
      range(r.perClientKiB, 1),
      `${r.vsBare.toFixed(2)}×`,
      range(r.pairedVsBare, 2),
    ]),
  );
}
