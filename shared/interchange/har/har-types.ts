/**
 * The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) wstap reads and writes,
 * with the WebSocket extension Chrome DevTools introduced (`_resourceType: "websocket"`,
 * `_webSocketMessages`) and wstap's own underscore fields, which HAR readers ignore.
 */
import type { ConversationFrame } from '../conversation.js';

/** A header, cookie or query parameter. */
export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

/** One WebSocket message as Chrome, Playwright and mitmproxy write it. */
export interface HarWebSocketMessage {
  /** `send`: the client (the browser) sent it; `receive`: the server did. */
  readonly type: 'send' | 'receive';
  /** Wall clock: seconds since the epoch (Chrome, mitmproxy, wstap) or milliseconds (Playwright). */
  readonly time: number;
  /** 1 text, 2 binary. */
  readonly opcode: number;
  /** The text, or base64 for binary. */
  readonly data: string;
  /** wstap: the frames it crossed in (Chrome ignores this). */
  readonly _frames?: readonly ConversationFrame[];
  /** wstap: sent compressed (permessage-deflate). */
  readonly _compressed?: boolean;
  /** wstap: `base64` when a text message's bytes were not valid UTF-8, so `data` is base64. */
  readonly _encoding?: 'base64';
}

/** wstap's fields on an entry: how the connection ended, its exact start. */
export interface HarWstapFields {
  readonly _closeInitiator?: 'client' | 'server' | 'none';
  readonly _closeCode?: number | null;
  readonly _closeReason?: string;
  readonly _closeReplyCode?: number | null;
  /** Milliseconds after the entry's start when the first Close crossed. */
  readonly _closeTime?: number;
  /** Milliseconds from the start to the end of the connection. */
  readonly _connectionDuration?: number;
  /** The connection's number in the source (a recording's `conn`), kept through the HAR file. */
  readonly _wstapConnection?: number;
  /** The exact start, ms since the epoch (`startedDateTime` has whole milliseconds only). */
  readonly _wstapStartedAt?: number;
}

/** A recording line as a HAR file embeds it: the parsed object, or the text when parsing would change it. */
export type HarRecordingLine = Readonly<Record<string, unknown>> | string;

/** `log._wstapRecording`: the header, the order of every line, and the lines no entry holds. */
export interface HarRecordingLog {
  /** The header line (an object, or its text when re-encoding would change it). */
  readonly header: HarRecordingLine;
  /** Runs of `[conn, count]` in file order: how to interleave the lines of the entries again. */
  readonly order: readonly (readonly [number, number])[];
  /** Lines of connections without an entry (engine-wide events, connections begun before recording), by conn. */
  readonly lines: Readonly<Record<string, readonly HarRecordingLine[]>>;
}

/** `entry._wstapRecording`: the recording's lines of this entry's connection, in file order. */
export interface HarRecordingEntry {
  readonly conn: number;
  readonly lines: readonly HarRecordingLine[];
}

/** One entry of the HAR log (a WebSocket one as wstap writes it; other fields are kept as read). */
export interface HarEntry extends HarWstapFields {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: Readonly<Record<string, unknown>> & {
    readonly url: string;
    readonly headers: readonly HarNameValue[];
  };
  readonly response: Readonly<Record<string, unknown>> & {
    readonly status: number;
    readonly headers: readonly HarNameValue[];
  };
  readonly _resourceType?: string;
  readonly _webSocketMessages?: readonly HarWebSocketMessage[];
  /** wstap: the connection's events other than frames and messages (open, round trips, the close verdict). */
  readonly _wstapTimeline?: readonly unknown[];
  readonly _wstapRecording?: HarRecordingEntry;
  readonly [field: string]: unknown;
}

/** The `log` object. */
export interface HarLog {
  readonly version: string;
  readonly creator: { readonly name: string; readonly version: string; readonly comment?: string };
  readonly pages?: readonly unknown[];
  readonly entries: readonly unknown[];
  readonly _wstapRecording?: HarRecordingLog;
  readonly [field: string]: unknown;
}

/** A HAR file. */
export interface Har {
  readonly log: HarLog;
}
