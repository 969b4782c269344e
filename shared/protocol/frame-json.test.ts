import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64.js';
import { decodeAll } from './decode-all.js';
import { encodeFrames, type FrameSpec } from './encoder.js';
import type { Frame, Message } from './frame.js';
import { frameToJson, messageToJson } from './frame-json.js';
import { LAZY_PAYLOAD_MIN } from './lazy-payload.js';
import { OPCODE } from './opcodes.js';
import { useNativeUtf8Validator } from './utf8.js';

useNativeUtf8Validator(isUtf8);

/** Valid UTF-8, or null: the rule the payload fields had before they were lazy. */
function textOrNull(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? new TextDecoder().decode(bytes) : null;
}

function printable(text: string): boolean {
  return ![...text].some((c) => (c < ' ' && c !== '\t' && c !== '\n' && c !== '\r') || c === '\u007f');
}

/** The payload field a frame's JSON had when it was assigned at once (frame-json.ts before issue 6's lazy path). */
function eagerFramePayload(frame: Frame): Record<string, string> {
  const payload = frame.payload as Uint8Array;
  const control = frame.opcode === OPCODE.PING || frame.opcode === OPCODE.PONG;
  const textual = control || (frame.messageOpcode === OPCODE.TEXT && !frame.compressed);
  const text = textual ? textOrNull(payload) : null;
  if (text !== null && (frame.messageOpcode === OPCODE.TEXT || printable(text))) return { text };
  return { base64: toBase64(payload) };
}

function eagerMessagePayload(message: Message): Record<string, string> {
  const payload = message.payload as Uint8Array;
  const text = message.opcode === OPCODE.TEXT && !message.compressed ? textOrNull(payload) : null;
  return text !== null ? { text } : { base64: toBase64(payload) };
}

const specArb: fc.Arbitrary<FrameSpec> = fc.record({
  opcode: fc.constantFrom(0, 1, 1, 2, 8, 9, 10),
  payload: fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.uint8Array({ maxLength: 40 }),
    fc.uint8Array({ minLength: LAZY_PAYLOAD_MIN - 2, maxLength: LAZY_PAYLOAD_MIN + 300 }),
  ),
  fin: fc.boolean(),
  rsv1: fc.boolean(),
  mask: fc.oneof(fc.constant(false), fc.integer({ min: 0, max: 0xffff_ffff })),
});

describe('frame and message JSON', () => {
  it('has the payload field, value and key position it had when converted at once', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { maxLength: 12 }),
        fc.constantFrom('client' as const, 'server' as const),
        fc.boolean(),
        (specs, sender, perMessageDeflate) => {
          const decoded = decodeAll(encodeFrames(specs), { sender, perMessageDeflate });
          for (const frame of decoded.frames) {
            const json = frameToJson(frame) as unknown as Record<string, unknown>;
            const keys = Object.keys(json);
            if (frame.payload === null) {
              expect(keys).not.toContain('text');
              expect(keys).not.toContain('base64');
              continue;
            }
            const expected = eagerFramePayload(frame);
            const [key] = Object.keys(expected) as [string];
            expect(keys.indexOf(key)).toBe(keys.indexOf('compressed') + 1);
            expect(json[key]).toBe(expected[key]);
          }
          for (const message of decoded.messages) {
            const json = { ...messageToJson(message) } as Record<string, unknown>;
            if (message.payload === null) continue;
            const expected = eagerMessagePayload(message);
            const [key] = Object.keys(expected) as [string];
            expect(Object.keys(json).indexOf(key)).toBe(Object.keys(json).indexOf('compressed') + 1);
            expect(json[key]).toBe(expected[key]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads payloads the decoder reported earlier unchanged, also after their input chunk changed', () => {
    const text = 'é ✓ 中文 ☕ '.repeat(100);
    const stream = encodeFrames([
      { opcode: 1, payload: text, mask: 0x01020304 },
      { opcode: 1, payload: text },
      { opcode: 2, payload: new Uint8Array(5000).fill(7) },
    ]);
    const input = stream.slice();
    const decoded = decodeAll(input, { sender: 'client', inputReused: true });
    input.fill(0);
    expect(decoded.frames.map((f) => frameToJson(f).text ?? frameToJson(f).base64?.length)).toEqual([
      text,
      text,
      6668,
    ]);
  });
});
