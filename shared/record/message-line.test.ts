import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../model/events.js';
import { violation } from '../protocol/violations.js';
import { encodeLine, encodeMessageLine } from './line-codec.js';

/** A message event with its keys in the order the tap builds them (hub stamp, then fields). */
function message(
  payload: { text?: string; base64?: string },
  extra: Partial<MessageEvent> = {},
): MessageEvent {
  return {
    conn: 3,
    seq: 41,
    t: 12.345,
    wall: 1795290937874.828,
    type: 'message',
    dir: 'in',
    index: 7,
    opcodeName: payload.base64 !== undefined ? 'binary' : 'text',
    firstFrame: 9,
    frameCount: 2,
    offset: 1234,
    wireLength: 99,
    compressed: true,
    ...payload,
    violations: [],
    size: 120,
    ...extra,
  } as MessageEvent;
}

describe('message lines', () => {
  it.each([
    ['plain text', message({ text: 'hello' })],
    [
      'text that needs escaping',
      message({ text: 'quote " backslash \\ newline \n tab \t nul \u0000 é ✓ 😀 \u2028' }),
    ],
    ['binary', message({ base64: 'AAEC/w==' })],
    ['no payload kept', message({})],
    ['violations', message({ text: 'x' }, { violations: [violation('INVALID_UTF8', 'at byte 3')] })],
    ['whole-number times', message({ text: 'x' }, { t: 5, wall: 1795290937874 })],
  ])('%s: the same text JSON.stringify gives', (_name, event) => {
    expect(encodeMessageLine(event)).toBe(JSON.stringify(event));
    expect(encodeLine(event)).toBe(JSON.stringify(event));
  });

  it('falls back to JSON.stringify when the event has a field it does not know', () => {
    const event = { ...message({ text: 'x' }), note: 'new field' } as MessageEvent;
    expect(encodeMessageLine(event)).toBeNull();
    expect(JSON.parse(encodeLine(event))).toEqual(event);
  });
});

describe('message references', () => {
  it('parse back, through the fast path and the general one alike', async () => {
    const { encodeMessageRef, parseLine } = await import('./line-codec.js');
    const event = message(
      { text: 'x' },
      { compressed: false, t: 1.5, wall: 1795290937874.828, seq: 0, index: 0 },
    );
    const line = encodeMessageRef(event)!;
    const fast = parseLine(line, 2);
    const general = parseLine(line.replace('"conn"', ' "conn"'), 2);
    expect(fast).toEqual(general);
    expect(fast).toEqual({
      ok: true,
      value: { type: 'message-ref', conn: 3, seq: 0, t: 1.5, wall: 1795290937874.828, dir: 'in', index: 0 },
    });
    expect(encodeMessageRef({ ...event, compressed: true })).toBeNull();
    expect(
      parseLine('{"type":"message-ref","conn":1,"seq":2,"t":3,"wall":4,"dir":"sideways","index":0}', 9),
    ).toMatchObject({ ok: false, error: { line: 9, code: 'RECORDING_BAD_LINE' } });
  });

  it('of one chunk are written together as the lines of each would be, and parse back one by one', async () => {
    const { messageRefLine, messageRefLines, parseLine } = await import('./line-codec.js');
    for (const [t, wall, seqs] of [
      [0, 1795290937874.828, [7]],
      [22.273, 1795290937897.1, [8, 9, 10, 11, 12, 13]],
      [1e-7, 2 ** 43 + 0.5, [2 ** 40, 2 ** 40 + 1]],
    ] as const) {
      const batch = { conn: 12, dir: 'out' as const, t, wall, seqs, indexes: seqs.map((seq) => seq * 3) };
      const text = messageRefLines(batch);
      const lines = seqs.map((seq, i) =>
        messageRefLine({ conn: 12, dir: 'out', t, wall, seq, index: batch.indexes[i] as number }),
      );
      expect(text).toBe(lines.join('\n'));
      expect(text.split('\n').map((line, i) => parseLine(line, i + 2))).toEqual(
        seqs.map((seq, i) => ({
          ok: true,
          value: { type: 'message-ref', conn: 12, seq, t, wall, dir: 'out', index: batch.indexes[i] },
        })),
      );
    }
  });
});
