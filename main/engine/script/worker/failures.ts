/**
 * Why a script failed. A ScriptFailure carries its kind (which decides the exit code) and the
 * stack of the API call that failed (captured when the script called expect, connect, send…), so
 * the report names the script's own line even though the failure is detected later, in an event.
 */
import type { ScriptOutcome } from '../../../../shared/model/events.js';
import { escapeText } from '../../../../shared/protocol/describe.js';

export type FailureKind = Exclude<ScriptOutcome, 'passed' | 'timeout' | 'syntax' | 'unreadable' | 'stopped'>;

export class ScriptFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** The stack of the script's call this failure belongs to. */
    readonly callStack: string | undefined,
  ) {
    super(message);
    this.name = kind === 'assertion' ? 'AssertionError' : 'ScriptFailure';
  }
}

/** connect() failed: with the server's answer when it refused the upgrade. */
export class ConnectFailure extends ScriptFailure {
  constructor(
    message: string,
    callStack: string | undefined,
    readonly status: number | null,
    readonly body: string | null,
  ) {
    super('connect-failed', message, callStack);
    this.name = 'ConnectError';
  }
}

/** The stack of the caller, captured cheaply (a script calls the API a few thousand times at most). */
export function callSite(): string | undefined {
  return new Error().stack;
}

/** A value as a short one-line preview for failure messages. */
export function preview(value: unknown, max = 80): string {
  let text: string;
  // Quoted, control characters and backslashes escaped once (JSON.stringify would escape quotes too).
  if (typeof value === 'string') text = `"${escapeText(value)}"`;
  else if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else if (typeof value === 'function') text = value.name ? `${value.name}()` : 'a predicate';
  else if (value instanceof RegExp) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
