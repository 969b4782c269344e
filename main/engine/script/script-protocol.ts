/**
 * What a script's worker thread and the engine say to each other. The engine (main thread) owns
 * every connection; the worker runs the user's code and asks for connects, sends and closes by
 * request id; the engine answers each request and streams the events of the script's connections
 * to the worker in batches. Everything here crosses a MessagePort (structured clone).
 */
import type { SessionEvent, ScriptOutcome } from '../../../shared/model/events.js';
import type { ClientOptions, Outgoing } from '../client/client-options.js';
import type { CloseRequest, SendOptions } from '../client/send.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';

/** The names a script can import from 'wstap' (the module shim exports exactly these). */
export const API_NAMES = [
  'connect',
  'sleep',
  'every',
  'log',
  'assert',
  'check',
  'env',
  'args',
  'scriptName',
] as const;

/** The global the worker puts its API on for the module shim to read. */
export const API_GLOBAL = 'wstap.script.api';

/** Module specifiers that mean the script API. */
export const API_SPECIFIERS: ReadonlySet<string> = new Set(['wstap', 'wstap/script']);

/** What the worker starts with (workerData). */
export interface WorkerStart {
  /** File URL of the module to import (the transpiled one for TypeScript). */
  readonly entryUrl: string;
  /** The user's script, as named in reports. */
  readonly file: string;
  readonly name: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** File URL of the loader hooks that map 'wstap' to the API shim. */
  readonly hooksUrl: string;
  /** Default expect timeout, ms. */
  readonly expectTimeout: number;
  /** performance.timeOrigin-independent start: the engine's `t` when the run started. */
  readonly startT: number;
}

/** A request of the worker; the engine answers with the same id. */
export type ScriptCall =
  | { readonly op: 'connect'; readonly options: ClientOptions }
  | {
      readonly op: 'send';
      readonly session: number;
      readonly message: Outgoing;
      readonly options?: SendOptions;
    }
  | { readonly op: 'ping' | 'pong'; readonly session: number; readonly payload?: string | Uint8Array }
  | { readonly op: 'raw'; readonly session: number; readonly frames: readonly FrameSpec[] }
  | { readonly op: 'bytes'; readonly session: number; readonly bytes: Uint8Array }
  | { readonly op: 'close'; readonly session: number; readonly request: CloseRequest }
  | { readonly op: 'terminate'; readonly session: number };

/** How a script ended, as the worker reports it. */
export interface WorkerResult {
  readonly outcome: ScriptOutcome;
  /** The failure's text, e.g. "expected … within 5000 ms; 2 messages came: …". */
  readonly message?: string;
  /** A stack to find the script's line in (the failing call's, or the error's). */
  readonly stack?: string;
  readonly passed: number;
  readonly failed: number;
  /** Soft failures (check) that did not stop the script, already located. */
  readonly softFailures: readonly { readonly message: string; readonly stack: string }[];
}

/** Worker → engine. */
export type FromWorker =
  | { readonly kind: 'call'; readonly id: number; readonly call: ScriptCall }
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string }
  | { readonly kind: 'result'; readonly result: WorkerResult };

/** Engine → worker. */
export type ToWorker =
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | {
      readonly kind: 'reply';
      readonly id: number;
      readonly ok: false;
      readonly code: string;
      readonly message: string;
    }
  | { readonly kind: 'events'; readonly events: readonly SessionEvent[] };
