/**
 * The contract between wstap's server (main/engine/server/*: sockets, taps, timeline, rooms) and
 * what decides how it answers: a Behaviour. Echo and broadcast are behaviours; so is a mock
 * definition (main/engine/mock/*) and a JS/TS handler module. The server owns every connection
 * and hands a behaviour a ServerPort per connection; a behaviour never sees a socket.
 *
 * Hot reload swaps the server's behaviour: connections that are open stay open and their next
 * message goes to the new one. Per-connection `state` and the server's `shared` map live on the
 * server, so they survive a reload.
 */
import type { Header } from '../../../shared/model/events.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';
import type { Outgoing } from '../client/client-options.js';
import type { CloseRequest, SendOptions } from '../client/send.js';

/** An upgrade request as the server received it, before it answers. */
export interface UpgradeInfo {
  /** `GET /path?query HTTP/1.1` target: the path without the query. */
  readonly path: string;
  /** Query parameters (the first value of each name). */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, names lower-cased, repeated ones joined with ", " (cookies with "; "). */
  readonly headers: Readonly<Record<string, string>>;
  /** The headers as they came, name case kept, in order. */
  readonly rawHeaders: readonly Header[];
  /** Cookies from the Cookie header. */
  readonly cookies: Readonly<Record<string, string>>;
  /** Subprotocols the client offered (Sec-WebSocket-Protocol), in order. */
  readonly subprotocols: readonly string[];
  readonly origin: string | null;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/** How to answer an upgrade request. */
export type HandshakeDecision =
  | {
      readonly accept: true;
      /** The subprotocol to select (must be one the client offered), or null for none. */
      readonly subprotocol?: string | null;
      /** Extra headers on the 101. */
      readonly headers?: readonly Header[];
      /** Wait this long (ms) before answering 101. */
      readonly delayMs?: number;
      /** What decided it, for the timeline (e.g. "route /chat"). */
      readonly note?: string;
    }
  | {
      readonly accept: false;
      /** An HTTP status other than 101, e.g. 401, 403, 404. */
      readonly status: number;
      readonly headers?: readonly Header[];
      /** The response body (sent with Content-Length). */
      readonly body?: string;
      readonly delayMs?: number;
      /** Why, for the timeline (e.g. "missing header authorization"). */
      readonly note?: string;
    };

/** A data message the client sent, reassembled and inflated. */
export interface IncomingMessage {
  readonly type: 'text' | 'binary';
  /** The payload as text when it is text (binary: null). */
  readonly text: string | null;
  readonly bytes: Uint8Array;
  /** This connection's message counter after this message (1 for the first). */
  readonly index: number;
}

/** A rule that matched (or the fallback), shown in the timeline as a `rule` event. */
export interface RuleNote {
  /** The route that owns the rule (its path pattern). */
  readonly route: string;
  /** The rule's name, or a description such as "rule 3" / "fallback" / "on-connect". */
  readonly rule: string;
  /** Index of the rule in its route's list, null for fallback and on-connect. */
  readonly index: number | null;
  /** One short description per action, e.g. "reply text 12 B", "close 1008". */
  readonly actions: readonly string[];
}

/** One connection as a behaviour sees it. Every method is safe to call after close (it does nothing). */
export interface ServerPort {
  /** The connection id (the `conn` of its events). */
  readonly id: number;
  readonly upgrade: UpgradeInfo;
  /** The selected subprotocol, or null. */
  readonly subprotocol: string | null;
  /** Rooms this connection is in. */
  readonly rooms: ReadonlySet<string>;
  /** Per-connection values that survive a reload; a behaviour may read and write them. */
  readonly state: Map<string, unknown>;
  /** Server-wide values shared by every connection; survive a reload. */
  readonly shared: Map<string, unknown>;
  /** Messages received and sent on this connection so far. */
  readonly counters: { readonly in: number; readonly out: number };
  /** Ms since the connection opened. */
  readonly age: () => number;
  readonly isOpen: () => boolean;
  send(message: Outgoing, options?: SendOptions): Promise<void>;
  ping(data?: string | Uint8Array): void;
  /** Sends encoder-built frames as they are (fault injection: bad opcodes, wrong lengths, …). */
  sendRaw(frames: readonly FrameSpec[]): Promise<void>;
  /** Starts the close handshake; `force` sends codes RFC 6455 forbids. */
  close(request?: CloseRequest): void;
  /** Drops TCP without a Close frame (the client sees 1006). */
  drop(): void;
  /** Answers pings (the default) or stops answering them. */
  setAutoPong(on: boolean): void;
  /**
   * Server heartbeat (the Go guides' ping loop): a Ping every `interval` ms; after `misses` pings
   * in a row without a Pong within `timeout` ms, a `heartbeat-timeout` event and TCP is dropped
   * (the client sees 1006). Calling it again replaces the previous one.
   */
  heartbeat(options: { readonly interval: number; readonly timeout: number; readonly misses?: number }): void;
  join(room: string): void;
  leave(room: string): void;
  /** Sends to every open connection in `room` (all connections when null); resolves with how many got it. */
  broadcast(
    room: string | null,
    message: Outgoing,
    options?: { readonly exceptSelf?: boolean } & SendOptions,
  ): Promise<number>;
  /** Runs `fn` after `ms` unless the connection closed meanwhile; cleared at close. */
  setTimeout(fn: () => void, ms: number): () => void;
  /** Runs `fn` every `ms` until cleared or the connection closes. */
  setInterval(fn: () => void, ms: number): () => void;
  /** A `rule` event in this connection's timeline. */
  matched(note: RuleNote): void;
  /** A `log` event in this connection's timeline. */
  log(message: string, level?: 'info' | 'warn' | 'error'): void;
  /** An `error` event in this connection's timeline (e.g. HANDLER_FAILED with file:line); the connection stays. */
  error(code: string, message: string): void;
}

/** Decides how the server answers. Every method may be async; a throw is reported as an `error` event, never kills the server. */
export interface Behaviour {
  /** A short name for the timeline and `listening` event: "echo", "broadcast", "mock chat.yaml". */
  readonly name: string;
  handshake(upgrade: UpgradeInfo): HandshakeDecision | Promise<HandshakeDecision>;
  open(port: ServerPort): void | Promise<void>;
  message(port: ServerPort, message: IncomingMessage): void | Promise<void>;
  /** The connection is over; `code` is what the application sees (1005, 1006, …). */
  closed(port: ServerPort, code: number, reason: string): void | Promise<void>;
  /** The server stops using this behaviour (reload or shutdown): release watchers and caches. */
  dispose?(): void;
}
