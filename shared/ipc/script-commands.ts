/** Script editor: open, save, run and stop scripts. */
import type { ScriptOutcome } from '../model/events.js';
import { int, list, obj, str, type Check } from './validate.js';

/** A script file in a listed folder. */
export interface ScriptFileEntry {
  /** File name, e.g. `chat.ws.ts`. */
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  readonly size: number;
  /** Last change, wall-clock ms. */
  readonly mtime: number;
}

/** A folder's scripts. */
export interface ScriptFolder {
  /** The absolute folder listed. */
  readonly dir: string;
  readonly files: readonly ScriptFileEntry[];
}

/** One run of a script, as the editor shows it. */
export interface ScriptRunInfo {
  readonly run: number;
  readonly name: string;
  readonly file: string;
  readonly state: 'running' | 'ended';
  /** Wall-clock ms when it started. */
  readonly started: number;
  /** Set once it ended. */
  readonly outcome: ScriptOutcome | null;
  /** "file:line:column: what" (one per line when checks failed too), or null. */
  readonly failure: string | null;
  readonly passed: number;
  readonly failed: number;
  /** "4 expectations passed, 1 failed (0.8 s)" once it ended, else ''. */
  readonly report: string;
  /** Connections the script opened (their ids in the inspector), in order. */
  readonly conns: readonly number[];
  /** Log lines so far (the first `firstLine` of them are no longer kept). */
  readonly lines: number;
  readonly firstLine: number;
}

/** A line the script wrote (console.log, log(), console.error). */
export interface ScriptLogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

/** A completion entry derived from types/script.d.ts. */
export interface ScriptCompletion {
  readonly label: string;
  /** What it belongs to: null for the module's exports, else the interface (`Connection`, `Assert`, `Message`, …). */
  readonly owner: string | null;
  readonly kind: 'function' | 'method' | 'property' | 'variable' | 'type' | 'interface';
  /** The signature (`connect(url: string, options?: ConnectOptions): Promise<Connection>`). */
  readonly detail: string;
  /** The doc comment, '' when none. */
  readonly info: string;
}

/** Channels of this workflow: `domain.verb` → input and output. */
export interface ScriptCommands {
  /** The scripts (`.ts .mts .js .mjs`) of a folder; default the data folder's `scripts/` (created). */
  'script.list': { input: { readonly dir?: string }; output: ScriptFolder };
  'script.read': {
    input: { readonly path: string };
    output: { readonly path: string; readonly text: string };
  };
  /** Writes a script file (only script extensions; the folder must exist). */
  'script.write': { input: { readonly path: string; readonly text: string }; output: ScriptFileEntry };
  /** Starts a run; its progress comes as `script` events and through `script.output`. */
  'script.run': {
    input: {
      readonly path: string;
      readonly args?: readonly string[];
      /** Wall-clock limit, ms (default 60 000). */
      readonly timeout?: number;
      readonly expectTimeout?: number;
    };
    output: ScriptRunInfo;
  };
  'script.stop': { input: { readonly run: number }; output: null };
  /** Every run of this console, newest last. */
  'script.runs': { input: null; output: readonly ScriptRunInfo[] };
  /** A run's state and its log lines from index `from` on (at most 2000 per call). */
  'script.output': {
    input: { readonly run: number; readonly from: number };
    output: { readonly info: ScriptRunInfo; readonly from: number; readonly lines: readonly ScriptLogLine[] };
  };
  /** Completion entries of the script API (connect, Connection members, assert, …). */
  'script.completions': { input: null; output: readonly ScriptCompletion[] };
}

const path = str(4096);
const none: Check = (v, p) => (v === null || v === undefined ? null : `${p}: expected no input`);

/** The input check of each channel above. */
export const SCRIPT_INPUT_CHECKS: { readonly [C in keyof ScriptCommands]: Check } = {
  'script.list': obj({ 'dir?': path }),
  'script.read': obj({ path }),
  'script.write': obj({ path, text: str(4 << 20) }),
  'script.run': obj({
    path,
    'args?': list(str(8192), 200),
    'timeout?': int(1, 24 * 3600_000),
    'expectTimeout?': int(1, 3600_000),
  }),
  'script.stop': obj({ run: int(1, 2 ** 31) }),
  'script.runs': none,
  'script.output': obj({ run: int(1, 2 ** 31), from: int(0, Number.MAX_SAFE_INTEGER) }),
  'script.completions': none,
};
