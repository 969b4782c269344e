/**
 * What crosses the bridge instead of exceptions (house-style rule 4): a value, or an error with a
 * stable code and a message a user can act on. Both hosts (Electron IPC, browser-mode WebSocket)
 * return exactly these.
 */

/** Codes the bridge itself adds to the engine's (shared/model/error-codes.ts). */
export const BRIDGE_ERROR_CODES = {
  BAD_INPUT: 'a command was called with input of the wrong shape (the message names the field)',
  UNKNOWN_COMMAND: 'no command has that name',
  FORBIDDEN_SENDER: 'the call came from a frame or page that is not the console',
  INTERNAL: 'the command failed unexpectedly (a bug: please report it)',
  DISCONNECTED: 'the console lost its connection to wstap (the process ended or the page was reloaded)',
  UNKNOWN_MESSAGE: 'no stored message has that id',
  UNKNOWN_SERVER: 'no server the console started listens on that URL',
  SAVED_UNREADABLE:
    'a saved connections or messages file is not valid JSON of the expected shape; it was moved aside (.bad-<time>) and the list starts empty',
  SAVED_WRITE_FAILED: 'a saved connections or messages file could not be written (the message says why)',
} as const;

/** An error that crossed the bridge. */
export interface BridgeError {
  /** A stable SCREAMING_SNAKE code: an engine code or one of BRIDGE_ERROR_CODES. */
  readonly code: string;
  readonly message: string;
}

/** A command's answer. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeError };

/** A successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed Result. */
export function fail(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
