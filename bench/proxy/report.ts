import type { ProxyContestant, ProxyId } from './contestants.js';
import { median, pairedRatios, spread, type Spread } from '../stats.js';
import { table } from '../table.js';

/**
 * The goals for `wstap proxy` with full inspection and recording: ≥ 0.9× the plain TCP
 * relay's msgs/s at 64 B and 1 KiB, ≥ 0.7× at 64 KiB; ≥ 40× mitmdump's at every size.
 */
export const GOAL_VS_TCP_RELAY = { small: 0.9, large: 0.7 } as const;
export const GOAL_VS_MITMDUMP = 40;

/** The goal against the TCP relay at `size` bytes: small up to 1 KiB, large from 64 KiB, none between (the issue sets none). */
export function goalVsTcpRelay(size: number): number | null {
  if (size <= 1024) return GOAL_VS_TCP_RELAY.small;
  return size >= 64 * 1024 ? GOAL_VS_TCP_RELAY.large : null;
}

/** Messages a load connection keeps in flight: `max`, fewer for big messages (at most `budget` bytes in flight), at least 1. */
export function windowFor(size: number, max: number, budget = 256 * 1024): number {
  return Math.max(1, Math.min(max, Math.floor(budget / size)));
}

/** One contestant's timed runs at one message size, in run order. */
export interface ProxySample {
  readonly contestant: ProxyContestant;
  /** Echoes per second, per run. */
  readonly perSecond: number[];
  /** CPU seconds per second of the window (1 = one core busy): the relay's (none for direct), the echo server's, the load's. */
  readonly relayCpu: number[];
  readonly echoCpu: number[];
  readonly loadCpu: number[];
  /** The relay's RSS when the load ended (none for direct). */
  readonly relayRssEndKiB: number[];
  /** wstap: the recording's bytes per echo (both directions, the whole run: warm-up and drain too). */
  readonly recordedPerMessage: number[];
}

/** A ratio of medians and, when both ran the same runs back to back, the run-by-run ratios. */
export interface Ratio {
  readonly ratio: number;
  readonly paired: Spread | null;
}

/** A goal of wstap's at one size. */
export interface Goal {
  readonly against: Extract<ProxyId, 'tcp-relay' | 'mitmdump'>;
  readonly atLeast: number;
  readonly ratio: number;
  readonly met: boolean;
}

/** One contestant's result at one size. */
export interface ProxyRow {
  readonly id: ProxyId;
  readonly label: string;
  readonly perSecond: Spread;
  readonly samples: readonly number[];
  /** Message payload per second, each way (1 MB = 10^6 B). */
  readonly megabytesPerSecond: number;
  readonly vsDirect: Ratio | null;
  readonly vsTcpRelay: Ratio | null;
  readonly vsMitmdump: Ratio | null;
  readonly relayCpu: number | null;
  /** The relay's CPU time per echo (one message each way), µs: its cost, saturated or not. */
  readonly relayCpuPerMessageUs: number | null;
  readonly echoCpu: number;
  readonly loadCpu: number;
  readonly relayRssEndMiB: number | null;
  readonly recordedPerMessage: number | null;
  /** wstap's goals (none for the others, or where the issue sets none or the baseline did not run). */
  readonly goals: readonly Goal[];
}

const medianOrNull = (values: readonly number[]): number | null =>
  values.length === 0 ? null : median(values);

function ratio(values: readonly number[], base: ProxySample | undefined): Ratio | null {
  if (base === undefined) return null;
  return {
    ratio: median(values) / median(base.perSecond),
    paired: values.length === base.perSecond.length ? pairedRatios(values, base.perSecond) : null,
  };
}

