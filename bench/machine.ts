import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';

/** The machine a bench ran on, as its result file records it. */
export interface Machine {
  readonly node: string;
  readonly cpu: {
    readonly model: string | null;
    readonly cores: number;
    readonly loadAtStart: readonly number[];
  };
}

/** This machine now (the load average at the bench's start says how shared it was). */
export function machine(): Machine {
  return {
    node: process.version,
    cpu: { model: cpus()[0]?.model ?? null, cores: cpus().length, loadAtStart: loadavg() },
  };
}

/** `node v20.20.2, 2 × AMD EPYC, load 0.43 0.40 0.79`: a bench's first line. */
export function describeMachine({ node, cpu }: Machine): string {
  return `node ${node}, ${cpu.cores} × ${cpu.model ?? 'unknown CPU'}, load ${cpu.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`;
}

/** Writes a bench's result file (bench/results/<name>.json by convention): name, date, machine, then `fields`. Returns its path. */
export function writeResult(
  path: string,
  bench: string,
  on: Machine,
  fields: Readonly<Record<string, unknown>>,
): string {
  const out = resolve(path);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify({ bench, date: new Date().toISOString(), ...on, ...fields }, null, 2) + '\n',
  );
  return out;
}
