/**
 * wstap's exit codes, one table for every command (documented in `wstap --help` and the README),
 * so scripts and CI can tell outcomes apart.
 */
export const EXIT = {
  /** Clean close (1000/1001), expected message arrived, or nothing wrong found. */
  OK: 0,
  /** A bug in wstap: an unexpected internal error. */
  INTERNAL: 1,
  /** Bad arguments or unreadable input. */
  USAGE: 2,
  /** Could not connect, or the server refused the handshake. */
  CONNECT_FAILED: 3,
  /** The connection ended without a close handshake (1006). */
  ABNORMAL_CLOSURE: 4,
  /** The peer closed with a code the user listed as failure. */
  FAILURE_CLOSE_CODE: 5,
  /** The expected message did not arrive in time. */
  EXPECT_TIMEOUT: 6,
  /** A protocol violation was seen. */
  PROTOCOL_VIOLATION: 7,
  /** A replay differed from its recording (missing, extra or different messages, another close). */
  REPLAY_DIFFERS: 8,
  /** A script's assertion or check failed (`wstap run`); some script failed (`wstap test`). */
  SCRIPT_FAILED: 9,
  /** A script's connection closed while the script still needed it. */
  SCRIPT_UNEXPECTED_CLOSE: 10,
  /** A script threw an error (not an assertion). */
  SCRIPT_ERROR: 11,
  /** A script ran past --timeout and was stopped. */
  SCRIPT_TIMEOUT: 12,
  /** Interrupted with Ctrl-C before a script finished. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit-code table as help text. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success: clean close (1000/1001), expected message arrived, no violation found
  1  internal error in wstap (a bug: please report it)
  2  usage error: bad arguments or unreadable input
  3  connection or handshake failed
  4  abnormal closure (1006: no close handshake)
  5  the peer closed with a code listed as failure
  6  the expected message did not arrive in time
  7  a protocol violation was seen
  8  a replay differed from its recording
  9  a script's assertion or check failed (wstap test: some script failed)
  10 a script's connection closed while the script still needed it
  11 a script threw an error
  12 a script ran past --timeout and was stopped
  130 interrupted (Ctrl-C) before the script finished`;
