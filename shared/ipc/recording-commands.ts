/** Recordings: record, open recordings and HAR files, export, replay with a diff, serve as a mock. */
import type { ConversationSource } from '../interchange/conversation.js';
import type { ReplayMode, ReplayReport } from '../replay/replay-report.js';
import { bool, int, list, obj, oneOf, str, type Check } from './validate.js';

/** What a recording keeps: some client sessions (every reconnect attempt) and single connections. */
export interface RecordingScope {
  readonly sessions: readonly number[];
  readonly conns: readonly number[];
}

/** A recording the console is writing. */
export interface ActiveRecordingInfo {
  /** Its id in this console (`recording.stop` takes it). */
  readonly recording: number;
  readonly path: string;
  /** Wall clock at the start, ms since the Unix epoch. */
  readonly startedAt: number;
  /** Null: every connection of the console. */
  readonly scope: RecordingScope | null;
}

/** What `recording.status` tells: the recordings under way and where recordings go by default. */
export interface RecordingStatus {
  /** Oldest first; several may run at once (all connections, and single sessions). */
  readonly active: readonly ActiveRecordingInfo[];
  /** The last recording stopped in this console, null before the first. */
  readonly last: string | null;
  /** The folder new recordings go to by default (`recordings/` in the data folder). */
  readonly dir: string;
}

/** A file in the recordings folder. */
export interface RecordingFile {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  /** Last change, ms since the Unix epoch. */
  readonly modified: number;
}

/** One connection of an opened file, as the inspector now shows it. */
export interface OpenedConnection {
  /** Its id in the console (a fresh one: select it in the sidebar or filter the inspector by it). */
  readonly conn: number;
  /** Its id in the file. */
  readonly recorded: number;
  readonly url: string;
  readonly messages: number;
  /** Frame rows with wire bytes (wstap recordings), or message rows only (HAR, mitmproxy). */
  readonly frames: number;
}

/** A file opened into the inspector. */
export interface OpenedRecording {
  readonly path: string;
  readonly source: ConversationSource;
  readonly connections: readonly OpenedConnection[];
  /** What reading it noticed (an importer's notes, a truncated last line). */
  readonly warnings: readonly string[];
}

/** Formats `recording.export` writes. */
export type ExportFormat = 'har' | 'k6' | 'playwright';

/** Where an export went. */
export interface ExportResult {
  readonly output: string;
  readonly format: ExportFormat;
  readonly connections: number;
  readonly messages: number;
  readonly warnings: readonly string[];
}

/** How a replay goes and what it found so far. */
export interface ReplayProgress {
  readonly replay: number;
  readonly path: string;
  readonly target: string;
  readonly mode: ReplayMode;
  /** Messages sent plus expected messages matched, out of `total`. */
  readonly done: number;
  readonly total: number;
  readonly finished: boolean;
  /** The report once finished (payloads cut to 64 KiB each); null before. */
  readonly report: ReplayReport | null;
  /** Why it could not run (bad file, bad target), null otherwise. */
  readonly error: string | null;
  /** The live connections the replay opened (console ids, in the sidebar). */
  readonly liveConns: readonly number[];
}

/** How a replay goes, pushed in event batches while it runs (the report: `recording.replayStatus`). */
export type ReplayTick = Pick<ReplayProgress, 'replay' | 'done' | 'total' | 'finished'>;

/** A recording served as a mock server. */
export interface MockServed {
  readonly url: string;
  readonly path: string;
  readonly connections: number;
}

