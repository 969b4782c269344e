/**
 * The engine's vocabulary: every event a session produces. These shapes are exactly what
 * `--json` prints (one per line) and what recordings store (docs/recording-format.md), so they
 * are plain JSON values: no Uint8Array, no bigint, no undefined-vs-null ambiguity.
 */
import type { FrameJson, MessageJson } from '../protocol/frame-json.js';
import type { Violation } from '../protocol/violations.js';

/** Which way bytes went, seen from wstap's end: `out` = written by us, `in` = read by us. */
export type Direction = 'in' | 'out';

/** The role of wstap's end of a connection. */
export type Role = 'client' | 'server';

/** Fields every event carries. */
export interface EventBase {
  /** Connection id, unique within one engine (1, 2, ...). 0 for engine-wide events. */
  readonly conn: number;
  /** Per-connection sequence number, from 0, no gaps. */
  readonly seq: number;
  /** Milliseconds since the engine started, from a monotonic clock (sub-millisecond). */
  readonly t: number;
  /** Wall-clock time of the event in ms since the Unix epoch: the engine's anchor plus `t`. */
  readonly wall: number;
}

/** An HTTP header as sent or received, name case kept. */
export type Header = readonly [name: string, value: string];

/** A new connection (or a new attempt of a reconnecting session) is starting. */
export interface ConnectingEvent extends EventBase {
  readonly type: 'connecting';
  readonly role: Role;
  readonly url: string;
  /** 1 for the first attempt; reconnects count up. */
  readonly attempt: number;
  /** The session this connection belongs to: attempts of one reconnecting session share it. */
  readonly session: number;
  /** The script that opened it (`wstap run`), by file name; absent for everything else. */
  readonly script?: string;
}

export interface DnsEvent extends EventBase {
  readonly type: 'dns';
  readonly host: string;
  readonly address: string;
  readonly family: number;
  /** Ms from `connecting` to the lookup's end (docs/engine.md). */
  readonly ms: number;
}

export interface TcpEvent extends EventBase {
  readonly type: 'tcp';
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Ms from `connecting` to the TCP handshake's end. */
  readonly ms: number;
}

/** The peer's certificate, as far as the TLS handshake showed it. */
export interface PeerCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** Whole days until validTo (negative when expired). */
  readonly daysLeft: number;
  readonly fingerprint256: string;
  readonly subjectAltName: string | null;
}

export interface TlsEvent extends EventBase {
  readonly type: 'tls';
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly alpn: string | null;
  /** The certificate chain was verified; false with `insecure`, and then `authorizationError` says why. */
  readonly authorized: boolean;
  readonly authorizationError: string | null;
  readonly peerCertificate: PeerCertificate | null;
  readonly ms: number;
}

/** The upgrade request exactly as written to the socket. */
export interface UpgradeRequestEvent extends EventBase {
  readonly type: 'upgrade-request';
  /** E.g. `GET /chat HTTP/1.1`. */
  readonly requestLine: string;
  readonly headers: readonly Header[];
}

/** A payload kept as text when it is valid UTF-8, else as base64; bounded. */
export interface BodyJson {
  readonly text?: string;
  readonly base64?: string;
  /** Bytes received in all, including any past the bound. */
  readonly length: number;
  readonly truncated: boolean;
}

/** The server's answer to the upgrade request: a 101, or anything else with its body. */
export interface UpgradeResponseEvent extends EventBase {
  readonly type: 'upgrade-response';
  readonly statusLine: string;
  readonly status: number;
  readonly headers: readonly Header[];
  /** The body of a non-101 answer (bounded), null for a 101. */
  readonly body: BodyJson | null;
  /** Ms from `connecting` to the response head (like every phase's `ms`; the timeline subtracts). */
  readonly ms: number;
  /** What a strict client finds wrong with the answer (HANDSHAKE_* codes). */
  readonly violations: readonly Violation[];
}

/** The WebSocket connection is open. */
export interface OpenEvent extends EventBase {
  readonly type: 'open';
  readonly subprotocol: string | null;
  /** The Sec-WebSocket-Extensions the server accepted, raw, or null. */
  readonly extensions: string | null;
  /** Time from `connecting` to open. */
  readonly ms: number;
}

/** One frame as it crossed the wire (decoded by wstap from the tapped bytes). */
export interface FrameEvent extends EventBase, FrameJson {
  readonly type: 'frame';
  readonly dir: Direction;
  /** Engine-wide frame id: the key for fetching the payload from the frame store. */
  readonly id: number;
}

/** A reassembled data message, inflated when it was compressed. */
export interface MessageEvent extends EventBase, MessageJson {
  readonly type: 'message';
  readonly dir: Direction;
  /** Size of the payload after inflation (equals wireLength when not compressed). */
  readonly size: number;
}

/** A ping answered: its payload and the round trip. */
export interface PongEvent extends EventBase {
  readonly type: 'rtt';
  /** Ping payload as text or base64. */
  readonly payload: string;
  readonly rtt: number;
}

/** Liveness check failed: no pong within the timeout after `missed` pings. */
export interface HeartbeatTimeoutEvent extends EventBase {
  readonly type: 'heartbeat-timeout';
  readonly missed: number;
  /** Ms since the last pong (or since open when none came). */
  readonly silentMs: number;
}

/** One side of a close handshake. */
export interface CloseSide {
  readonly code: number | null;
  readonly reason: string;
  /** When the Close frame crossed the wire (engine ms). */
  readonly t: number;
}

