/**
 * The API of wstap scripts (`wstap run script.ts`, `wstap test 'scripts/**\/*.ws.ts'`).
 *
 *   import { connect, assert, log } from 'wstap';
 *   const chat = await connect('ws://127.0.0.1:8080/ws');
 *   chat.send({ type: 'join', room: 'red' });
 *   const joined = await chat.expect({ path: '$.type', equals: 'joined' });
 *   assert.equal(joined.json().room, 'red');
 *
 * A script is an ES module run in a worker thread; its top level (or its default export, when that
 * is a function) is the script. It passes when it ends without a failure. Full guide:
 * docs/scripting.md.
 */

/** A received message. */
export interface Message {
  readonly type: 'text' | 'binary';
  /** The text (for a binary message: its bytes decoded as UTF-8, invalid bytes as U+FFFD). */
  readonly text: string;
  /** The payload bytes (inflated when the message was compressed). */
  readonly data: Uint8Array;
  /** Payload size in bytes. */
  readonly size: number;
  /** It came compressed (permessage-deflate). */
  readonly compressed: boolean;
  /** Milliseconds since the script started. */
  readonly t: number;
  /** The text parsed as JSON; throws a clear error when it is not JSON. */
  // `any` by default on purpose: `message.json().room` in a script needs no cast.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json<T = any>(): T;
}

/**
 * What `expect` waits for:
 * - a string: the message's whole text equals it;
 * - a RegExp: the text matches it;
 * - `{ path: '$.a.b[0]', equals: value }`: the JSON value at the path deep-equals `value`;
 *   `exists: true|false` asks only whether the path is there; `matches: /re/` tests a string at it;
 * - `{ json: { type: 'joined' } }`: the message is JSON and contains these fields (deeply; arrays equal);
 * - a function: returns true for the message wanted.
 */
export type Matcher =
  | string
  | RegExp
  | ((message: Message) => boolean)
  | { readonly path: string; readonly equals?: unknown; readonly exists?: boolean; readonly matches?: RegExp }
  | { readonly json: unknown };

export interface ExpectOptions {
  /** Milliseconds to wait (default: the connection's `expectTimeout`, 5000). */
  readonly timeout?: number;
}

/** How a connection ended. */
export interface CloseInfo {
  /** What the application sees: the peer's code, 1005 for an empty Close, 1006 when none came. */
  readonly code: number;
  readonly reason: string;
  /** Who sent Close first: this script (`us`), the server (`peer`), or nobody (`none`: TCP dropped). */
  readonly initiator: 'us' | 'peer' | 'none';
  /** wstap's explanation, e.g. "server closed with 1008 (policy violation) …". */
  readonly explanation: string;
}

/** A frame built by hand for fault injection (sent as is: no compression, no checks). */
export interface RawFrame {
  /** A number 0-15 (reserved ones too) or a name. */
  readonly opcode: number | 'continuation' | 'text' | 'binary' | 'close' | 'ping' | 'pong';
  readonly payload?: string | Uint8Array;
  /** Default true. */
  readonly fin?: boolean;
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** Default true (a client must mask); false sends it unmasked; 4 bytes or a number is the key. */
  readonly mask?: boolean | number | Uint8Array;
  /** Length encoding: minimal (default) or forced 7, 16 or 64 bits. */
  readonly lengthBits?: 'minimal' | 7 | 16 | 64;
  /** A length field that lies. */
  readonly declaredLength?: number | bigint;
}

export interface ConnectOptions {
  /** Extra handshake headers. */
  readonly headers?: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>;
  readonly subprotocols?: readonly string[];
  readonly origin?: string;
  /** `Authorization: Bearer <token>`. */
  readonly bearer?: string;
  /** HTTP basic auth, `user:password`. */
  readonly auth?: string;
  /** TLS: a CA file to trust, a client certificate and key (PEM files), or no verification at all. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly passphrase?: string;
  readonly insecure?: boolean;
  /** An HTTP proxy, http://[user:pass@]host:port. */
  readonly proxy?: string;
  readonly followRedirects?: boolean;
  /** permessage-deflate offered (default true). */
  readonly compression?: boolean;
  /** Largest message accepted in bytes (default 100 MiB). */
  readonly maxPayload?: number;
  /** Milliseconds to wait for the handshake (default 10000). */
  readonly handshakeTimeout?: number;
  /** Answer the server's pings (default true); false to test its liveness timeout. */
  readonly autoPong?: boolean;
  /** Keep-alive pings: every `interval` ms, `timeout` ms to answer, dropped after `misses`. */
  readonly heartbeat?: { readonly interval: number; readonly timeout?: number; readonly misses?: number };
  /** Reconnect with exponential backoff after a connection is lost. */
  readonly reconnect?:
    | boolean
    | {
        readonly initialDelay?: number;
        readonly maxDelay?: number;
        readonly factor?: number;
        readonly jitter?: number;
        readonly maxAttempts?: number;
      };
  /** Default timeout of `expect`, `next` and `expectClose` on this connection (ms, default 5000). */
  readonly expectTimeout?: number;
  /** Listeners attached before the first attempt: they see reconnects and failures before the first open too. */
  readonly on?: { readonly [K in keyof ConnectionEvents]?: ConnectionEvents[K] };
}

