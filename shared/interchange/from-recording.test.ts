import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../model/events.js';
import { conversationFromEvents } from './from-recording.js';

const base = { conn: 1, wall: 0 };
const frame = (seq: number, t: number, dir: 'in' | 'out', message: number) =>
  ({
    ...base,
    seq,
    t,
    type: 'frame',
    dir,
    id: seq,
    index: message,
    offset: 0,
    headerLength: 2,
    fin: true,
    rsv1: true,
    rsv2: false,
    rsv3: false,
    opcode: 1,
    opcodeName: 'text',
    masked: dir === 'out',
    maskKey: dir === 'out' ? '01020304' : null,
    payloadLength: 5,
    lengthBits: 7,
    lengthMinimal: true,
    message,
    compressed: true,
    closeCode: null,
    closeReason: null,
    closeName: null,
    violations: [],
  }) as SessionEvent;
const message = (seq: number, t: number, dir: 'in' | 'out', text: string) =>
  ({
    ...base,
    seq,
    t,
    type: 'message',
    dir,
    index: 0,
    opcodeName: 'text',
    firstFrame: 0,
    frameCount: 1,
    offset: 0,
    wireLength: 5,
    compressed: true,
    text,
    violations: [],
    size: text.length,
  }) as SessionEvent;

describe('conversation from a recording', () => {
  it('orders messages by when their last frame crossed, not by when inflation finished', () => {
    const events: SessionEvent[] = [
      {
        ...base,
        seq: 0,
        t: 10,
        type: 'connecting',
        role: 'client',
        url: 'ws://h:1/',
        attempt: 1,
        session: 1,
      },
      { ...base, seq: 1, t: 11, type: 'upgrade-request', requestLine: 'GET /echo?x=1 HTTP/1.1', headers: [] },
      frame(2, 26.0, 'out', 0),
      frame(3, 26.6, 'in', 0),
      // The reply inflated first: its event comes before the request's.
      message(4, 26.7, 'in', 'reply'),
      message(5, 27.4, 'out', 'request'),
    ];
    const [c] = conversationFromEvents(events, 1000).connections;
    expect(c?.url).toBe('ws://h:1/echo?x=1');
    expect(c?.startedAt).toBe(1010);
    expect(c?.messages.map((m) => [m.from, m.text, m.t])).toEqual([
      ['client', 'request', 16],
      ['server', 'reply', 16.6],
    ]);
    expect(c?.messages[0]?.frames).toEqual([
      {
        fin: true,
        rsv1: true,
        rsv2: false,
        rsv3: false,
        opcode: 1,
        masked: true,
        maskKey: '01020304',
        payloadLength: 5,
      },
    ]);
  });
});
