import { basename } from 'node:path';
import { EngineError } from '../../engine/errors.js';
import { loadConversation } from '../../engine/interchange/load-conversation.js';
import { createReplayBehaviour } from '../../engine/replay-server/replay-behaviour.js';
import { selectConnections } from '../../engine/replay-server/select-connections.js';
import type { Loaded } from './behaviour-source.js';
import type { ReplayMode } from './replay-plan.js';

/** The replay behaviour `wstap serve --replay FILE` runs: the file's connections as scripts. */
export async function loadReplay(mode: ReplayMode): Promise<Loaded> {
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
