import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { handshakeViolation } from '../../../shared/protocol/handshake-rules.js';
import { violation } from '../../../shared/protocol/violations.js';
import { rttStats, SessionFacts } from './session-facts.js';

const base = { conn: 1, seq: 0, t: 5, wall: 0 };
const response = (status: number): SessionEvent => ({
  ...base,
  type: 'upgrade-response',
  statusLine: `HTTP/1.1 ${status}`,
  status,
  headers: [],
  body: null,
  ms: 1,
  violations: [handshakeViolation(status === 101 ? 'HANDSHAKE_ACCEPT_MISMATCH' : 'HANDSHAKE_NOT_101')],
});

describe('SessionFacts', () => {
  it('a refused upgrade is a failed connect, not a violation; a bad 101 is one', () => {
    const refused = new SessionFacts();
    refused.take(response(503));
    expect(refused.peerViolations).toEqual([]);
    const bad = new SessionFacts();
    bad.take(response(101));
    expect(bad.peerViolations.map((v) => v.code)).toEqual(['HANDSHAKE_ACCEPT_MISMATCH']);
  });

  it('counts only error-severity violations in what the peer sent', () => {
    const facts = new SessionFacts();
    const message = { ...base, type: 'message', index: 0, opcodeName: 'text', firstFrame: 0, frameCount: 1, offset: 0, wireLength: 3, compressed: false, size: 3 } as const;
    facts.take({ ...message, dir: 'out', violations: [violation('INVALID_UTF8')] });
    facts.take({ ...message, dir: 'in', violations: [violation('NON_MINIMAL_LENGTH')] });
    facts.take({ ...base, type: 'stream-end', dir: 'in', bytes: 3, violations: [violation('TRUNCATED_FRAME')] });
    expect(facts.peerViolations.map((v) => v.code)).toEqual(['TRUNCATED_FRAME']);
    expect(facts.counts).toEqual({ in: { messages: 1, bytes: 3, frames: 0 }, out: { messages: 1, bytes: 3, frames: 0 } });
  });

  it('times are relative to the first connect', () => {
    const facts = new SessionFacts();
    facts.take({ ...base, t: 100, type: 'connecting', role: 'client', url: 'ws://h/', attempt: 1, session: 1 });
    facts.take({ ...base, t: 900, type: 'connecting', role: 'client', url: 'ws://h/', attempt: 2, session: 1 });
    expect([facts.since(1100), facts.attempt]).toEqual([1000, 2]);
  });
});

describe('rttStats', () => {
  it('min, median, p95, max', () => {
    expect(rttStats([])).toBeNull();
    expect(rttStats([3, 1, 2])).toEqual({ count: 3, min: 1, median: 2, p95: 3, max: 3 });
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(rttStats(hundred)).toMatchObject({ median: 50, p95: 95, max: 100 });
  });
});
