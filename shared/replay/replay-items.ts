/**
 * A conversation as one timeline of things a replaying client does and expects, across all its
 * connections, in recorded order: open a connection, send a message, expect a server message,
 * close, expect the server's close. Replay modes differ only in what they wait for before each
 * action (replies, the clock, nothing).
 */
import type {
  ConversationClose,
  ConversationConnection,
  ConversationMessage,
} from '../interchange/conversation.js';

interface ItemBase {
  /** The recorded connection's id. */
  readonly conn: number;
  /** Recorded time: ms since the first replayed connection started. */
  readonly at: number;
}

/** Open the connection. */
export interface OpenItem extends ItemBase {
  readonly kind: 'open';
  readonly connection: ConversationConnection;
}

/** Send a client message; it starts step `step` (1 for the first message sent). */
export interface SendItem extends ItemBase {
  readonly kind: 'send';
  readonly message: ConversationMessage;
  readonly step: number;
}

/** A server message the recording has in step `step` (0: before the first client message). */
export interface ExpectItem extends ItemBase {
  readonly kind: 'expect';
  readonly message: ConversationMessage;
  readonly step: number;
  /** Recorded ms from the step's start (its send, or the open) to this message. */
  readonly latency: number;
}

/** The client closed here in the recording. */
export interface CloseItem extends ItemBase {
  readonly kind: 'close';
  readonly close: ConversationClose;
}

/** The server closed (or the connection dropped) here in the recording. */
export interface ExpectCloseItem extends ItemBase {
  readonly kind: 'expect-close';
  readonly close: ConversationClose;
}

/** One thing to do or expect. */
export type ReplayItem = OpenItem | SendItem | ExpectItem | CloseItem | ExpectCloseItem;

/** The timeline of the chosen connections, by recorded time (ties keep each connection's order). */
export function replayItems(connections: readonly ConversationConnection[]): ReplayItem[] {
  if (connections.length === 0) return [];
  const origin = connections.reduce((min, c) => Math.min(min, c.startedAt), Infinity);
  const items: ReplayItem[] = [];
  // One push per item: spreading a long connection's items would overflow the call stack.
  for (const connection of connections) {
    for (const item of connectionItems(connection, connection.startedAt - origin)) items.push(item);
  }
  // Array.prototype.sort is stable: items of one connection keep their order at equal times.
  return items.sort((a, b) => a.at - b.at);
}

function connectionItems(connection: ConversationConnection, offset: number): ReplayItem[] {
  const conn = connection.id;
  const items: ReplayItem[] = [{ kind: 'open', conn, at: offset, connection }];
  let step = 0;
  let stepStart = 0;
  for (const message of connection.messages) {
    const at = offset + message.t;
    if (message.from === 'client') {
      step++;
      stepStart = message.t;
      items.push({ kind: 'send', conn, at, message, step });
    } else {
      items.push({ kind: 'expect', conn, at, message, step, latency: Math.max(0, message.t - stepStart) });
    }
  }
  const close = connection.close;
  if (close !== null) {
    const at = offset + Math.max(close.t, connection.messages.at(-1)?.t ?? 0);
    items.push(
      close.initiator === 'client'
        ? { kind: 'close', conn, at, close }
        : { kind: 'expect-close', conn, at, close },
    );
  }
  return items;
}

/** Counts for progress: what will be sent and what is expected. */
export function itemTotals(items: readonly ReplayItem[]): {
  readonly sends: number;
  readonly expects: number;
} {
  let sends = 0;
  let expects = 0;
  for (const item of items) {
    if (item.kind === 'send') sends++;
    else if (item.kind === 'expect') expects++;
  }
  return { sends, expects };
}
