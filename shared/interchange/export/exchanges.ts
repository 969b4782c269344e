/**
 * A connection seen as a server would replay it: the pushes it sent before the client said
 * anything, then each client message with the server messages that followed it (until the next
 * client message), then the server's Close if the server ended it. Every exporter that answers or
 * expects server messages (k6 checks, the Playwright mock, the mock definition) reads this.
 */
import type { ConversationClose, ConversationConnection, ConversationMessage } from '../conversation.js';

/** A server message and how long after the previous event of its exchange it was sent. */
export interface TimedReply {
  readonly message: ConversationMessage;
  /** ms after the request (or the previous reply; for pushes on connect, the previous push). */
  readonly gapMs: number;
}

/** A client message and the server messages that followed it. */
export interface Exchange {
  readonly request: ConversationMessage;
  readonly replies: readonly TimedReply[];
}

/** The server's side of a connection, in replay order. */
export interface ServerScript {
  /** Server messages before the first client message (the first one's gap is 0: the open time is not recorded). */
  readonly opening: readonly TimedReply[];
  readonly exchanges: readonly Exchange[];
  /** The server's Close when the server ended the connection, else null. */
  readonly serverClose: ConversationClose | null;
  /** ms from the last server message (or the last client message) to the server's Close. */
  readonly closeGapMs: number;
}

/** Splits a connection into its server script. */
export function serverScript(connection: ConversationConnection): ServerScript {
  const opening: TimedReply[] = [];
  const exchanges: { request: ConversationMessage; replies: TimedReply[] }[] = [];
  let previous: number | null = null;
  for (const message of connection.messages) {
    if (message.from === 'client') {
      exchanges.push({ request: message, replies: [] });
    } else {
      const reply = { message, gapMs: previous === null ? 0 : gap(previous, message.t) };
      (exchanges.at(-1)?.replies ?? opening).push(reply);
    }
    previous = message.t;
  }
  const close = connection.close;
  const serverClose = close !== null && close.initiator === 'server' ? close : null;
  const closeGapMs = serverClose === null || previous === null ? 0 : gap(previous, serverClose.t);
  return { opening, exchanges, serverClose, closeGapMs };
}

/** The payload as bytes' stand-in for output: `{text}` or `{base64}` (a text that was not UTF-8 stays base64). */
export function payloadOf(message: ConversationMessage): { text: string } | { base64: string } {
  return message.text !== undefined ? { text: message.text } : { base64: message.base64 ?? '' };
}

/** Whether two messages carry the same opcode and payload. */
export function samePayload(a: ConversationMessage, b: ConversationMessage): boolean {
  return a.opcode === b.opcode && a.text === b.text && (a.text !== undefined || a.base64 === b.base64);
}

function gap(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) * 1000) / 1000);
}
