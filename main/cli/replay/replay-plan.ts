/**
 * `wstap replay` flags checked into a plan: where to connect, how to pace and match, what to
 * ignore, where the live run is recorded. Every mistake is a UserError saying what to write.
 */
import { readFileSync } from 'node:fs';
import type { Header } from '../../../shared/model/events.js';
import type { IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { MATCH_MODES, type MatchMode } from '../../../shared/replay/message-matcher.js';
import { REPLAY_MODES, type ReplayMode } from '../../../shared/replay/replay-report.js';
import { parseDuration } from '../../engine/mock/duration.js';
import { parseConnectionIds, parseHeader, parseIgnorePaths } from '../connect/values.js';
import { UserError } from '../errors.js';

/** `wstap replay` flags as commander hands them over. */
export interface ReplayFlags {
  readonly target?: string;
  readonly mode?: string;
  readonly speed?: string;
  readonly match?: string;
  readonly ignore?: readonly string[];
  readonly timeout?: string;
  readonly tolerance?: string;
  readonly connection?: readonly string[];
  readonly header?: readonly string[];
  readonly ca?: string;
  readonly insecure?: boolean;
  /** A path, or false for --no-record. */
  readonly record?: string | false;
  readonly json?: boolean;
  readonly progress?: boolean;
  readonly color?: boolean;
}

/** Everything `wstap replay FILE` was asked for, checked. */
export interface ReplayPlan {
  readonly file: string;
  readonly target: string | null;
  readonly mode: ReplayMode;
  readonly speed: number;
  readonly match: MatchMode;
  readonly ignore: readonly IgnorePath[];
  readonly timeout: number;
  readonly tolerance: number | null;
  /** Recorded connection ids to replay; empty: all. */
  readonly connections: readonly number[];
  readonly headers: readonly Header[];
  /** A CA file (PEM) to trust for wss, checked readable. */
  readonly caFile: string | undefined;
  readonly insecure: boolean;
  /** Where the live run is recorded, or null. */
  readonly record: string | null;
  readonly json: boolean;
  readonly progress: boolean;
  readonly noColor: boolean;
}

/** Checks the flags; throws UserError with what to do. */
export function planReplay(file: string, flags: ReplayFlags): ReplayPlan {
  return {
    file,
    target: flags.target ?? null,
    mode: oneOf('--mode', flags.mode ?? 'lockstep', REPLAY_MODES),
    speed: parseSpeed(flags.speed ?? '1'),
    match: oneOf('--match', flags.match ?? 'json', MATCH_MODES),
    ignore: parseIgnorePaths(flags.ignore),
    timeout: duration('--timeout', flags.timeout ?? '5s'),
    tolerance: flags.tolerance === 'off' ? null : duration('--tolerance', flags.tolerance ?? '1s'),
    connections: parseConnectionIds(flags.connection ?? []),
    headers: (flags.header ?? []).map(parseHeader),
    caFile: flags.ca === undefined ? undefined : readable(flags.ca),
    insecure: flags.insecure === true,
    record: flags.record === false ? null : (flags.record ?? defaultRecordPath(file)),
    json: flags.json === true,
    progress: flags.progress !== false,
    noColor: flags.color === false,
  };
}

/** `session.jsonl` → `session.replay.jsonl`, `chrome.har` → `chrome.replay.jsonl`, next to the input. */
export function defaultRecordPath(file: string): string {
  return `${file.replace(/(\.replay)?\.(jsonl|har|json|flows?|mitm)$/i, '')}.replay.jsonl`;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`${option} takes one of ${allowed.join(', ')}, got '${value}'`);
}

function parseSpeed(value: string): number {
  const n = Number(value.replace(/x$/i, ''));
  if (!Number.isFinite(n) || n <= 0)
    throw new UserError(`--speed takes a factor > 0 (2 = twice as fast, 0.5 = half), got '${value}'`);
  return n;
}

function duration(option: string, value: string): number {
  const ms = parseDuration(value);
  if (typeof ms !== 'number') throw new UserError(`${option}: ${ms.error}`);
  return ms;
}

function readable(path: string): string {
  try {
    readFileSync(path);
    return path;
  } catch (error) {
    throw new UserError(
      `--ca: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
