/** Proxy panel: reverse proxies and their interventions. */
import { bool, either, int, list, obj, oneOf, str, tuple, type Check } from './validate.js';

/** A side of a relayed connection: the app (the client that connected to the proxy) or the target. */
export type ProxySide = 'app' | 'target';

/** A message rule of a proxy: latency, jitter, drops, for the messages that match. */
export interface ProxyRuleInput {
  readonly toward: ProxySide | 'both';
  /** A regular expression over text messages; absent: every data message. */
  readonly match?: string;
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  /** Share dropped, 0..1 (1 with a match: drop what matches). */
  readonly dropRate?: number;
}

/** A rule with its id and live counters. */
export interface ProxyRuleInfo {
  readonly id: number;
  readonly toward: ProxySide | 'both';
  readonly match: string | null;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly dropRate: number;
  /** Messages it delayed so far. */
  readonly delayed: number;
  /** Messages it dropped so far. */
  readonly dropped: number;
}

/** A connection relayed now (its frames are the inspector's rows of connection `conn`). */
export interface RelayedConnection {
  readonly conn: number;
  /** Frames flow (the 101 went through and the app is still there). */
  readonly open: boolean;
  /** An extension (permessage-deflate) was negotiated: drop rules leave this connection alone. */
  readonly extended: boolean;
  /** Bytes held toward each side; null: that direction is not held. */
  readonly heldToApp: number | null;
  readonly heldToTarget: number | null;
}

/** Who sent a relayed connection's first Close: either peer, wstap (the panel's close or cut), or nobody. */
export type ProxyCloser = 'app' | 'target' | 'wstap' | 'none';

/** A relayed connection that ended: still listed (the newest CLOSED_KEPT per proxy) and selectable. */
export interface ClosedRelayed {
  readonly conn: number;
  /** `none`: TCP ended without a Close frame (a drop, a reset). */
  readonly closedBy: ProxyCloser;
  /** The first Close's code (1005 when it had none); 1006 when no Close came. */
  readonly code: number;
  /** The first Close's reason ('' when none). */
  readonly reason: string;
  /** How it ended in words (the `closed` event's explanation). */
  readonly explanation: string;
  /** Wall-clock ms (Unix epoch) when it ended. */
  readonly at: number;
}

/** How many ended connections a proxy keeps listed; older ones are counted in `closedDropped`. */
export const CLOSED_KEPT = 200;

/** A proxy the console started. */
export interface ProxyInfo {
  readonly id: number;
  /** Where apps connect: ws://127.0.0.1:PORT. */
  readonly url: string;
  readonly port: number;
  readonly target: string;
  /** Bytes a held direction keeps before its source is paused. */
  readonly maxHeld: number;
  readonly connections: readonly RelayedConnection[];
  /** Connections that ended, newest first (at most CLOSED_KEPT). */
  readonly closed: readonly ClosedRelayed[];
  /** Ended connections no longer listed (beyond CLOSED_KEPT). */
  readonly closedDropped: number;
  readonly rules: readonly ProxyRuleInfo[];
}

/** What can be injected into a relayed connection. */
export type ProxyInjectInput =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly base64: string }
  | { readonly kind: 'ping'; readonly text?: string };

/** Channels of this workflow: `domain.verb` → input and output. */
export interface ProxyCommands {
  'proxy.start': {
    input: {
      /** ws:// or wss://. */
      readonly target: string;
      /** Default 127.0.0.1. */
      readonly host?: string;
      /** Default 0: a free port. */
      readonly port?: number;
      /** Request headers set on the way to the target (replacing the app's of that name). */
      readonly setHeaders?: readonly (readonly [string, string])[];
      /** Request headers removed on the way to the target. */
      readonly removeHeaders?: readonly string[];
      /** A wss target whose certificate is not checked. */
      readonly insecure?: boolean;
      /** Bytes a held direction keeps before its source is paused (default 16 MiB). */
      readonly maxHeld?: number;
    };
    output: ProxyInfo;
  };
  'proxy.stop': { input: { readonly proxy: number }; output: null };
  /** Every proxy with its connections, rules and counters (the panel polls it). */
  'proxy.list': { input: null; output: readonly ProxyInfo[] };
  'proxy.inject': {
    input: { readonly conn: number; readonly to: ProxySide; readonly message: ProxyInjectInput };
    output: null;
  };
  /** Sends a Close with this code to one side; nothing more is relayed to or from it. */
  'proxy.close': {
    input: {
      readonly conn: number;
      readonly side: ProxySide;
      readonly code: number;
      readonly reason?: string;
    };
    output: null;
  };
  /** Resets both TCP connections: no Close frame, both sides see 1006. */
  'proxy.cut': { input: { readonly conn: number }; output: null };
  'proxy.hold': { input: { readonly conn: number; readonly to: ProxySide }; output: null };
  /** Sends what was held, in order; answers how many bytes. */
  'proxy.release': {
    input: { readonly conn: number; readonly to: ProxySide };
    output: { readonly bytes: number };
  };
  'proxy.addRule': {
    input: { readonly proxy: number; readonly rule: ProxyRuleInput };
    output: ProxyRuleInfo;
  };
  'proxy.removeRule': { input: { readonly proxy: number; readonly rule: number }; output: null };
}

const id = int(1, 2 ** 31);
const side = oneOf('app', 'target');
const ms = int(0, 3600_000);
const share: Check = (v, p) =>
  typeof v === 'number' && v >= 0 && v <= 1 ? null : `${p}: expected a number 0..1`;

/** The input check of each channel above. */
export const PROXY_INPUT_CHECKS: { readonly [C in keyof ProxyCommands]: Check } = {
  'proxy.start': obj({
    target: str(8192),
    'host?': str(255),
    'port?': int(0, 65535),
    'setHeaders?': list(tuple(str(1024), str(65536)), 200),
    'removeHeaders?': list(str(1024), 200),
    'insecure?': bool,
    'maxHeld?': int(1, 2 ** 40),
  }),
  'proxy.stop': obj({ proxy: id }),
  'proxy.list': (v, p) => (v === null || v === undefined ? null : `${p}: expected no input`),
  'proxy.inject': obj({
    conn: id,
    to: side,
    message: either(
      obj({ kind: oneOf('text'), text: str(100 << 20) }),
      obj({ kind: oneOf('binary'), base64: str(140 << 20) }),
      obj({ kind: oneOf('ping'), 'text?': str(125) }),
    ),
  }),
  'proxy.close': obj({ conn: id, side, code: int(1000, 4999), 'reason?': str(123) }),
  'proxy.cut': obj({ conn: id }),
  'proxy.hold': obj({ conn: id, to: side }),
  'proxy.release': obj({ conn: id, to: side }),
  'proxy.addRule': obj({
    proxy: id,
    rule: obj({
      toward: oneOf('app', 'target', 'both'),
      'match?': str(4096),
      'latencyMs?': ms,
      'jitterMs?': ms,
      'dropRate?': share,
    }),
  }),
  'proxy.removeRule': obj({ proxy: id, rule: id }),
};
