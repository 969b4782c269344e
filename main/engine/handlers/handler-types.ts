/**
 * The vocabulary of JS/TS handler modules (`wstap serve --handler FILE`, and mock routes with
 * `handler:`): what a user's module exports and what its hooks are given. docs/handlers.md is the
 * user-facing version of this file.
 */
import type { SendOptions } from '../client/send.js';
import type { ServerPort, UpgradeInfo } from '../server/behaviour.js';

/** A message the client sent, as a handler's onMessage gets it. */
export interface HandlerMessage {
  readonly type: 'text' | 'binary';
  /** The payload as text; for a binary message its bytes decoded as UTF-8 (bad sequences become U+FFFD). */
  readonly text: string;
  /** The payload bytes (no copy). */
  readonly data: Buffer;
  /** This connection's message counter after this message (1 for the first). */
  readonly index: number;
  /** The payload parsed as JSON; throws an error naming the message and showing its start when it is not JSON. */
  json(): unknown;
}

/** Where ctx.broadcast sends. */
export interface BroadcastOptions {
  /** Only connections in this room (default: every open connection). */
  readonly room?: string;
  /** Leave this connection out. */
  readonly exceptSelf?: boolean;
}

/** One connection as a handler sees it (the `ctx` of every hook). */
export interface HandlerContext<State extends object = Record<string, unknown>> {
  /** The connection id (the `conn` of its events). */
  readonly id: number;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The whole upgrade request: cookies, origin, raw headers, remote address, offered subprotocols. */
  readonly upgrade: UpgradeInfo;
  readonly subprotocol: string | null;
  readonly rooms: ReadonlySet<string>;
  /** Per-connection values: a plain object backed by the server, so it survives a reload. */
  readonly state: State;
  /** Server-wide values every connection sees; survive a reload too. */
  readonly shared: Record<string, unknown>;
  /** Messages received and sent on this connection so far. */
  readonly counters: { readonly in: number; readonly out: number };
  /** The server's port, for what ctx does not wrap (sendRaw, heartbeat, setAutoPong, matched). */
  readonly port: ServerPort;
  /** Ms since the connection opened. */
  age(): number;
  isOpen(): boolean;
  /** A string goes as text, bytes (Buffer, Uint8Array, ArrayBuffer, typed arrays) as binary, anything else as JSON. */
  send(data: unknown, options?: SendOptions): Promise<void>;
  /** Binary whatever it is given (a string as its UTF-8 bytes). */
  sendBinary(data: string | ArrayBuffer | ArrayBufferView, options?: SendOptions): Promise<void>;
  /** JSON text whatever it is given (a string becomes a JSON string). */
  sendJson(value: unknown, options?: SendOptions): Promise<void>;
  close(code?: number, reason?: string): void;
  /** Drops TCP without a Close frame (the client sees 1006). */
  drop(): void;
  ping(data?: string | Uint8Array): void;
  /** Sends to every open connection (or a room's); resolves with how many got it. */
  broadcast(data: unknown, options?: BroadcastOptions): Promise<number>;
  join(room: string): void;
  leave(room: string): void;
  /** Runs `fn` after `ms` unless the connection closed meanwhile; returns a cancel function. */
  setTimeout(fn: () => unknown, ms: number): () => void;
  /** Runs `fn` every `ms` until cancelled or the connection closes; returns a cancel function. */
  setInterval(fn: () => unknown, ms: number): () => void;
  /** A `log` line in this connection's timeline, formatted like console.log. */
  log(...args: unknown[]): void;
}

/** A handler module's exports, checked (hooks are functions, subprotocols strings). Every hook may be async. */
export interface HandlerModule {
  readonly onConnect?: (ctx: HandlerContext) => unknown;
  readonly onMessage?: (ctx: HandlerContext, msg: HandlerMessage) => unknown;
  readonly onClose?: (ctx: HandlerContext, code: number, reason: string) => unknown;
  /** Answers the upgrade: a HandshakeDecision, true/undefined (accept), or false (403). */
  readonly handshake?: (upgrade: UpgradeInfo) => unknown;
  /** Subprotocols this handler speaks: the first the client offers of these is selected. */
  readonly subprotocols?: readonly string[];
}

/** The hooks a module may export, in the order a connection meets them. */
export const HOOK_NAMES = ['handshake', 'onConnect', 'onMessage', 'onClose'] as const;

/** What loading a handler file gives: the module, or a message with file:line:column and what to do. */
export type HandlerLoadResult =
  | {
      readonly ok: true;
      readonly module: HandlerModule;
      /** The user's files this load read (the handler, and for TS the .ts files it imports): watch these. */
      readonly files: readonly string[];
    }
  | { readonly ok: false; readonly error: string; readonly files: readonly string[] };