/** Channels of this workflow: `domain.verb` → input and output. */
export interface RecordingCommands {
  'recording.status': { input: null; output: RecordingStatus };
  /**
   * Records from now on (default: a timestamped file in the recordings folder) every connection
   * of the console, or only `sessions` (client sessions, every reconnect attempt) and `conns`.
   */
  'recording.start': {
    input: {
      readonly path?: string;
      readonly sessions?: readonly number[];
      readonly conns?: readonly number[];
    };
    output: RecordingStatus;
  };
  /** Stops one recording (its last lines written, the file closed). */
  'recording.stop': { input: { readonly recording: number }; output: RecordingStatus };
  /** The recordings folder's files, newest first. */
  'recording.list': { input: null; output: readonly RecordingFile[] };
  /** Opens a wstap recording, HAR file or mitmproxy flows into the inspector as closed connections. */
  'recording.open': { input: { readonly path: string }; output: OpenedRecording };
  /** A dropped file's bytes, in chunks, to a temp file main then opens: begin with its name and size. */
  'recording.uploadBegin': {
    input: { readonly name: string; readonly bytes: number };
    output: { readonly upload: number };
  };
  'recording.uploadChunk': {
    input: { readonly upload: number; readonly base64: string };
    output: { readonly received: number };
  };
  /** Ends the upload; answers the temp file's path. */
  'recording.uploadEnd': { input: { readonly upload: number }; output: { readonly path: string } };
  'recording.export': {
    input: { readonly path: string; readonly format: ExportFormat; readonly output?: string };
    output: ExportResult;
  };
  /**
   * Starts replaying a file against a URL (its recorded URLs when none); its progress is pushed in
   * the batches (`replays`), and `recording.replayStatus` has the report once finished.
   */
  'recording.replay': {
    input: {
      readonly path: string;
      readonly target?: string;
      readonly mode: ReplayMode;
      /** `timed`: recorded gaps divided by this. */
      readonly speed?: number;
      readonly timeoutMs?: number;
      readonly match?: 'exact' | 'json' | 'shape' | 'type';
      /** JSON paths not compared, e.g. `$.at`. */
      readonly ignore?: readonly string[];
    };
    output: ReplayProgress;
  };
  'recording.replayStatus': { input: { readonly replay: number }; output: ReplayProgress };
  'recording.replayCancel': { input: { readonly replay: number }; output: null };
  /** Serves a file as a replay mock server on 127.0.0.1 (a free port unless told). */
  'recording.serve': {
    input: { readonly path: string; readonly port?: number; readonly noDelays?: boolean };
    output: MockServed;
  };
  'recording.stopServe': { input: { readonly url: string }; output: null };
}

const path = str(4096);
const id = int(1, 2 ** 31);
const none: Check = (v, p) => (v === null || v === undefined ? null : `${p}: expected no input`);
const positive =
  (max: number): Check =>
  (v, p) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max
      ? null
      : `${p}: expected a number 0..${max}`;

/** Most bytes a dropped file may have (browser mode sends them over the bridge). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** Most bytes of one upload chunk (before base64). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** The input check of each channel above. */
export const RECORDING_INPUT_CHECKS: { readonly [C in keyof RecordingCommands]: Check } = {
  'recording.status': none,
  'recording.start': obj({ 'path?': path, 'sessions?': list(id, 1000), 'conns?': list(id, 1000) }),
  'recording.stop': obj({ recording: id }),
  'recording.list': none,
  'recording.open': obj({ path }),
  'recording.uploadBegin': obj({ name: str(255), bytes: int(0, MAX_UPLOAD_BYTES) }),
  'recording.uploadChunk': obj({ upload: id, base64: str(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4) }),
  'recording.uploadEnd': obj({ upload: id }),
  'recording.export': obj({ path, format: oneOf('har', 'k6', 'playwright'), 'output?': path }),
  'recording.replay': obj({
    path,
    'target?': str(8192),
    mode: oneOf('lockstep', 'timed', 'fast'),
    'speed?': positive(1000),
    'timeoutMs?': int(1, 600_000),
    'match?': oneOf('exact', 'json', 'shape', 'type'),
    'ignore?': list(str(1024), 100),
  }),
  'recording.replayStatus': obj({ replay: id }),
  'recording.replayCancel': obj({ replay: id }),
  'recording.serve': obj({ path, 'port?': int(0, 65535), 'noDelays?': bool }),
  'recording.stopServe': obj({ url: str(8192) }),
};
