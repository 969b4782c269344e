import { closeCodeLabel } from '../../../shared/protocol/close-codes.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { isFailureCode, type FailOn } from './values.js';

/** How a `connect` run went, as far as its exit code cares. */
export interface RunOutcome {
  /** Some connection of the session opened. */
  readonly opened: boolean;
  /** The last connection's end: the code an application sees and who sent Close first. */
  readonly closed: { readonly code: number; readonly initiator: 'us' | 'peer' | 'none' } | null;
  /** The first error-severity violation in what the peer sent, if any. */
  readonly peerViolation: { readonly code: string } | null;
  readonly expectations: { readonly total: number; readonly met: number; readonly timedOut: boolean };
  readonly failOn: FailOn;
}

/** The exit code and, for a non-zero one, why (one line for stderr). */
export interface ExitDecision {
  readonly code: ExitCode;
  readonly why: string | null;
}

/**
 * The exit code of a `connect` run. The most specific cause wins, in this order: the connection
 * never opened (3); the peer broke the protocol (7); expectations met (0) or timed out (6); the
 * connection dropped without a close handshake (4); the peer closed with a failure code (5).
 * A close we started is judged only by whether it completed: our own code is not a failure.
 */
export function decideExit(outcome: RunOutcome): ExitDecision {
  const { closed, expectations } = outcome;
  if (!outcome.opened) return { code: EXIT.CONNECT_FAILED, why: 'the connection never opened' };
  if (outcome.peerViolation) return { code: EXIT.PROTOCOL_VIOLATION, why: `the peer broke the protocol (${outcome.peerViolation.code})` };
  const unmet = expectations.total - expectations.met;
  if (expectations.total > 0 && unmet === 0) return { code: EXIT.OK, why: null };
  if (expectations.timedOut) return { code: EXIT.EXPECT_TIMEOUT, why: `${unmet} of ${expectations.total} expected message${expectations.total === 1 ? '' : 's'} did not arrive in time` };
  const byClose = closeDecision(closed, outcome.failOn);
  if (byClose.code !== EXIT.OK || unmet === 0) return byClose;
  // The connection ended cleanly before what was expected came: still the expectation failing.
  return { code: EXIT.EXPECT_TIMEOUT, why: `the connection closed before ${unmet} of ${expectations.total} expected message${expectations.total === 1 ? '' : 's'} arrived` };
}

function closeDecision(closed: RunOutcome['closed'], failOn: FailOn): ExitDecision {
  if (closed === null) return { code: EXIT.OK, why: null };
  if (closed.code === 1006) return { code: EXIT.ABNORMAL_CLOSURE, why: 'abnormal closure (1006): no close handshake' };
  if (closed.initiator === 'peer' && isFailureCode(failOn, closed.code)) {
    const rule = failOn.kind === 'default' ? 'any code but 1000, 1001 and 1005 unless --fail-on says otherwise' : '--fail-on';
    return { code: EXIT.FAILURE_CLOSE_CODE, why: `the peer closed with ${closeCodeLabel(closed.code)}, a failure code (${rule})` };
  }
  return { code: EXIT.OK, why: null };
}
