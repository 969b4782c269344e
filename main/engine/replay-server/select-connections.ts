/** The recorded connections a replay serves: the ones asked for (all by default) that opened. */
import type { Conversation, ConversationConnection } from '../../../shared/interchange/conversation.js';
import { EngineError } from '../errors.js';

/** The connections to serve, and what was left out and why. */
export interface Selected {
  readonly connections: readonly ConversationConnection[];
  readonly warnings: readonly string[];
}

/**
 * The connections `ids` names, in that order (all, in file order, when null).
 * Connections refused at the handshake never opened, so there is nothing to replay: left out
 * with a warning. Throws EngineError INVALID_OPTION for an id the file lacks, IMPORT_FAILED when
 * nothing is left to serve.
 */
export function selectConnections(conversation: Conversation, ids: readonly number[] | null): Selected {
  const all = conversation.connections;
  const known = all.map((c) => c.id).join(', ') || 'none';
  const chosen =
    ids === null
      ? all
      : ids.map((id) => {
          const found = all.find((c) => c.id === id);
          if (found === undefined)
            throw new EngineError(
              'INVALID_OPTION',
              `the file has no connection ${id} (its connections: ${known})`,
            );
          return found;
        });
  const warnings: string[] = [];
  const opened = chosen.filter((c) => {
    const refused = c.status !== null && c.status !== 101;
    if (refused) warnings.push(`connection ${c.id} (${c.url}) was refused with ${c.status}: not served`);
    return !refused;
  });
  if (opened.length === 0)
    throw new EngineError(
      'IMPORT_FAILED',
      all.length === 0
        ? 'the file holds no WebSocket connection to replay'
        : `none of the connections chosen (${chosen.map((c) => c.id).join(', ')}) opened: nothing to replay`,
    );
  return { connections: opened, warnings };
}
