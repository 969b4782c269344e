/** Mock servers panel: start/stop echo, broadcast, mock-file and replay servers; the mock editor; clients. */
import type { OutgoingInput } from './contract.js';
import { either, int, list, obj, oneOf, str, type Check } from './validate.js';

/** What answers a server's clients. */
export type MockBehaviourKind = 'echo' | 'broadcast' | 'mock' | 'replay';

/** `mock.start`'s input: `wstap serve` in one form. */
export interface MockStartInput {
  readonly behaviour: MockBehaviourKind;
  /** The mock definition (mock) or recording (replay): an absolute path. */
  readonly file?: string;
  /** Default 127.0.0.1 (anything else is reachable from other machines). */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** wss:// with a self-signed certificate for localhost, or with this certificate and key (PEM files). */
  readonly tls?: { readonly selfSigned: true } | { readonly certFile: string; readonly keyFile: string };
  /** Only for a replay server: `wstap serve --replay FILE`'s options (docs/serve-replay.md). */
  readonly replay?: MockReplayOptions;
}

/** How a replay server answers: each field is a `wstap serve --replay` flag; absent, its default. */
export interface MockReplayOptions {
  /** Recorded gaps are divided by this (`--speed`): 2 twice as fast, 0 no delays. Default 1. */
  readonly speed?: number;
  /** Fields copied from each live request into its replies (`--correlate`), e.g. `$.id`. */
  readonly correlate?: readonly string[];
  /** Fields not compared when matching (`--ignore`), e.g. `$.ts`, `$..nonce`. */
  readonly ignore?: readonly string[];
  /** A live message may match any of the next N unmatched recorded ones (`--window`); 1: strict order. Default 8. */
  readonly window?: number;
  /** A client message the recording lacks: a warning, or the warning and Close 1008 (`--on-mismatch`). Default warn. */
  readonly onMismatch?: 'warn' | 'close';
  /** Recorded connections to serve, in this order (`--connection`); absent: all, in file order. */
  readonly connections?: readonly number[];
}

/** One connected client of a server. */
export interface MockClient {
  /** The connection id (the same as in the inspector and timeline). */
  readonly id: number;
  readonly remote: string;
  readonly path: string;
  readonly subprotocol: string | null;
  readonly rooms: readonly string[];
  /** Ms since the connection opened. */
  readonly age: number;
  readonly messagesIn: number;
  readonly messagesOut: number;
}

/** A running server of this console, with its clients and rooms. */
export interface MockServer {
  readonly url: string;
  /** As the timeline names it: "echo", "broadcast", "mock chat.yaml", "replay x.jsonl, 2 connections". */
  readonly behaviour: string;
  readonly kind: MockBehaviourKind;
  /** The mock definition or recording, absolute; null for echo and broadcast. */
  readonly file: string | null;
  /** Whether saving `file` hot-reloads the server. */
  readonly reloads: boolean;
  readonly tls: boolean;
  readonly clients: readonly MockClient[];
  readonly rooms: readonly { readonly room: string; readonly members: number }[];
}

/** What `mock.start` answers. */
export interface MockStarted {
  readonly server: MockServer;
  /** What loading noticed (a mock's warnings, a recording's unserved connections). */
  readonly warnings: readonly string[];
  /** The self-signed certificate clients must trust. */
  readonly certificate: { readonly fingerprint256: string; readonly validTo: string } | null;
}

/** Who `mock.send` goes to. */
export type MockTarget =
  | { readonly kind: 'conn'; readonly id: number }
  | { readonly kind: 'room'; readonly room: string }
  | { readonly kind: 'all' };

/** A problem in a mock definition's text, where it is. */
export interface MockTextProblem {
  readonly severity: 'error' | 'warning';
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  /** Where in the document: `routes[0].rules[2].match` ('' for the whole text). */
  readonly path: string;
  readonly message: string;
}

/** Whether a mock definition's text would load, and what is wrong with it. */
export interface MockValidation {
  readonly ok: boolean;
  readonly errors: readonly MockTextProblem[];
  readonly warnings: readonly MockTextProblem[];
}

