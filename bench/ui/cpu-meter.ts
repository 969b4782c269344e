import { readdirSync, readFileSync } from 'node:fs';
import { CLOCK_TICKS_PER_SECOND, parseCpuTicks } from '../serve/proc.js';

/**
 * CPU of the processes that share the machine during a bench/ui step, from /proc: the `wstap ui`
 * engine, Chromium's renderer (the page), the rest of Chromium (browser, GPU and utility
 * processes), and this bench process (the producer and Playwright). On 2 cores they compete, so a
 * step's numbers only make sense next to where the CPU went.
 */

/** Who a CPU share belongs to. */
export type CpuGroup = 'wstap' | 'renderer' | 'chromium' | 'bench';

/** CPU seconds by group at one moment, with the wall time it was read at. */
export interface CpuSnapshot {
  readonly at: number;
  readonly seconds: Readonly<Record<CpuGroup, number>>;
}

/** CPU use over a window, in % of one core. */
export type CpuShare = Readonly<Record<CpuGroup, number>>;

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
};

/** Parent pid from the text of /proc/<pid>/stat (field 4). */
function parentOf(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Reads the CPU time of `wstapPid`, this process, and every Chromium process below this one. */
export function cpuSnapshot(wstapPid: number): CpuSnapshot {
  const stats = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (stat !== null) stats.set(Number(name), stat);
  }
  const below = (pid: number): boolean => {
    for (let at = pid, hops = 0; at > 1 && hops < 32; hops++) {
      const stat = stats.get(at);
      if (stat === undefined) return false;
      at = parentOf(stat);
      if (at === process.pid) return true;
    }
    return false;
  };
  const seconds: Record<CpuGroup, number> = { wstap: 0, renderer: 0, chromium: 0, bench: 0 };
  for (const [pid, stat] of stats) {
    const cpu = parseCpuTicks(stat) / CLOCK_TICKS_PER_SECOND;
    if (pid === wstapPid) seconds.wstap += cpu;
    else if (pid === process.pid) seconds.bench += cpu;
    else if (below(pid) && stat.includes('(chromium')) {
      const renderer = (read(`/proc/${pid}/cmdline`) ?? '').includes('--type=renderer');
      seconds[renderer ? 'renderer' : 'chromium'] += cpu;
    }
  }
  return { at: performance.now(), seconds };
}

/** % of one core each group used between two snapshots. */
export function cpuShare(from: CpuSnapshot, to: CpuSnapshot): CpuShare {
  const wall = Math.max(1e-3, (to.at - from.at) / 1000);
  const pct = (group: CpuGroup): number => (100 * (to.seconds[group] - from.seconds[group])) / wall;
  return { wstap: pct('wstap'), renderer: pct('renderer'), chromium: pct('chromium'), bench: pct('bench') };
}
