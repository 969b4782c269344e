import { describe, expect, it } from 'vitest';
import type { ClosedEvent } from '../../../shared/model/events.js';
import { closeSummary } from './close-summary.js';

const closed = (change: Partial<ClosedEvent>): ClosedEvent => ({
  conn: 1,
  seq: 9,
  t: 500,
  wall: 0,
  type: 'closed',
  initiator: 'peer',
  sent: { code: 1000, reason: '', t: 490 },
  received: { code: 1001, reason: 'bye', t: 480 },
  code: 1001,
  handshakeMs: 20,
  tcpClean: true,
  explanation: 'server closed with 1001 Going Away "bye"; we answered 1000 Normal Closure after 10 ms',
  duration: 400,
  framesIn: 3,
  framesOut: 4,
  bytesIn: 30,
  bytesOut: 40,
  ...change,
});

describe('closeSummary', () => {
  it('names the initiator, both codes with meanings, the reason, handshake time and TCP', () => {
    const s = closeSummary(closed({}), 'client');
    expect(s.initiator).toBe('the server closed first');
    expect(s.received).toEqual({ code: '1001 Going Away', meaning: expect.stringContaining('going away'), reason: 'bye' });
    expect(s.sent?.code).toBe('1000 Normal Closure');
    expect(s.code).toBe('1001 Going Away');
    expect(s.handshake).toBe('20 ms from the first Close to TCP closed');
    expect(s.tcp).toContain('cleanly');
    expect(s.explanation).toContain('server closed');
    expect(s.traffic).toContain('4 frames / 40 B out');
  });

  it('says so when nobody closed and TCP was cut', () => {
    const s = closeSummary(closed({ initiator: 'none', sent: null, received: null, code: 1006, handshakeMs: null, tcpClean: false }), 'server');
    expect(s.initiator).toBe('nobody sent a Close frame');
    expect(s.sent).toBeNull();
    expect(s.code).toBe('1006 Abnormal Closure');
    expect(s.handshake).toBe('no close handshake');
    expect(s.tcp).toContain('not clean');
  });

  it('describes an empty Close frame', () => {
    const s = closeSummary(closed({ initiator: 'us', received: { code: null, reason: '', t: 1 } }), 'client');
    expect(s.initiator).toContain('we closed first');
    expect(s.received?.code).toContain('empty Close');
  });
});
