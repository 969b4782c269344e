import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64.js';
import { isUtf8Text, LAZY_PAYLOAD_MIN, writePayload } from './lazy-payload.js';
import { useNativeUtf8Validator } from './utf8.js';

/** An event as it was built before payload fields were lazy: the text or base64 assigned at once. */
function eager(bytes: Uint8Array, asText: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { conn: 1, seq: 2, type: 'message', compressed: false };
  if (asText) out.text = new TextDecoder().decode(bytes);
  else out.base64 = toBase64(bytes);
  out.violations = [];
  out.size = bytes.length;
  return out;
}

/** The same event through writePayload. */
function built(bytes: Uint8Array, asText: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { conn: 1, seq: 2, type: 'message', compressed: false };
  writePayload(out, bytes, asText);
  out.violations = [];
  out.size = bytes.length;
  return out;
}

const utf8 = new TextEncoder();
const big = (text: string) => utf8.encode(text.repeat(Math.ceil(LAZY_PAYLOAD_MIN / text.length) + 1));

describe('lazy payload fields', () => {
  it('are own enumerable fields in the same key position, and stringify, spread and clone as eager ones', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 400 }).map((s) => utf8.encode(s)),
          fc.uint8Array({ maxLength: 1200 }),
        ),
        (bytes) => {
          for (const asText of [isUtf8(bytes), false]) {
            const reference = eager(bytes, asText);
            // A fresh event for each look: the first read is the one that converts.
            const make = () => built(bytes, asText);
            expect(Object.keys(make())).toEqual(Object.keys(reference));
            expect(JSON.stringify(make())).toBe(JSON.stringify(reference));
            expect({ ...make() }).toStrictEqual(reference);
            expect(structuredClone(make())).toStrictEqual(reference);
            expect(make()).toStrictEqual(reference);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are accessors only for payloads of LAZY_PAYLOAD_MIN bytes or more', () => {
    const descriptor = (bytes: Uint8Array) => Object.getOwnPropertyDescriptor(built(bytes, true), 'text');
    expect(descriptor(utf8.encode('x'.repeat(LAZY_PAYLOAD_MIN - 1)))?.get).toBeUndefined();
    expect(descriptor(utf8.encode('x'.repeat(LAZY_PAYLOAD_MIN)))?.get).toBeTypeOf('function');
  });

  it('convert once, and take an assignment like a plain field', () => {
    const event = built(big('é ✓ '), true);
    const first = event.text;
    expect(event.text).toBe(first);
    event.text = 'replaced';
    expect(event.text).toBe('replaced');
    expect(JSON.stringify(event)).toContain('"text":"replaced"');
    const binary = built(big('\u0000'), false);
    binary.base64 = 'AA==';
    expect(binary.base64).toBe('AA==');
  });

  it('refuse to read for an object their accessor was copied to', () => {
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(built(big('a'), true))) as {
      text?: string;
    };
    expect(() => copy.text).toThrow(TypeError);
  });
});

describe('isUtf8Text', () => {
  it('agrees with Node for the native validator and the DFA, ASCII and not', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }).map((s) => utf8.encode(s)),
          fc.uint8Array({ maxLength: 300 }),
        ),
        (bytes) => {
          useNativeUtf8Validator(isUtf8);
          expect(isUtf8Text(bytes)).toBe(isUtf8(bytes));
          // A fresh copy: the answer for the same array is remembered.
          useNativeUtf8Validator(null as unknown as (b: Uint8Array) => boolean);
          expect(isUtf8Text(bytes.slice())).toBe(isUtf8(bytes));
        },
      ),
      { numRuns: 100 },
    );
    useNativeUtf8Validator(isUtf8);
  });
});
