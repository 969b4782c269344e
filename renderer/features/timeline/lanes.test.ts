import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { applyEvents } from '../../store/connections.js';
import { engineNow, laneAt, lanesExtent, lanesOf } from './lanes.js';
import { attemptsOf, reconnectsOf } from './reconnects.js';

const ev = (e: Record<string, unknown>) => ({ seq: 0, wall: 10_000 + (e.t as number), ...e }) as unknown as SessionEvent;
const closedEvent = (conn: number, t: number, code: number, tcpClean: boolean) =>
  ev({ type: 'closed', conn, t, initiator: 'us', sent: null, received: null, code, handshakeMs: null, tcpClean, explanation: '', duration: 0, framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0 });

const events: SessionEvent[] = [
  ev({ type: 'connecting', conn: 2, t: 50, role: 'client', url: 'ws://b', attempt: 1, session: 5 }),
  ev({ type: 'connecting', conn: 1, t: 10, role: 'client', url: 'ws://a', attempt: 1, session: 4 }),
  ev({ type: 'open', conn: 1, t: 20, subprotocol: null, extensions: null, ms: 10 }),
  closedEvent(1, 300, 1000, true),
  ev({ type: 'reconnect', conn: 1, t: 301, attempt: 2, delayMs: 250, reason: 'closed 1006' }),
  ev({ type: 'connecting', conn: 3, t: 551, role: 'client', url: 'ws://a', attempt: 2, session: 4 }),
  closedEvent(3, 600, 1006, false),
  ev({ type: 'session-end', conn: 3, t: 601, session: 4, attempts: 2, reason: 'maxAttempts reached' }),
];

describe('swimlanes', () => {
  const connections = applyEvents({}, events);

  it('makes one lane per connection in start order; live ones end now', () => {
    const lanes = lanesOf(connections, 700);
    expect(lanes.map((l) => l.conn)).toEqual([1, 2, 3]);
    expect(lanes[0]).toMatchObject({ start: 10, end: 300, openT: 20, closeT: 300, cleanClose: true, label: 'ws://a' });
    expect(lanes[1]).toMatchObject({ start: 50, end: 700, openT: null, closeT: null, state: 'connecting' });
    expect(lanes[2]).toMatchObject({ state: 'failed', cleanClose: false });
    expect(lanesExtent(lanes)).toEqual([10, 700]);
    expect(lanesExtent([])).toBeNull();
    expect(lanesOf(connections, 700, 2).map((l) => l.conn)).toEqual([2, 3]);
  });

  it('finds the engine clock from a connection’s anchor and the lane under y', () => {
    expect(engineNow(connections[1]!, 10_500)).toBe(500);
    expect(laneAt(0, 20, 3)).toBe(0);
    expect(laneAt(59, 20, 3)).toBe(2);
    expect(laneAt(60, 20, 3)).toBe(-1);
    expect(laneAt(-1, 20, 3)).toBe(-1);
  });

  it('lists a session’s reconnects and its end across its connections', () => {
    expect(reconnectsOf(connections, 4)).toEqual([
      { conn: 1, t: 301, kind: 'reconnect', attempt: 2, delayMs: 250, reason: 'closed 1006' },
      { conn: 3, t: 601, kind: 'end', attempt: 2, delayMs: null, reason: 'maxAttempts reached' },
    ]);
    expect(reconnectsOf(connections, 5)).toEqual([]);
    expect(attemptsOf(connections, 4)).toEqual([
      { conn: 1, attempt: 1, state: 'closed' },
      { conn: 3, attempt: 2, state: 'failed' },
    ]);
  });
});
