import { describe, expect, it } from 'vitest';
import { decodeAll } from '../../../shared/protocol/decode-all.js';
import { encodeFrames, type FrameSpec } from '../../../shared/protocol/encoder.js';
import type { Frame } from '../../../shared/protocol/frame.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { NO_VIOLATIONS } from '../../../shared/protocol/violations.js';
import { FrameIndex, ROW_BYTES, summarizeFrame } from './frame-index.js';
import { payloadOf } from './frame-store.test-util.js';

// Every header field a frame can carry, including the rare ones (RSV bits, close code 0,
// non-minimal lengths, violations), so each flag bit round-trips.
const specs: FrameSpec[] = [
  { opcode: OPCODE.TEXT, payload: 'hello', mask: 0x01020304 },
  { opcode: OPCODE.BINARY, payload: payloadOf(300, 1), mask: 0xffffffff },
  { opcode: OPCODE.BINARY, payload: payloadOf(70_000, 2), mask: 0x80000001 },
  { opcode: OPCODE.TEXT, payload: 'tiny', mask: 0, lengthBits: 64 },
  { opcode: OPCODE.TEXT, payload: 'part one ', fin: false, mask: 7, rsv1: true },
  { opcode: OPCODE.CONTINUATION, payload: 'part two', mask: 8, rsv2: true, rsv3: true },
  { opcode: OPCODE.PING, payload: 'p', mask: 9 },
  { opcode: 3, mask: 10 },
  { opcode: OPCODE.BINARY, payload: 'unmasked' },
  { opcode: OPCODE.CLOSE, payload: Uint8Array.of(0, 0), mask: 11 },
  { opcode: OPCODE.CLOSE, payload: Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65), mask: 12 },
];
const frames: readonly Frame[] = decodeAll(encodeFrames(specs), {
  sender: 'client',
  perMessageDeflate: true,
}).frames;

describe('FrameIndex', () => {
  it('decodes the fixture the way the test assumes', () => {
    expect(frames).toHaveLength(specs.length);
    expect(frames.map((f) => f.lengthBits)).toContain(64);
    expect(frames.some((f) => f.close?.code === 0)).toBe(true);
    expect(frames.some((f) => f.violations.length > 0)).toBe(true);
    expect(frames.some((f) => f.compressed)).toBe(true);
  });

  it('gives back every field of every row across chunk boundaries and chunk doubling', () => {
    const index = new FrameIndex({ chunkRows: 8, firstRows: 2 });
    const expected = [];
    for (let i = 0; i < 100; i++) {
      const frame = frames[i % frames.length] as Frame;
      const dir = i % 3 === 0 ? 'in' : 'out';
      const conn = 0xffff_fff0 + (i % 7);
      const seq = 0xffff_0000 + i;
      const t = 1234.5 + i * 0.25;
      expect(index.push(conn, seq, dir, t, frame)).toBe(i);
      expected.push(summarizeFrame(i, conn, seq, dir, t, frame));
    }
    expect(index.length).toBe(100);
    for (const row of expected) expect(index.get(row.id)).toEqual(row);
  });

  it('keeps stream offsets and payload lengths beyond 4 GiB', () => {
    const index = new FrameIndex();
    const base = frames[2] as Frame;
    const big = { ...base, offset: 5 * 2 ** 32 + 17, payloadLength: 2 ** 40 + 3 };
    index.push(1, 1, 'in', 0, big);
    expect(index.get(0)).toMatchObject({ offset: 5 * 2 ** 32 + 17, payloadLength: 2 ** 40 + 3 });
  });

  it('returns undefined for ids it never gave', () => {
    const index = new FrameIndex();
    index.push(1, 1, 'in', 0, frames[0] as Frame);
    for (const id of [-1, 1, 0.5, Number.NaN, 2 ** 40]) expect(index.get(id)).toBeUndefined();
  });

  it('shares one empty violation list for clean frames and keeps the list of the others', () => {
    const index = new FrameIndex();
    const clean = frames[0] as Frame;
    const dirty = frames.find((f) => f.violations.length > 0) as Frame;
    index.push(1, 1, 'out', 0, clean);
    index.push(1, 2, 'out', 0, dirty);
    expect(index.get(0)?.violations).toBe(NO_VIOLATIONS);
    expect(index.get(1)?.violations).toEqual(dirty.violations);
  });

  it('grows its byte length with doubling up to a chunk, then a chunk at a time', () => {
    const index = new FrameIndex({ chunkRows: 16, firstRows: 4 });
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      index.push(0, i, 'in', 0, frames[0] as Frame);
      sizes.push(index.byteLength / ROW_BYTES);
    }
    // 4, 8, 16 rows; then a second chunk of 4, 8, 16; then a third chunk.
    expect([...new Set(sizes)]).toEqual([4, 8, 16, 20, 24, 32, 36, 40]);
  });

  it('rejects chunk sizes that are not powers of two', () => {
    expect(() => new FrameIndex({ chunkRows: 1000 })).toThrow(RangeError);
  });
});
