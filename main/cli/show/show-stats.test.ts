import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { ClosedEvent, FrameEvent, MessageEvent, SessionEvent } from '../../../shared/model/events.js';
import { encodeFrames } from '../../../shared/protocol/encoder.js';
import { violation } from '../../../shared/protocol/violations.js';
import { CLIENT_FRAMES, exampleSession, SERVER_FRAMES } from '../../../shared/record/session-sim.test-util.js';
import { StatsCollector, type ShowStats } from './show-stats.js';
import { statsLines } from './stats-lines.js';

const stamp = { conn: 1, wall: 0 };

function collect(events: readonly SessionEvent[]): ShowStats {
  const collector = new StatsCollector();
  for (const event of events) collector.take(event);
  return collector.result();
}

const rtt = (t: number, ms: number): SessionEvent => ({ ...stamp, seq: 0, t, type: 'rtt', payload: 'p', rtt: ms });

const closed = (conn: number, code: number, t: number): ClosedEvent => ({
  ...stamp,
  conn,
  seq: 0,
  t,
  type: 'closed',
  initiator: 'peer',
  sent: null,
  received: null,
  code,
  handshakeMs: null,
  tcpClean: false,
  explanation: `server closed with ${code}`,
  duration: t,
  framesIn: 0,
  framesOut: 0,
  bytesIn: 0,
  bytesOut: 0,
});

describe('show --stats', () => {
  const example = exampleSession((bytes) => [bytes]).expected;

  it('counts messages, frames by opcode, control frames and bytes each way', () => {
    const stats = collect(example);
    expect(stats.connections).toEqual([1]);
    expect(stats.urls).toEqual(['ws://127.0.0.1:8080/chat']);
    expect(stats.events).toBe(example.length);
    expect(stats.out).toEqual({
      messages: { total: 4, text: 3, binary: 1 },
      frames: { total: 8, byOpcode: { text: 3, binary: 1, continuation: 2, ping: 1, close: 1 } },
      controlFrames: 2,
      // Every frame header and payload: exactly the bytes the encoder wrote.
      wireBytes: encodeFrames(CLIENT_FRAMES).length,
      payloadBytes: 5 + 300 + 34 + 8,
    });
    expect(stats.in).toEqual({
      messages: { total: 4, text: 2, binary: 2 },
      frames: { total: 8, byOpcode: { text: 2, binary: 2, continuation: 2, pong: 1, close: 1 } },
      controlFrames: 2,
      wireBytes: encodeFrames(SERVER_FRAMES).length,
      payloadBytes: 39 + 70_000 + 40 + 22,
    });
    expect(stats.violations).toEqual({ RSV_NOT_NEGOTIATED: 1 });
    expect(stats.rtt).toBeNull();
    expect(stats.closes).toEqual([]);
  });

  it('RTT min/median/p95/max from rtt events, duration first to last, a close verdict per connection', () => {
    const rtts = [5, 1, 3, 2, 4, 9, 8, 7, 6, 10].map((ms, i) => rtt(100 + i, ms));
    const stats = collect([rtt(40, 20), ...rtts, closed(1, 1000, 400), { ...closed(2, 4001, 900), seq: 1 }]);
    expect(stats.rtt).toEqual({ count: 11, min: 1, median: 6, p95: 20, max: 20 });
    expect(stats.durationMs).toBe(860);
    expect(stats.connections).toEqual([1, 2]);
    expect(stats.closes).toEqual([
      { conn: 1, code: 1000, initiator: 'peer', durationMs: 400, explanation: 'server closed with 1000' },
      { conn: 2, code: 4001, initiator: 'peer', durationMs: 900, explanation: 'server closed with 4001' },
    ]);
  });

  it('counts a violation once though its message repeats it, and what only the message has', () => {
    const utf8 = violation('INVALID_UTF8', 'byte 0xff at offset 0');
    const frame = example.find((e): e is FrameEvent => e.type === 'frame' && e.dir === 'in' && e.opcodeName === 'text') as FrameEvent;
    const message = example.find((e): e is MessageEvent => e.type === 'message' && e.dir === 'in' && e.index === frame.message) as MessageEvent;
    const inflate = violation('INFLATE_FAILED', 'invalid stored block lengths');
    const stats = collect([
      { ...frame, violations: [utf8] },
      { ...message, violations: [utf8, inflate] },
      { ...message, index: 99, violations: [utf8] },
    ]);
    expect(stats.violations).toEqual({ INFLATE_FAILED: 1, INVALID_UTF8: 2 });
  });

  it('prints a table with a column per direction', () => {
    const stats = collect([...example, rtt(2, 0.5), closed(1, 1000, 3)]);
    const lines = statsLines(stats, { file: 'chat.jsonl', tool: 'wstap 0.1.0', startedAt: '2026-01-01T00:00:00.000Z' }, pc.createColors(false));
    expect(lines).toContain('recording       chat.jsonl (wstap 0.1.0, started 2026-01-01T00:00:00.000Z)');
    expect(lines).toContain('                      sent >  received <');
    expect(lines).toContain('messages                   4           4');
    expect(lines).toContain('  continuation             2           2');
    expect(lines).toContain('  ping                     1           0');
    expect(lines).toContain(`wire bytes       ${String(encodeFrames(CLIENT_FRAMES).length).padStart(11)} ${String(encodeFrames(SERVER_FRAMES).length).padStart(11)}`);
    expect(lines).toContain('round trips     1: min 0.5 ms, median 0.5 ms, p95 0.5 ms, max 0.5 ms');
    expect(lines).toContain('violations      1: RSV_NOT_NEGOTIATED ×1');
    expect(lines).toContain('closed          after 3 ms: server closed with 1000');
  });
});
