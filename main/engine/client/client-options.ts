import type { Header } from '../../../shared/model/events.js';

/** TLS settings of a wss connection. Files are PEM, read when the session starts. */
export interface TlsOptions {
  /** Trust this CA (PEM file) in addition to the system's. */
  readonly caFile?: string;
  /** Client certificate and key (PEM files) for servers that require one. */
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly passphrase?: string;
  /** Accept any certificate (self-signed, expired, wrong host). Off unless the user says so. */
  readonly insecure?: boolean;
  /** SNI and certificate host name, when it differs from the URL's host. */
  readonly servername?: string;
}

/** permessage-deflate as offered by the client (RFC 7692 §7.1). */
export interface DeflateOptions {
  readonly clientNoContextTakeover?: boolean;
  readonly serverNoContextTakeover?: boolean;
  readonly clientMaxWindowBits?: number | true;
  readonly serverMaxWindowBits?: number;
  /** Messages smaller than this are sent uncompressed (ws default 1024). */
  readonly threshold?: number;
}

/** Keep-alive pings and the liveness rule. */
export interface HeartbeatOptions {
  /** Send a ping every `interval` ms. */
  readonly interval: number;
  /** A ping without a pong after `timeout` ms is missed. */
  readonly timeout: number;
  /** After this many misses in a row the connection is dropped (1006). */
  readonly misses: number;
}

/** Reconnect with exponential backoff and jitter. */
export interface ReconnectOptions {
  /** First delay in ms (default 1000). */
  readonly initialDelay?: number;
  /** Cap in ms (default 60000). */
  readonly maxDelay?: number;
  /** Growth per attempt (default 2). */
  readonly factor?: number;
  /** Share of the delay that is random, 0..1 (default 0.5: a delay d becomes d/2..d). */
  readonly jitter?: number;
  /** Give up after this many attempts in a row without an open connection (default unlimited). */
  readonly maxAttempts?: number;
}

/** Something to send: text, binary (bytes or base64) or JSON. */
export type Outgoing =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  | { readonly kind: 'json'; readonly value: unknown }
  /** Text given as its UTF-8 bytes (an echo sends what came without decoding it). */
  | { readonly kind: 'utf8'; readonly bytes: Uint8Array };

/** Everything a client session can be told. Only `url` is required. */
export interface ClientOptions {
  /** ws:// or wss:// URL; a bare `host:port` (or `:port`) means ws://. */
  readonly url: string;
  readonly headers?: readonly Header[];
  readonly subprotocols?: readonly string[];
  readonly origin?: string;
  /** HTTP basic auth as `user:pass`. */
  readonly basicAuth?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  readonly tls?: TlsOptions;
  /** HTTP proxy URL, tunnelled with CONNECT (http://[user:pass@]host:port). */
  readonly proxy?: string;
  readonly followRedirects?: boolean;
  /** Default 10. */
  readonly maxRedirects?: number;
  /** false turns permessage-deflate off; an object offers it with these parameters. Default: offered with ws's defaults. */
  readonly perMessageDeflate?: false | DeflateOptions;
  /** Largest message accepted, bytes (default 100 MiB). */
  readonly maxPayload?: number;
  /** ms to wait for the 101 (default 10000). */
  readonly handshakeTimeout?: number;
  /** Answer pings automatically (default true). Off: withhold pongs to test a server's timeouts. */
  readonly autoPong?: boolean;
  readonly heartbeat?: HeartbeatOptions;
  readonly reconnect?: ReconnectOptions;
  /** Messages sent after every open (including each reconnect). */
  readonly preamble?: readonly Outgoing[];
  /** Largest body of a non-101 answer kept for the timeline (default 64 KiB). */
  readonly maxErrorBody?: number;
  /** The script that drives this session (`wstap run`): its name tags the connecting events. */
  readonly script?: string;
}

/** Defaults the Go guides' liveness rules use: ping every 30 s, 10 s to answer, 3 misses. */
export const DEFAULT_HEARTBEAT: HeartbeatOptions = { interval: 30_000, timeout: 10_000, misses: 3 };

/** Reconnect defaults: 1 s doubling to 60 s, half of each delay random. */
export const DEFAULT_RECONNECT: Required<Omit<ReconnectOptions, 'maxAttempts'>> & { maxAttempts: number } = {
  initialDelay: 1000,
  maxDelay: 60_000,
  factor: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
};

export const DEFAULT_HANDSHAKE_TIMEOUT = 10_000;
export const DEFAULT_MAX_PAYLOAD = 100 * 1024 * 1024;
export const DEFAULT_MAX_ERROR_BODY = 64 * 1024;

/**
 * The URL a user meant: `host:port`, `:port` and `localhost:8080/path` get ws://; http(s) maps to
 * ws(s). Returns an error message for anything else.
 */
export function normalizeUrl(input: string): { ok: true; url: URL } | { ok: false; message: string } {
  let text = input.trim();
  if (text.startsWith(':')) text = `127.0.0.1${text}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `ws://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `'${input}' is not a URL (expected ws://host:port/path, wss://..., or host:port)` };
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { ok: false, message: `'${input}': the scheme must be ws:// or wss:// (got ${url.protocol.replace(/:$/, '')}://)` };
  }
  if (url.hash) return { ok: false, message: `'${input}': a WebSocket URL cannot have a #fragment` };
  if (!url.hostname) return { ok: false, message: `'${input}' has no host` };
  return { ok: true, url };
}

/** The delay before reconnect attempt `attempt` (2 = the first retry), with jitter from `random`. */
export function backoffDelay(attempt: number, options: ReconnectOptions, random: () => number = Math.random): number {
  const o = { ...DEFAULT_RECONNECT, ...options };
  const base = Math.min(o.maxDelay, o.initialDelay * o.factor ** Math.max(0, attempt - 2));
  const jitter = Math.min(1, Math.max(0, o.jitter));
  return Math.round(base * (1 - jitter * random()));
}