/** Rows for one message size of `size` bytes: ratios to direct, the TCP relay and mitmdump where they ran. */
export function summarizeProxy(samples: readonly ProxySample[], size: number): ProxyRow[] {
  const of = (id: ProxyId): ProxySample | undefined => samples.find((s) => s.contestant.id === id);
  return samples.map((s) => {
    const vsTcpRelay = s.contestant.id === 'tcp-relay' ? null : ratio(s.perSecond, of('tcp-relay'));
    const vsMitmdump = s.contestant.id === 'mitmdump' ? null : ratio(s.perSecond, of('mitmdump'));
    const goals: Goal[] = [];
    const relayGoal = goalVsTcpRelay(size);
    if (s.contestant.id === 'wstap' && vsTcpRelay !== null && relayGoal !== null)
      goals.push({
        against: 'tcp-relay',
        atLeast: relayGoal,
        ratio: vsTcpRelay.ratio,
        met: vsTcpRelay.ratio >= relayGoal,
      });
    if (s.contestant.id === 'wstap' && vsMitmdump !== null)
      goals.push({
        against: 'mitmdump',
        atLeast: GOAL_VS_MITMDUMP,
        ratio: vsMitmdump.ratio,
        met: vsMitmdump.ratio >= GOAL_VS_MITMDUMP,
      });
    const rss = medianOrNull(s.relayRssEndKiB);
    return {
      id: s.contestant.id,
      label: s.contestant.label,
      perSecond: spread(s.perSecond),
      samples: s.perSecond.map(Math.round),
      megabytesPerSecond: (median(s.perSecond) * size) / 1e6,
      vsDirect: s.contestant.id === 'direct' ? null : ratio(s.perSecond, of('direct')),
      vsTcpRelay,
      vsMitmdump,
      relayCpu: medianOrNull(s.relayCpu),
      relayCpuPerMessageUs:
        s.relayCpu.length === 0
          ? null
          : median(s.relayCpu.map((cpu, i) => (cpu / (s.perSecond[i] as number)) * 1e6)),
      echoCpu: median(s.echoCpu),
      loadCpu: median(s.loadCpu),
      relayRssEndMiB: rss === null ? null : rss / 1024,
      recordedPerMessage: medianOrNull(s.recordedPerMessage),
      goals,
    };
  });
}

const thousands = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));
const times = (r: Ratio | null, digits = 2): string => (r === null ? '-' : `${r.ratio.toFixed(digits)}×`);
const runByRun = (r: Ratio | null, digits = 2): string =>
  r === null || r.paired === null ? '-' : `${r.paired.min.toFixed(digits)}–${r.paired.max.toFixed(digits)}`;
const percent = (cpu: number | null): string => (cpu === null ? '-' : `${Math.round(cpu * 100)}%`);
/** Ratios to mitmdump can be in the hundreds: fewer digits. */
const mitmDigits = (r: Ratio | null): number => (r !== null && r.ratio >= 10 ? 0 : 2);

/** `≥ 0.9× tcp-relay: met` for each of a row's goals. */
export function describeGoals(goals: readonly Goal[]): string {
  return goals.map((g) => `≥ ${g.atLeast}× ${g.against}: ${g.met ? 'met' : 'MISSED'}`).join(', ');
}

/** The table of one message size, printable. */
export function formatProxy(title: string, rows: readonly ProxyRow[]): string[] {
  return table(
    [
      [title, 34],
      ['msgs/s', 9],
      ['min–max', 15],
      ['MB/s', 8],
      ['× direct', 10],
      ['× tcp-relay', 13],
      ['run by run', 12],
      ['× mitmdump', 12],
      ['run by run', 12],
      ['relay CPU', 11],
      ['µs/msg', 8],
      ['echo CPU', 10],
      ['relay RSS', 11],
      ['  goals', 0],
    ],
    rows.map((r) => [
      r.label,
      thousands(r.perSecond.median),
      `${thousands(r.perSecond.min)}–${thousands(r.perSecond.max)}`,
      r.megabytesPerSecond.toFixed(1),
      times(r.vsDirect),
      times(r.vsTcpRelay),
      runByRun(r.vsTcpRelay),
      times(r.vsMitmdump, mitmDigits(r.vsMitmdump)),
      runByRun(r.vsMitmdump, mitmDigits(r.vsMitmdump)),
      percent(r.relayCpu),
      r.relayCpuPerMessageUs === null ? '-' : r.relayCpuPerMessageUs.toFixed(1),
      percent(r.echoCpu),
      r.relayRssEndMiB === null ? '-' : `${r.relayRssEndMiB.toFixed(0)} MiB`,
      r.goals.length === 0 ? '' : `  ${describeGoals(r.goals)}`,
    ]),
  );
}
