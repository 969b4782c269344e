/**
 * A conversation: what replay, `serve --replay` and every import and export work from — the
 * connections of a recording (a wstap recording, a HAR file, mitmproxy flows) reduced to who said
 * what and when. Wire details (frame bits, compression) ride along when the source had them.
 */
import type { Header } from '../model/events.js';

/** Who sent a message: the client of the connection or its server (whatever wstap's role was). */
export type Side = 'client' | 'server';

/** Where a conversation came from (sniffed from the file's content). */
export type ConversationSource =
  | 'wstap-recording'
  | 'har-chrome'
  | 'har-playwright'
  | 'har-mitmproxy'
  | 'har-wstap'
  | 'mitmproxy-flows'
  | 'jsonl-messages';

/** The bits of one frame of a message, as it crossed the wire (absent when the source had no frames). */
export interface ConversationFrame {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  readonly maskKey: string | null;
  readonly payloadLength: number;
}

/** One data message. */
export interface ConversationMessage {
  readonly from: Side;
  /** Milliseconds since the connection started (its first event, or the HAR entry's start). */
  readonly t: number;
  readonly opcode: 'text' | 'binary';
  /** The payload of a text message (valid UTF-8). */
  readonly text?: string;
  /** The payload of a binary message, or of a text message that was not valid UTF-8: base64. */
  readonly base64?: string;
  /** It was sent compressed (permessage-deflate); undefined when the source does not say. */
  readonly compressed?: boolean;
  /** Its frames as they crossed the wire; undefined when the source does not have them. */
  readonly frames?: readonly ConversationFrame[];
  /** Fields of the source's message the model has no place for (a HAR message's), kept for writing that format again. */
  readonly sourceFields?: SourceFields;
}

/** How a connection ended. */
export interface ConversationClose {
  /** Who sent the first Close frame; `none` when the connection ended without one. */
  readonly initiator: Side | 'none';
  /** The code of the first Close frame (null: a Close without a code, or none). */
  readonly code: number | null;
  readonly reason: string;
  /** The code the other side answered with (null: no answer, or an empty Close). */
  readonly replyCode: number | null;
  /** Milliseconds since the connection started when the first Close crossed, or when it ended. */
  readonly t: number;
}

/** One WebSocket connection of a conversation. */
export interface ConversationConnection {
  /** The connection's id in its source (a recording's `conn`; the HAR entry's number from 1). */
  readonly id: number;
  readonly url: string;
  /** Wall clock at the start, ms since the Unix epoch. */
  readonly startedAt: number;
  /** The upgrade request's headers, [] when unknown. */
  readonly requestHeaders: readonly Header[];
  /** The handshake's answer (101 normally), null when unknown. */
  readonly status: number | null;
  readonly responseHeaders: readonly Header[];
  readonly subprotocol: string | null;
  /** The negotiated Sec-WebSocket-Extensions, null when none or unknown. */
  readonly extensions: string | null;
  /** Milliseconds since the start when the connection opened (the 101 crossed); absent when unknown. */
  readonly opened?: number;
  /** Data messages of both sides in the order they crossed. */
  readonly messages: readonly ConversationMessage[];
  readonly close: ConversationClose | null;
  /** Milliseconds from the start to the end, null when the source does not say. */
  readonly duration: number | null;
  /** Fields of the source's connection the model has no place for (a HAR entry's), kept for writing that format again. */
  readonly sourceFields?: SourceFields;
}

/** The connections of one file. */
export interface Conversation {
  readonly source: ConversationSource;
  readonly connections: readonly ConversationConnection[];
  /** Fields of the source file the model has no place for (a HAR log's, its other entries), kept for writing that format again. */
  readonly sourceFields?: SourceFields;
  /** What reading the file noticed and a user should hear (e.g. edited messages taken over an embedded recording). */
  readonly warnings?: readonly string[];
}

/** JSON fields of a source kept as they were. */
export type SourceFields = Readonly<Record<string, unknown>>;

/** The payload of a message as bytes' stand-in: its text, else its base64 (for comparing and display). */
export function payloadKey(message: Pick<ConversationMessage, 'text' | 'base64'>): string {
  return message.text !== undefined ? `t:${message.text}` : `b:${message.base64 ?? ''}`;
}
