/**
 * The bridge contract: every command the renderer may call (with its input and output) and every
 * event main pushes. One type both sides import (house-style: desktop/desktop's ipc-shared.ts);
 * Electron's preload exposes exactly this on `window.wstap`, and browser mode carries the same
 * over a WebSocket. Channels are `domain.verb`; events are nouns. Everything is plain JSON.
 */
import type { SessionEvent, Header } from '../model/events.js';
import type { FrameJson } from '../protocol/frame-json.js';
import type { Violation } from '../protocol/violations.js';
import type { Result } from './result.js';
import type { RowBatch } from './rows.js';
import type { MockCommands } from './mock-commands.js';
import type { ProxyCommands } from './proxy-commands.js';
import type { ActiveRecordingInfo, RecordingCommands, ReplayTick } from './recording-commands.js';
import type { ScriptCommands } from './script-commands.js';
import type { DecoderCommands } from './decoder-commands.js';

/** Bytes given as text (UTF-8) or base64 (anything). */
export type BytesInput = { readonly text: string } | { readonly base64: string };

/** A message to send from the composer. JSON is sent as its text, after main checks it parses. */
export type OutgoingInput =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'json'; readonly text: string }
  | { readonly kind: 'binary'; readonly base64: string };

/** A raw frame for fault injection (shared/protocol/encoder.ts FrameSpec as JSON). */
export interface RawFrameInput {
  readonly opcode: number;
  readonly payload?: BytesInput;
  readonly fin?: boolean;
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** false: unmasked; true: random key; 8 hex digits: that key. */
  readonly mask?: boolean | string;
  readonly lengthBits?: 'minimal' | 7 | 16 | 64;
  /** A length field that lies (up to 2^53). */
  readonly declaredLength?: number;
}

/** Every client option of the engine, as JSON (main/engine/client/client-options.ts). */
export interface ConnectInput {
  readonly url: string;
  readonly headers?: readonly Header[];
  readonly subprotocols?: readonly string[];
  readonly origin?: string;
  /** `user:pass`. */
  readonly basicAuth?: string;
  readonly bearerToken?: string;
  readonly tls?: {
    readonly caFile?: string;
    readonly certFile?: string;
    readonly keyFile?: string;
    readonly passphrase?: string;
    readonly insecure?: boolean;
    readonly servername?: string;
  };
  /** http://[user:pass@]host:port */
  readonly proxy?: string;
  readonly followRedirects?: boolean;
  readonly maxRedirects?: number;
  /** false: not offered; true: offered with defaults; object: with these parameters. */
  readonly perMessageDeflate?:
    | boolean
    | {
        readonly clientNoContextTakeover?: boolean;
        readonly serverNoContextTakeover?: boolean;
        readonly clientMaxWindowBits?: number;
        readonly serverMaxWindowBits?: number;
        readonly threshold?: number;
      };
  readonly maxPayload?: number;
  readonly handshakeTimeout?: number;
  readonly autoPong?: boolean;
  /** Keep-alive pings (ms) and the liveness rule. */
  readonly heartbeat?: { readonly interval: number; readonly timeout: number; readonly misses: number };
  readonly reconnect?: {
    readonly initialDelay?: number;
    readonly maxDelay?: number;
    readonly factor?: number;
    readonly jitter?: number;
    readonly maxAttempts?: number;
  };
}

/** A connection the user saved (connect form), stored in the user data folder. */
export interface SavedConnection {
  /** Unique name, shown in the list. */
  readonly name: string;
  readonly options: ConnectInput;
}

/** A message the user saved in the composer. */
export interface SavedMessage {
  readonly name: string;
  /** Group shown as a heading; '' for none. */
  readonly group: string;
  readonly message: OutgoingInput;
}

/** A frame opened in the detail pane: every decoded field plus its payload (bounded). */
export interface FrameDetail {
  readonly id: number;
  readonly conn: number;
  readonly dir: 'in' | 'out';
  readonly t: number;
  readonly frame: Omit<FrameJson, 'text' | 'base64'>;
  /** The payload as it crossed the wire, unmasked (still compressed for RSV1 frames), base64. */
  readonly payloadBase64: string | null;
  /** Why the payload is not there (dropped by the spill cap, too large, ...). */
  readonly payloadError: { readonly code: string; readonly message: string } | null;
  /** Bytes of payload left out past the fetch bound. */
  readonly truncated: number;
}

/** A message opened in the detail pane. */
export interface MessageDetail {
  readonly id: number;
  readonly conn: number;
  readonly dir: 'in' | 'out';
  readonly t: number;
  readonly opcodeName: 'text' | 'binary';
  readonly compressed: boolean;
  /** Bytes on the wire (compressed size) and after inflation. */
  readonly wireLength: number;
  readonly size: number;
  readonly frameCount: number;
  /** Frame ids of its frames, when they are still indexed. */
  readonly frameIds: readonly number[];
  readonly payloadBase64: string | null;
  readonly payloadError: { readonly code: string; readonly message: string } | null;
  readonly truncated: number;
  readonly violations: readonly Violation[];
}

