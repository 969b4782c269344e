/** Hand-written conversations for the exporters' unit tests (the integration tests record real ones). */
import type {
  Conversation,
  ConversationClose,
  ConversationConnection,
  ConversationMessage,
} from '../conversation.js';

/** `['c', 12, 'hello']` (client text at 12 ms), `['s', 13, { base64: 'AQI=' }]` (server binary). */
export type Said = readonly ['c' | 's', number, string | { readonly base64: string }];

/** A message from the short form. */
export function said([who, t, payload]: Said): ConversationMessage {
  const from = who === 'c' ? 'client' : 'server';
  return typeof payload === 'string'
    ? { from, t, opcode: 'text', text: payload }
    : { from, t, opcode: 'binary', base64: payload.base64 };
}

/** A connection with these messages; `close` as recorded (null: none). */
export function connection(
  id: number,
  url: string,
  messages: readonly Said[],
  close: Partial<ConversationClose> | null = null,
): ConversationConnection {
  const last = messages.at(-1)?.[1] ?? 0;
  return {
    id,
    url,
    startedAt: 1_800_000_000_000 + id * 1000,
    requestHeaders: [],
    status: 101,
    responseHeaders: [],
    subprotocol: null,
    extensions: null,
    messages: messages.map(said),
    close:
      close === null
        ? null
        : { initiator: 'server', code: 1000, reason: '', replyCode: 1000, t: last + 1, ...close },
    duration: last + 2,
  };
}

/** A conversation of these connections. */
export function conversation(...connections: ConversationConnection[]): Conversation {
  return { source: 'wstap-recording', connections };
}
