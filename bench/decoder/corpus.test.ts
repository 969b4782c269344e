import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../shared/protocol/decoder.js';
import { CONTESTANTS } from './contestants.js';
import { buildCorpus } from './corpus.js';
import { compareTally } from './digest.js';

// The benchmark's inputs and referee, checked without timing anything: a corpus ws and our decoder
// both accept, and a tally that every contestant reproduces from awkward chunk sizes.
const corpus = buildCorpus(5_000, 42);
const chunks = (size: number): Buffer[] => {
  const copy = Buffer.from(corpus.bytes); // ws unmasks in place
  const out: Buffer[] = [];
  for (let at = 0; at < copy.length; at += size) out.push(copy.subarray(at, at + size));
  return out;
};

describe('bench/decoder corpus', () => {
  it('is the same bytes for the same seed, and other bytes for another', () => {
    expect(buildCorpus(5_000, 42).bytes.equals(corpus.bytes)).toBe(true);
    expect(buildCorpus(5_000, 43).bytes.equals(corpus.bytes)).toBe(false);
  });

  it('has exactly the asked number of frames, ending with a Close', () => {
    expect(corpus.stats.frames).toBe(5_000);
    expect(corpus.expected.closes).toBe(1);
    expect(corpus.stats.bytes).toBe(corpus.bytes.length);
  });

  for (const contestant of CONTESTANTS) {
    it(`${contestant.label} reproduces the corpus tally from 1000-byte chunks`, async () => {
      const tally = await contestant.run(chunks(1000));
      expect(compareTally(tally, corpus.expected)).toEqual([]);
    });
  }

  it('splits every fragmented text message inside a multi-byte code point at least once', () => {
    const prefixes = new Map<number, Uint8Array>(); // message index -> bytes so far
    const splitInside = new Map<number, boolean>();
    const decoder = new FrameDecoder({
      sender: 'client',
      onFrame: (f) => {
        if (f.messageOpcode !== 1 || f.message === null || (f.fin && f.opcode === 1)) return;
        const prefix = Buffer.concat([prefixes.get(f.message) ?? new Uint8Array(0), f.payload as Uint8Array]);
        prefixes.set(f.message, prefix);
        // A boundary inside a code point leaves the text so far invalid on its own.
        if (!f.fin && !isUtf8(prefix)) splitInside.set(f.message, true);
        else if (!splitInside.has(f.message)) splitInside.set(f.message, false);
      },
    });
    decoder.push(corpus.bytes);
    expect(splitInside.size).toBeGreaterThan(0);
    expect([...splitInside.values()].every(Boolean)).toBe(true);
  });
});
