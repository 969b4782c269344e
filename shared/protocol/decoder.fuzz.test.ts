import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshot } from './chunkings.test-util.js';
import { decodeAll } from './decode-all.js';
import { encodeFrame, encodeFrames, type FrameSpec } from './encoder.js';
import type { DecoderOptions } from './frame.js';

// 10^5 inputs in all: 40k random, 40k mutated valid streams, 20k encode→decode round trips.
const RUNS = { random: 40_000, mutated: 40_000, roundTrip: 20_000 };

const optionsArb: fc.Arbitrary<Omit<DecoderOptions, 'onFrame' | 'onMessage'>> = fc.record({
  sender: fc.constantFrom('client' as const, 'server' as const),
  perMessageDeflate: fc.boolean(),
  headersOnly: fc.boolean(),
  maxPayload: fc.constantFrom(16, 200, 1 << 20),
  maxMessageSize: fc.constantFrom(64, 1 << 20),
  maxFragments: fc.constantFrom(2, 1000),
});

const specArb: fc.Arbitrary<FrameSpec> = fc.record({
  opcode: fc.integer({ min: 0, max: 15 }),
  payload: fc.uint8Array({ maxLength: 300 }),
  fin: fc.boolean(),
  rsv1: fc.boolean(),
  rsv2: fc.boolean(),
  rsv3: fc.boolean(),
  mask: fc.oneof(fc.constant(false), fc.integer({ min: 0, max: 0xffff_ffff })),
});

/** Splits `bytes` at the given cut points (any order, any duplicates). */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(from, p));
    from = p;
  }
  return parts;
}

/** Decodes whole and chunked; both must agree and satisfy the framing invariants. */
function checkStream(bytes: Uint8Array, cuts: readonly number[], options: Omit<DecoderOptions, 'onFrame' | 'onMessage'>): void {
  const whole = decodeAll(bytes, options);
  const chunked = decodeAll(split(bytes, cuts), options);
  expect(JSON.stringify(snapshot(chunked))).toBe(JSON.stringify(snapshot(whole)));
  let next = 0;
  // When the decoder stops at an unframeable length, that last frame reports its header only.
  const framed = whole.end.stoppedAt ? whole.frames.slice(0, -1) : whole.frames;
  for (const f of framed) {
    expect(f.offset).toBe(next);
    next = f.offset + f.headerLength + f.payloadLength;
    expect(next).toBeLessThanOrEqual(bytes.length);
  }
  expect(whole.end.bytes).toBe(bytes.length);
}

describe('FrameDecoder fuzzing (fast-check)', { timeout: 180_000 }, () => {
  it(`never throws or loops on ${RUNS.random} random inputs, and chunking never matters`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 8 }), optionsArb, checkStream),
      { numRuns: RUNS.random, seed: 6455 },
    );
  });

  it(`never throws or loops on ${RUNS.mutated} mutated valid streams`, () => {
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate'), value: fc.nat(255) });
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 6 }), fc.array(mutation, { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), optionsArb, (specs, mutations, cuts, options) => {
        let bytes = Array.from(encodeFrames(specs));
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.kind === 'flip' && at < bytes.length) bytes[at] = (bytes[at] as number) ^ (1 << (m.value & 7));
          else if (m.kind === 'insert') bytes.splice(at, 0, m.value);
          else if (m.kind === 'delete') bytes.splice(at, 1);
          else if (m.kind === 'truncate') bytes = bytes.slice(0, at);
        }
        checkStream(Uint8Array.from(bytes), cuts, options);
      }),
      { numRuns: RUNS.mutated, seed: 7692 },
    );
  });

  it(`round-trips ${RUNS.roundTrip} encoded frames field by field`, () => {
    const forced = fc.constantFrom('minimal' as const, 16 as const, 64 as const);
    fc.assert(
      fc.property(specArb, forced, fc.array(fc.nat(), { maxLength: 4 }), (spec, lengthBits, cuts) => {
        const bits = lengthBits === 16 && (spec.payload as Uint8Array).length > 0xffff ? 64 : lengthBits;
        const bytes = encodeFrame({ ...spec, lengthBits: bits });
        const sender = spec.mask === false ? 'server' : 'client';
        const { frames } = decodeAll(split(bytes, cuts), { sender, perMessageDeflate: true });
        expect(frames).toHaveLength(1);
        const f = frames[0]!;
        const payload = spec.payload as Uint8Array;
        expect({ fin: f.fin, rsv1: f.rsv1, rsv2: f.rsv2, rsv3: f.rsv3, opcode: f.opcode, masked: f.masked, len: f.payloadLength }).toEqual({
          fin: spec.fin,
          rsv1: spec.rsv1,
          rsv2: spec.rsv2,
          rsv3: spec.rsv3,
          opcode: spec.opcode,
          masked: spec.mask !== false,
          len: payload.length,
        });
        expect(f.maskKey).toBe(spec.mask === false ? null : spec.mask);
        expect(f.lengthBits).toBe(bits === 'minimal' ? (payload.length <= 125 ? 7 : payload.length <= 0xffff ? 16 : 64) : bits);
        expect(f.offset + f.headerLength + f.payloadLength).toBe(bytes.length);
        expect(Array.from(f.payload ?? [])).toEqual(Array.from(payload));
      }),
      { numRuns: RUNS.roundTrip, seed: 1 },
    );
  });
});
