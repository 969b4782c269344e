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
  MOCK_FILE_REFUSED:
    'the console reads and writes mock definitions only: .yaml, .yml or .json files of at most 1 MiB',
  MOCK_WRITE_FAILED: 'a mock definition file could not be written (the message says why)',
  SCRIPT_FILE:
    'a script file or folder cannot be listed, read or written (not there, not a script, too large; the message says which)',
  UNKNOWN_RUN: 'no script run of this console has that id',
  DECODER_FAILED: 'the payload could not be decoded with the chosen decoder (the message says why)',
  DECODER_INVALID:
    'a decoder cannot be used: the .proto does not parse, the message type is not in it, or the module cannot be loaded',
  UNKNOWN_PROXY: 'no proxy the console started has that id',
  UNKNOWN_RULE: 'the proxy has no message rule with that id',
  RECORDING_BUSY: 'a recording is already under way (stop it first), or none is when stopping',
  RECORDING_FILE:
    'a recording file or folder cannot be listed, written or exported to (the message says why)',
  UNKNOWN_UPLOAD: 'no file upload of this console has that id (it ended or was never begun)',
  UPLOAD_TOO_LARGE:
    'a dropped file is larger than the console takes over the bridge, or more bytes came than announced',
  UNKNOWN_REPLAY: 'no replay of this console has that id',
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