/** How a connection ended, with a verdict in plain language. */
export interface ClosedEvent extends EventBase {
  readonly type: 'closed';
  /** Who sent Close first, or `none` when nobody did (TCP dropped, handshake failed). */
  readonly initiator: 'us' | 'peer' | 'none';
  readonly sent: CloseSide | null;
  readonly received: CloseSide | null;
  /** The code an application sees: the received code, 1005 for an empty Close, 1006 when no Close came. */
  readonly code: number;
  /** Close handshake duration: first Close to TCP close, null without a Close. */
  readonly handshakeMs: number | null;
  /** TCP ended with FIN on both sides, not a reset or an error. */
  readonly tcpClean: boolean;
  /** E.g. "server closed TCP 12 ms after our ping without a Close frame (1006): no close handshake". */
  readonly explanation: string;
  /** Ms from `connecting` to the end. */
  readonly duration: number;
  readonly framesIn: number;
  readonly framesOut: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/** Something went wrong: socket errors, send errors, TLS and handshake failures. */
export interface ErrorEvent extends EventBase {
  readonly type: 'error';
  /** Stable SCREAMING_SNAKE code (shared/model/error-codes.ts). */
  readonly code: string;
  readonly message: string;
}

/** A reconnecting session will try again. */
export interface ReconnectEvent extends EventBase {
  readonly type: 'reconnect';
  /** The attempt that will be made next. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** The session gave up or was stopped: no more attempts. Carries the id of its last connection. */
export interface SessionEndEvent extends EventBase {
  readonly type: 'session-end';
  readonly session: number;
  readonly attempts: number;
  readonly reason: string;
}

/** A stream ended with an unfinished frame or message: what the decoder had left. */
export interface StreamEndEvent extends EventBase {
  readonly type: 'stream-end';
  readonly dir: Direction;
  readonly bytes: number;
  readonly violations: readonly Violation[];
}

/** A server (`wstap serve`) is listening. Engine-wide (conn 0). */
export interface ListeningEvent extends EventBase {
  readonly type: 'listening';
  /** The base URL clients use, e.g. `ws://127.0.0.1:8080`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** What answers: "echo", "broadcast", "mock chat.yaml", "handler api.ts". */
  readonly behaviour: string;
}

/** A server stopped listening and closed its connections. Engine-wide (conn 0). */
export interface ServerStoppedEvent extends EventBase {
  readonly type: 'server-stopped';
  readonly url: string;
  /** Connections it accepted in all. */
  readonly connections: number;
}

/** A server connection joined or left a room (broadcast mode, mock rules, handlers). */
export interface RoomEvent extends EventBase {
  readonly type: 'room';
  readonly action: 'join' | 'leave';
  readonly room: string;
  /** Members of the room after the change. */
  readonly members: number;
}

/** A mock rule matched a message (or the fallback, or on-connect actions ran): what and which actions. */
export interface RuleEvent extends EventBase {
  readonly type: 'rule';
  readonly route: string;
  readonly rule: string;
  /** The rule's index in its route, null for fallback and on-connect. */
  readonly index: number | null;
  readonly actions: readonly string[];
}

/** A line a mock definition or handler logged to a connection's timeline (conn 0: the server's). */
export interface LogEvent extends EventBase {
  readonly type: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

/** The server's mock definition or handler was reloaded after an edit (or the edit was refused). */
export interface ReloadEvent extends EventBase {
  readonly type: 'reload';
  readonly ok: boolean;
  /** The files that changed. */
  readonly files: readonly string[];
  /** What happened: "applied to 3 connected clients", or the errors of a broken edit. */
  readonly message: string;
}

/** How a script run ended (`wstap run`, docs/scripting.md). */
export type ScriptOutcome =
  | 'passed'
  | 'assertion'
  | 'expectation'
  | 'unexpected-close'
  | 'connect-failed'
  | 'error'
  | 'timeout'
  | 'syntax'
  | 'unreadable'
  | 'stopped';

/** A script run started, logged a line, or ended (conn 0: a script is not a connection). */
export interface ScriptEvent extends EventBase {
  readonly type: 'script';
  /** The run's id in this engine (1, 2, ...). */
  readonly run: number;
  /** The script's file name. */
  readonly name: string;
  readonly phase: 'start' | 'log' | 'end';
  /** log: the line's level. */
  readonly level?: 'info' | 'warn' | 'error';
  /** log: the text; end: the report line ("4 expectations passed, 1 failed"); start: the file's path. */
  readonly message: string;
  /** end: how it ended. */
  readonly outcome?: ScriptOutcome;
  /** end: the failure as "file:line:column: what", when it failed. */
  readonly failure?: string;
  /** end: expectations (expect, assert, check) that passed and failed. */
  readonly passed?: number;
  readonly failed?: number;
}

/** Every event a session can produce. */
export type SessionEvent =
  | ConnectingEvent
  | DnsEvent
  | TcpEvent
  | TlsEvent
  | UpgradeRequestEvent
  | UpgradeResponseEvent
  | OpenEvent
  | FrameEvent
  | MessageEvent
  | PongEvent
  | HeartbeatTimeoutEvent
  | ClosedEvent
  | ErrorEvent
  | ReconnectEvent
  | SessionEndEvent
  | StreamEndEvent
  | ListeningEvent
  | ServerStoppedEvent
  | RoomEvent
  | RuleEvent
  | LogEvent
  | ReloadEvent
  | ScriptEvent;

export type SessionEventType = SessionEvent['type'];

/** Makes an event type from its payload fields (what an emitter supplies). */
export type EventFields<E extends SessionEvent> = E extends SessionEvent ? Omit<E, keyof EventBase> : never;

/** Exhaustive switches end here. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
