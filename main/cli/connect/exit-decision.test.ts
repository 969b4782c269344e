import { describe, expect, it } from 'vitest';
import { EXIT } from '../exit-codes.js';
import { decideExit, type RunOutcome } from './exit-decision.js';

const clean: RunOutcome = {
  opened: true,
  closed: { code: 1000, initiator: 'us' },
  peerViolation: null,
  expectations: { total: 0, met: 0, timedOut: false },
  failOn: { kind: 'default' },
};
const code = (changes: Partial<RunOutcome>) => decideExit({ ...clean, ...changes }).code;

describe('decideExit', () => {
  it('0 for a clean close either way, and for an empty Close (1005)', () => {
    expect(decideExit(clean)).toEqual({ code: EXIT.OK, why: null });
    expect(code({ closed: { code: 1001, initiator: 'peer' } })).toBe(EXIT.OK);
    expect(code({ closed: { code: 1005, initiator: 'peer' } })).toBe(EXIT.OK);
  });

  it('3 when no connection opened, whatever else happened', () => {
    expect(code({ opened: false, closed: { code: 1006, initiator: 'none' }, peerViolation: { code: 'HANDSHAKE_ACCEPT_MISMATCH' } })).toBe(EXIT.CONNECT_FAILED);
  });

  it('7 when the peer broke the protocol, even if it then closed cleanly or the expectation was met', () => {
    expect(code({ peerViolation: { code: 'RSV_NOT_NEGOTIATED' }, closed: { code: 1002, initiator: 'us' } })).toBe(EXIT.PROTOCOL_VIOLATION);
    expect(code({ peerViolation: { code: 'INVALID_UTF8' }, expectations: { total: 1, met: 1, timedOut: false } })).toBe(EXIT.PROTOCOL_VIOLATION);
  });

  it('4 for 1006, whoever started it', () => {
    expect(code({ closed: { code: 1006, initiator: 'none' } })).toBe(EXIT.ABNORMAL_CLOSURE);
    expect(code({ closed: { code: 1006, initiator: 'us' } })).toBe(EXIT.ABNORMAL_CLOSURE);
  });

  it('5 when the peer closed with a failure code; our own close code never is one', () => {
    expect(decideExit({ ...clean, closed: { code: 4001, initiator: 'peer' } })).toEqual({
      code: EXIT.FAILURE_CLOSE_CODE,
      why: 'the peer closed with 4001 Private use, a failure code (any code but 1000, 1001 and 1005 unless --fail-on says otherwise)',
    });
    expect(code({ closed: { code: 1011, initiator: 'peer' } })).toBe(EXIT.FAILURE_CLOSE_CODE);
    expect(code({ closed: { code: 4001, initiator: 'us' } })).toBe(EXIT.OK);
    expect(code({ closed: { code: 4001, initiator: 'peer' }, failOn: { kind: 'ranges', ranges: [] } })).toBe(EXIT.OK);
    expect(code({ closed: { code: 1000, initiator: 'peer' }, failOn: { kind: 'ranges', ranges: [[1000, 1000]] } })).toBe(EXIT.FAILURE_CLOSE_CODE);
  });

  it('expectations: met is 0 however the close went; unmet is 6, or the close failure that cut them short', () => {
    expect(code({ expectations: { total: 2, met: 2, timedOut: false }, closed: { code: 1006, initiator: 'us' } })).toBe(EXIT.OK);
    expect(decideExit({ ...clean, expectations: { total: 2, met: 1, timedOut: true } })).toEqual({
      code: EXIT.EXPECT_TIMEOUT,
      why: '1 of 2 expected messages did not arrive in time',
    });
    expect(code({ expectations: { total: 1, met: 0, timedOut: false }, closed: { code: 1000, initiator: 'peer' } })).toBe(EXIT.EXPECT_TIMEOUT);
    expect(code({ expectations: { total: 1, met: 0, timedOut: false }, closed: { code: 1006, initiator: 'none' } })).toBe(EXIT.ABNORMAL_CLOSURE);
    expect(code({ expectations: { total: 1, met: 0, timedOut: false }, closed: { code: 4001, initiator: 'peer' } })).toBe(EXIT.FAILURE_CLOSE_CODE);
  });
});
