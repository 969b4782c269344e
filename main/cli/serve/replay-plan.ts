import { resolve } from 'node:path';
import type { JsonPath } from '../../engine/mock/definition.js';
import { parseJsonPath } from '../../engine/mock/json-path.js';
import { DEFAULT_REPLAY_WINDOW } from '../../engine/replay-server/replay-behaviour.js';
import type { ReplaySourceOptions } from '../../engine/replay-server/replay-source.js';
import { parseConnectionIds, parseIgnorePaths, parseWhole } from '../connect/values.js';
import { UserError } from '../errors.js';

/** The `wstap serve --replay` flags as commander hands them over. */
export interface ReplayFlags {
  readonly replay?: string;
  readonly speed?: string;
  readonly correlate?: readonly string[];
  readonly ignore?: readonly string[];
  readonly onMismatch?: string;
  readonly window?: string;
  readonly connection?: readonly string[];
}

/** `wstap serve --replay FILE` with its options, checked. */
export interface ReplayMode extends ReplaySourceOptions {
  readonly kind: 'replay';
}

/** The replay mode the flags ask for; null without --replay (then its options are refused). */
export function planReplay(flags: ReplayFlags): ReplayMode | null {
  if (flags.replay === undefined) {
    const stray = (
      [
        ['--speed', flags.speed],
        ['--correlate', flags.correlate],
        ['--ignore', flags.ignore],
        ['--on-mismatch', flags.onMismatch],
        ['--window', flags.window],
        ['--connection', flags.connection],
      ] as const
    ).find(([, value]) => value !== undefined);
    if (stray) throw new UserError(`${stray[0]} goes with --replay FILE`);
    return null;
  }
  const onMismatch = flags.onMismatch ?? 'warn';
  if (onMismatch !== 'warn' && onMismatch !== 'close')
    throw new UserError(`--on-mismatch takes warn or close, got '${onMismatch}'`);
  return {
    kind: 'replay',
    file: resolve(flags.replay),
    speed: flags.speed === undefined ? 1 : parseSpeed(flags.speed),
    correlate: (flags.correlate ?? []).map(parseCorrelate),
    ignore: parseIgnorePaths(flags.ignore),
    onMismatch,
    window: flags.window === undefined ? DEFAULT_REPLAY_WINDOW : parseWhole('--window', flags.window, 1),
    connections: flags.connection === undefined ? null : parseConnectionIds(flags.connection),
  };
}

/** `--speed 2` (or `2x`: twice as fast), `0.5`, or `max`/`0` (no waiting). */
export function parseSpeed(value: string): number {
  if (value === 'max') return 0;
  const speed = Number(value.replace(/x$/i, ''));
  if (value.trim() === '' || !Number.isFinite(speed) || speed < 0)
    throw new UserError(
      `--speed takes a factor such as 2 (twice as fast) or 0.5 (half as fast), or max (no waiting), got '${value}'`,
    );
  return speed;
}

/** A --correlate path (`$.id`, `$.meta.requestId`): one field, no wildcards, since a value is written there. */
function parseCorrelate(value: string): JsonPath {
  const path = parseJsonPath(value);
  if ('error' in path) throw new UserError(`--correlate: ${path.error}`);
  if (path.steps.length === 0)
    throw new UserError(`--correlate ${value} names the whole message: name a field, e.g. $.id`);
  return path;
}
