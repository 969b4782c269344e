import { readFileSync } from 'node:fs';

/**
 * What Linux's /proc says about a process: its CPU time, its resident memory, and how many files
 * it may open. The parsers are pure (tested on sample text); the readers throw when the process is
 * gone or /proc is missing (the bench runs on Linux only).
 */

/** Clock ticks per second of /proc/<pid>/stat's times: USER_HZ, 100 on every Linux ABI Node runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime, in clock ticks, from the text of /proc/<pid>/stat. */
export function parseCpuTicks(stat: string): number {
  // Field 2, the command name, is in parentheses and may hold spaces or ')': cut after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error(`cannot read the CPU times of ${JSON.stringify(stat.slice(0, 80))}`);
  return utime + stime;
}

/** VmRSS in KiB from the text of /proc/<pid>/status. */
export function parseVmRssKiB(status: string): number {
  const found = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!found) throw new Error('no VmRSS line in /proc/<pid>/status (is the process a zombie?)');
  return Number(found[1]);
}

/** The soft and hard limits on open files from the text of /proc/<pid>/limits (Infinity: unlimited). */
export function parseOpenFilesLimit(limits: string): { soft: number; hard: number } {
  const found = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  if (!found) throw new Error('no "Max open files" line in /proc/self/limits');
  const value = (text: string): number => (text === 'unlimited' ? Infinity : Number(text));
  return { soft: value(found[1] as string), hard: value(found[2] as string) };
}

/** CPU seconds (user + system) `pid` has used so far. */
export function cpuSeconds(pid: number): number {
  return parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) / CLOCK_TICKS_PER_SECOND;
}

/** The resident set size of `pid` now, in KiB. */
export function rssKiB(pid: number): number {
  return parseVmRssKiB(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** This process's limit on open files; children inherit it. */
export function openFilesLimit(): { soft: number; hard: number } {
  return parseOpenFilesLimit(readFileSync('/proc/self/limits', 'utf8'));
}
