/**
 * `wstap run` and `wstap test` flags checked into plans. Every mistake is a UserError saying what
 * to write.
 */
import { parseDuration } from '../../engine/mock/duration.js';
import { UserError } from '../errors.js';
import { outputPlanFrom, type OutputFlags, type OutputPlan } from '../output/output-plan.js';

/** Flags both commands take. */
export interface ScriptFlags extends OutputFlags {
  readonly timeout?: string;
  readonly expectTimeout?: string;
  readonly quiet?: boolean;
  readonly record?: string;
}

/** `wstap test` flags. */
export interface TestFlags extends ScriptFlags {
  readonly jobs?: string;
  readonly junit?: string;
  /** Print every script's session lines too (default: only failures' logs and the summary). */
  readonly verbose?: boolean;
}

export interface RunPlan {
  readonly timeout: number;
  readonly expectTimeout: number;
  readonly quiet: boolean;
  readonly record: string | null;
  readonly output: OutputPlan;
}

export interface TestPlan extends RunPlan {
  readonly patterns: readonly string[];
  readonly jobs: number;
  readonly junit: string | null;
  readonly verbose: boolean;
}

export function planRun(flags: ScriptFlags): RunPlan {
  return {
    timeout: duration('--timeout', flags.timeout ?? '60s'),
    expectTimeout: duration('--expect-timeout', flags.expectTimeout ?? '5s'),
    quiet: flags.quiet === true,
    record: flags.record ?? null,
    output: outputPlanFrom(flags),
  };
}

export function planTest(patterns: readonly string[], flags: TestFlags): TestPlan {
  if (patterns.length === 0)
    throw new UserError(
      "wstap test needs scripts: a file, a folder or a pattern such as 'scripts/**/*.ws.ts'",
    );
  const jobs = Number(flags.jobs ?? '4');
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
    throw new UserError(`--jobs takes a whole number from 1 to 64, got '${flags.jobs}'`);
  return { ...planRun(flags), patterns, jobs, junit: flags.junit ?? null, verbose: flags.verbose === true };
}

function duration(option: string, value: string): number {
  const ms = parseDuration(value);
  if (typeof ms !== 'number') throw new UserError(`${option}: ${ms.error}`);
  if (ms <= 0) throw new UserError(`${option} must be above 0 (e.g. 30s)`);
  return ms;
}
