// Test support: conversations written by hand, for the replay server's tests.
import type {
  ConversationClose,
  ConversationConnection,
  ConversationMessage,
  Side,
} from '../../../shared/interchange/conversation.js';

/** A text message of `from` at `t` ms. */
export function said(from: Side, t: number, text: string): ConversationMessage {
  return { from, t, opcode: 'text', text };
}

/** A recorded connection with these messages (opened at 5 ms). */
export function recordedConnection(
  messages: readonly ConversationMessage[],
  extra: Partial<ConversationConnection> & { close?: ConversationClose | null } = {},
): ConversationConnection {
  return {
    id: 1,
    url: 'ws://127.0.0.1:9000/api',
    startedAt: 1_800_000_000_000,
    requestHeaders: [],
    status: 101,
    responseHeaders: [],
    subprotocol: null,
    extensions: null,
    opened: 5,
    messages,
    close: null,
    duration: null,
    ...extra,
  };
}
