/** A script's outcome as wstap's exit code (main/cli/exit-codes.ts). */
import type { ScriptOutcome } from '../../../shared/model/events.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

const CODES: Readonly<Record<ScriptOutcome, ExitCode>> = {
  passed: EXIT.OK,
  assertion: EXIT.SCRIPT_FAILED,
  expectation: EXIT.EXPECT_TIMEOUT,
  'unexpected-close': EXIT.SCRIPT_UNEXPECTED_CLOSE,
  'connect-failed': EXIT.CONNECT_FAILED,
  error: EXIT.SCRIPT_ERROR,
  timeout: EXIT.SCRIPT_TIMEOUT,
  syntax: EXIT.USAGE,
  unreadable: EXIT.USAGE,
  stopped: EXIT.INTERRUPTED,
};

export function exitCodeOf(outcome: ScriptOutcome): ExitCode {
  return CODES[outcome];
}
