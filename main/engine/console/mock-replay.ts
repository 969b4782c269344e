/**
 * A replay server's options from the mock panel (`mock.start`'s `replay`), checked as
 * `wstap serve --replay FILE` checks its flags (main/cli/serve/replay-plan.ts), into what the
 * engine's replay source takes.
 */
import type { MockReplayOptions } from '../../../shared/ipc/mock-commands.js';
import { parseIgnorePath } from '../../../shared/replay/ignore-paths.js';
import type { JsonPath } from '../mock/definition.js';
import { parseJsonPath } from '../mock/json-path.js';
import { DEFAULT_REPLAY_WINDOW } from '../replay-server/replay-behaviour.js';
import type { ReplaySourceOptions } from '../replay-server/replay-source.js';
import { EngineError } from '../errors.js';

/** The replay source's options for `file`; throws EngineError INVALID_OPTION naming the field. */
export function replaySourceOptions(file: string, options: MockReplayOptions = {}): ReplaySourceOptions {
  return {
    file,
    speed: options.speed ?? 1,
    correlate: (options.correlate ?? []).map((source, i) => correlatePath(source, i)),
    ignore: (options.ignore ?? []).map((source, i) => {
      const path = parseIgnorePath(source);
      if ('error' in path)
        throw new EngineError('INVALID_OPTION', `input.replay.ignore[${i}]: ${path.error}`);
      return path;
    }),
    onMismatch: options.onMismatch ?? 'warn',
    window: options.window ?? DEFAULT_REPLAY_WINDOW,
    connections:
      options.connections === undefined || options.connections.length === 0 ? null : options.connections,
  };
}

/** A correlate path names one field (a value is written there): no wildcards, not the whole message. */
function correlatePath(source: string, i: number): JsonPath {
  const path = parseJsonPath(source);
  const where = `input.replay.correlate[${i}]`;
  if ('error' in path) throw new EngineError('INVALID_OPTION', `${where}: ${path.error}`);
  if (path.steps.length === 0)
    throw new EngineError(
      'INVALID_OPTION',
      `${where}: ${source} names the whole message: name a field, e.g. $.id`,
    );
  return path;
}
