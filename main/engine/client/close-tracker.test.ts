import { describe, expect, it } from 'vitest';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import type { FrameFact } from '../tap/frame-fact.js';
import { CloseTracker } from './close-tracker.js';

const control = (dir: 'in' | 'out', opcode: number, payload: string, t: number): FrameFact => ({
  dir,
  t,
  opcode,
  fin: true,
  rsv: [false, false, false],
  masked: dir === 'out',
  payloadLength: payload.length,
  control: Buffer.from(payload),
  close: null,
  violations: [],
});
const trips = (tracker: CloseTracker, facts: FrameFact[]) =>
  tracker.onFrames(facts).map((t) => [Buffer.from(t.payload).toString(), t.rtt]);

describe('round trips', () => {
  it('match a pong to the ping with its payload', () => {
    const tracker = new CloseTracker('client');
    expect(trips(tracker, [control('out', OPCODE.PING, 'a', 10)])).toEqual([]);
    expect(trips(tracker, [control('in', OPCODE.PONG, 'b', 11)])).toEqual([]);
    expect(trips(tracker, [control('in', OPCODE.PONG, 'a', 12.5)])).toEqual([['a', 2.5]]);
    // Answered once: a second pong with that payload is unsolicited.
    expect(trips(tracker, [control('in', OPCODE.PONG, 'a', 13)])).toEqual([]);
  });

  it('match a pong reported before its ping (the directions are decoded apart), by their times', () => {
    const tracker = new CloseTracker('client');
    expect(trips(tracker, [control('in', OPCODE.PONG, 'rtt?', 22.273)])).toEqual([]);
    const [trip] = trips(tracker, [control('out', OPCODE.PING, 'rtt?', 22.122)]);
    expect(trip![0]).toBe('rtt?');
    expect(trip![1]).toBeCloseTo(0.151, 6);
    // A pong older than the ping cannot answer it: the ping waits for its own.
    expect(trips(tracker, [control('in', OPCODE.PONG, 'x', 5)])).toEqual([]);
    expect(trips(tracker, [control('out', OPCODE.PING, 'x', 6)])).toEqual([]);
    expect(trips(tracker, [control('in', OPCODE.PONG, 'x', 7)])).toEqual([['x', 1]]);
  });

  it('keep few unanswered early pongs (unsolicited heartbeats never find a ping)', () => {
    const tracker = new CloseTracker('client');
    for (let i = 0; i < 100; i++) trips(tracker, [control('in', OPCODE.PONG, `hb${i}`, i)]);
    expect(trips(tracker, [control('out', OPCODE.PING, 'hb0', 0)])).toEqual([]);
    expect(trips(tracker, [control('out', OPCODE.PING, 'hb99', 50)])).toEqual([['hb99', 49]]);
  });
});
