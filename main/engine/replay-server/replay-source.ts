import { basename } from 'node:path';
import type { IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { EngineError } from '../errors.js';
import { loadConversation } from '../interchange/load-conversation.js';
import type { JsonPath } from '../mock/definition.js';
import type { Loaded } from '../server/behaviour-source.js';
import { createReplayBehaviour } from './replay-behaviour.js';
import { selectConnections } from './select-connections.js';

/** What serving a recording takes (`wstap serve --replay FILE` and its options, the console's mock panel). */
export interface ReplaySourceOptions {
  readonly file: string;
  /** Recorded gaps are divided by this; 0: no waiting. */
  readonly speed: number;
  readonly correlate: readonly JsonPath[];
  readonly ignore: readonly IgnorePath[];
  readonly onMismatch: 'warn' | 'close';
  readonly window: number;
  /** Recorded connection ids to serve, in order; null: all. */
  readonly connections: readonly number[] | null;
}

/** The replay behaviour `wstap serve --replay FILE` runs: the file's connections as scripts. */
export async function loadReplay(mode: ReplaySourceOptions): Promise<Loaded> {
  try {
    const conversation = await loadConversation(mode.file);
    const { connections, warnings } = selectConnections(conversation, mode.connections);
    const count = `${connections.length} connection${connections.length === 1 ? '' : 's'}`;
    const behaviour = createReplayBehaviour(connections, {
      speed: mode.speed,
      window: mode.window,
      onMismatch: mode.onMismatch,
      correlate: mode.correlate,
      ignore: mode.ignore,
      name: `replay ${basename(mode.file)}, ${count}${mode.speed === 1 ? '' : mode.speed === 0 ? ', no delays' : `, speed ×${mode.speed}`}`,
    });
    // What reading the file noticed (an importer's notes) comes first, then what is not served.
    return {
      ok: true,
      behaviour,
      files: [mode.file],
      warnings: [...(conversation.warnings ?? []), ...warnings],
    };
  } catch (error) {
    if (error instanceof EngineError) return { ok: false, errors: [error.message], files: [mode.file] };
    throw error;
  }
}