/** A JSON Schema object (draft-07), plain JSON. */
export interface JsonSchemaObject {
  readonly [key: string]: unknown;
}

/** Channels of this workflow: `domain.verb` → input and output. */
export interface MockCommands {
  /** Starts a server (its clients appear in the inspector like any connection); `server.stop` stops it. */
  'mock.start': { input: MockStartInput; output: MockStarted };
  /** Every running server of this console with its clients and rooms. */
  'mock.servers': { input: null; output: readonly MockServer[] };
  /** Sends to one client, a room or every client of a server; answers how many it went to. */
  'mock.send': {
    input: { readonly url: string; readonly to: MockTarget; readonly message: OutgoingInput };
    output: { readonly sent: number };
  };
  /** Starts the close handshake with one client. */
  'mock.close': {
    input: { readonly url: string; readonly conn: number; readonly code?: number; readonly reason?: string };
    output: null;
  };
  /** A mock definition's text (`.yaml`, `.yml` or `.json`, at most 1 MiB). */
  'mock.read': { input: { readonly path: string }; output: { readonly path: string; readonly text: string } };
  /**
   * Saves a mock definition; a server serving it reloads (a `reload` event: ok, or refused with its
   * errors while the last good definition stays). Answers the text's validation.
   */
  'mock.write': {
    input: { readonly path: string; readonly text: string };
    output: { readonly path: string; readonly validation: MockValidation; readonly servers: number };
  };
  /** Checks a definition's text without saving (syntax, schema, then what a schema cannot say). */
  'mock.validate': {
    input: { readonly text: string; readonly format: 'yaml' | 'json'; readonly path?: string };
    output: MockValidation;
  };
  /** The JSON Schema of mock definitions (docs/mock-schema.json), for editor completion. */
  'mock.schema': { input: null; output: JsonSchemaObject };
}

const none: Check = (v, p) => (v === null || v === undefined ? null : `${p}: expected no input`);
const path = str(4096);
const url = str(8192);
const mockText = str(1 << 20);
/** Fastest replay speed the panel takes (recorded gaps divided by it). */
export const MAX_REPLAY_SPEED = 1000;
const speed: Check = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_REPLAY_SPEED
    ? null
    : `${p}: expected a number 0..${MAX_REPLAY_SPEED} (0: no delays)`;
const jsonPaths = list(str(1024), 100);
const outgoing = either(
  obj({ kind: oneOf('text'), text: str(100 << 20) }),
  obj({ kind: oneOf('json'), text: str(100 << 20) }),
  obj({ kind: oneOf('binary'), base64: str(140 << 20) }),
);

/** The input check of each channel above. */
export const MOCK_INPUT_CHECKS: { readonly [C in keyof MockCommands]: Check } = {
  'mock.start': obj({
    behaviour: oneOf('echo', 'broadcast', 'mock', 'replay'),
    'file?': path,
    'host?': str(255),
    'port?': int(0, 65535),
    'tls?': either(obj({ selfSigned: oneOf(true) }), obj({ certFile: path, keyFile: path })),
    'replay?': obj({
      'speed?': speed,
      'correlate?': jsonPaths,
      'ignore?': jsonPaths,
      'window?': int(1, 10_000),
      'onMismatch?': oneOf('warn', 'close'),
      'connections?': list(int(1, 2 ** 31), 1000),
    }),
  }),
  'mock.servers': none,
  'mock.send': obj({
    url,
    to: either(
      obj({ kind: oneOf('conn'), id: int(1, 2 ** 31) }),
      obj({ kind: oneOf('room'), room: str(1024) }),
      obj({ kind: oneOf('all') }),
    ),
    message: outgoing,
  }),
  'mock.close': obj({ url, conn: int(1, 2 ** 31), 'code?': int(0, 65535), 'reason?': str(1024) }),
  'mock.read': obj({ path }),
  'mock.write': obj({ path, text: mockText }),
  'mock.validate': obj({ text: mockText, format: oneOf('yaml', 'json'), 'path?': path }),
  'mock.schema': none,
};