/** Retention counters shown beside the inspector. */
export interface StoreStats {
  readonly frames: number;
  readonly messages: number;
  /** Rows not kept because a retention cap was reached. */
  readonly droppedFrames: number;
  readonly droppedMessages: number;
  /** Payload bytes not kept (spill cap or failed write). */
  readonly droppedBytes: number;
}

/** A server the console started. */
export interface ServerInfo {
  readonly url: string;
  readonly behaviour: string;
}

/** What the renderer learns at start. */
export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'web';
  /** Sessions and servers already running (the default echo server and its client). */
  readonly servers: readonly ServerInfo[];
  /** Where settings and saved connections live. */
  readonly dataDir: string;
}

/** The console's own commands: sessions, servers, detail, saved items. */
export interface CoreCommands {
  'app.info': { input: null; output: AppInfo };
  /** Events so far (non-frame events of live connections, for a renderer that (re)loads). */
  'app.replay': { input: null; output: readonly SessionEvent[] };
  'session.connect': { input: ConnectInput; output: { readonly session: number } };
  'session.send': {
    input: {
      readonly session: number;
      readonly message: OutgoingInput;
      /** Split into this many frames (RFC 6455 §5.4). */
      readonly fragments?: number;
      readonly compress?: boolean;
    };
    output: null;
  };
  'session.ping': { input: { readonly session: number; readonly payload?: BytesInput }; output: null };
  'session.pong': { input: { readonly session: number; readonly payload?: BytesInput }; output: null };
  'session.close': {
    input: {
      readonly session: number;
      readonly code?: number;
      readonly reason?: string;
      readonly force?: boolean;
    };
    output: null;
  };
  'session.terminate': { input: { readonly session: number }; output: null };
  'session.sendRaw': {
    input: { readonly session: number; readonly frames: readonly RawFrameInput[] };
    output: null;
  };
  'session.setAutoPong': { input: { readonly session: number; readonly on: boolean }; output: null };
  'server.start': {
    input: { readonly behaviour: 'echo' | 'broadcast'; readonly host?: string; readonly port?: number };
    output: ServerInfo;
  };
  'server.stop': { input: { readonly url: string }; output: null };
  'frames.detail': { input: { readonly id: number }; output: FrameDetail };
  'messages.detail': { input: { readonly id: number }; output: MessageDetail };
  'store.stats': { input: null; output: StoreStats };
  'saved.connections': { input: null; output: readonly SavedConnection[] };
  'saved.putConnection': { input: SavedConnection; output: readonly SavedConnection[] };
  'saved.removeConnection': { input: { readonly name: string }; output: readonly SavedConnection[] };
  'saved.messages': { input: null; output: readonly SavedMessage[] };
  /** Replaces the whole list (reorder, edit, add, remove in one call). */
  'saved.setMessages': { input: readonly SavedMessage[]; output: readonly SavedMessage[] };
}

/**
 * Every command: channel → input and output. Each workflow of the console (mock servers, proxy,
 * recordings and replay, scripts, decoders) declares its commands in its own file beside this one.
 */
export interface Commands
  extends CoreCommands, MockCommands, ProxyCommands, RecordingCommands, ScriptCommands, DecoderCommands {}

export type Channel = keyof Commands;
export type Input<C extends Channel> = Commands[C]['input'];
export type Output<C extends Channel> = Commands[C]['output'];

/** What main pushes: one batch per ≤ 16 ms or ≤ 1000 rows, never one message per frame. */
export interface EventBatch {
  /** Inspector rows (frames and messages) in arrival order. */
  readonly rows: RowBatch;
  /** Every other event (handshake phases, open, rtt, closed, servers, scripts, …) in order. */
  readonly events: readonly SessionEvent[];
  /** Counters at the end of the batch. */
  readonly stats: StoreStats;
  /** The recordings under way, when they changed since the last batch (started, stopped, failed). */
  readonly recordings?: readonly ActiveRecordingInfo[];
  /** The latest progress of each replay that moved since the last batch. */
  readonly replays?: readonly ReplayTick[];
}

/** Every pushed event: name → payload. */
export interface Events {
  batch: EventBatch;
}

/** What the preload exposes as `window.wstap` and the web transport implements: nothing generic. */
export interface WstapBridge {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** Listens to pushed batches; returns the function that stops listening. */
  onBatch(listener: (batch: EventBatch) => void): () => void;
}

/** Handlers main implements once and both hosts adapt (Electron IPC, browser-mode WebSocket). */
export type CommandHandlers = {
  readonly [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>>;
};