/**
 * What `connect` rejects with when the connection or the handshake fails. Uncaught, it fails the
 * script with exit code 3; a script that expects a refusal catches it and checks `status`.
 */
export interface ConnectError extends Error {
  readonly name: 'ConnectError';
  /** The HTTP status of a refused upgrade (401, 403, 503…), or null when no answer came. */
  readonly status: number | null;
  /** The body of the refusal, or null. */
  readonly body: string | null;
}

export interface SendOptions {
  /** Split into this many frames, or frames of these payload sizes. */
  readonly fragments?: number | readonly number[];
  /** Compress (when permessage-deflate is on); default: by size. */
  readonly compress?: boolean;
}

export interface ConnectionEvents {
  message: (message: Message) => void;
  open: (info: { readonly subprotocol: string | null; readonly attempt: number }) => void;
  close: (info: CloseInfo) => void;
  /** The server pinged (wstap answers with a pong unless `autoPong: false`): its payload as text or base64. */
  ping: (info: { readonly payload: string }) => void;
  /** A ping answered: its round trip in ms. */
  pong: (info: { readonly rtt: number; readonly payload: string }) => void;
  reconnect: (info: { readonly attempt: number; readonly delayMs: number; readonly reason: string }) => void;
  error: (info: { readonly code: string; readonly message: string }) => void;
}

/** A WebSocket connection a script opened. */
export interface Connection {
  /** wstap's connection id (the `#3` of the session lines); a reconnect takes a new one. */
  readonly id: number;
  readonly url: string;
  /** The subprotocol the server chose, or null. */
  readonly subprotocol: string | null;
  readonly state: 'open' | 'reconnecting' | 'closed';
  /** Every message received so far, oldest first. */
  readonly messages: readonly Message[];
  /** Resolves when the connection is over for good (after the last reconnect attempt). */
  readonly closed: Promise<CloseInfo>;
  /** Sends text; an object or array is sent as JSON text; bytes as a binary message. */
  send(data: string | Uint8Array | ArrayBuffer | object, options?: SendOptions): Promise<void>;
  sendBinary(data: Uint8Array | ArrayBuffer | string, options?: SendOptions): Promise<void>;
  /** Pings and resolves with the round trip in ms when the pong comes. */
  ping(payload?: string | Uint8Array, options?: ExpectOptions): Promise<number>;
  pong(payload?: string | Uint8Array): Promise<void>;
  /** Sends frames exactly as described (fault injection). */
  sendFrames(frames: readonly RawFrame[]): Promise<void>;
  /** Writes bytes to the socket as they are. */
  sendBytes(bytes: Uint8Array): Promise<void>;
  /**
   * Waits for the next message that matches (messages received before the call count, once: each
   * message is taken by at most one expect or next). Fails the script on timeout, naming what came.
   */
  expect(matcher: Matcher, options?: ExpectOptions): Promise<Message>;
  /** Takes the next message, whatever it is. */
  next(options?: ExpectOptions): Promise<Message>;
  /** Waits until the server closes (or the connection drops); checks the code when given. */
  expectClose(code?: number, options?: ExpectOptions): Promise<CloseInfo>;
  /** Closes (default 1000) and resolves when the connection is closed. */
  close(code?: number, reason?: string): Promise<CloseInfo>;
  /** Drops the TCP connection without a close handshake. */
  terminate(): Promise<CloseInfo>;
  /** The last ping round trip in ms, or null before the first pong. */
  rtt(): number | null;
  on<K extends keyof ConnectionEvents>(event: K, listener: ConnectionEvents[K]): () => void;
}

/**
 * Opens a connection; resolves when it is open. Rejects with a ConnectError when it cannot be
 * (uncaught, that fails the script with exit 3). With `reconnect`, attempts go on until one opens
 * or `maxAttempts` is reached. A send while the connection is reconnecting waits for the reopen.
 */
export declare function connect(url: string, options?: ConnectOptions): Promise<Connection>;

/** Waits `ms` milliseconds. */
export declare function sleep(ms: number): Promise<void>;

/** Runs `fn` every `ms` milliseconds until the returned function is called or the script ends. */
export declare function every(ms: number, fn: () => void | Promise<void>): () => void;

/** Writes a line to the script's output (objects as JSON). */
export declare function log(...values: unknown[]): void;

export interface Assert {
  /** Fails the script unless `value` is truthy. */
  (value: unknown, message?: string): asserts value;
  ok(value: unknown, message?: string): asserts value;
  equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
  notEqual(actual: unknown, expected: unknown, message?: string): void;
  /** Structural equality (objects, arrays, bytes). */
  deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
  match(text: string, pattern: RegExp, message?: string): void;
  fail(message?: string): never;
}

/** Assertions: the first failure ends the script with exit code 9. */
export declare const assert: Assert;

/** A soft assertion: a failure is counted and reported, the script goes on (and fails at the end). */
export declare function check(value: unknown, message: string): boolean;

/** The environment variables wstap was started with. */
export declare const env: Readonly<Record<string, string | undefined>>;

/** The arguments after `--` on the command line. */
export declare const args: readonly string[];

/** The script's file name, as the session lines and reports name it. */
export declare const scriptName: string;
