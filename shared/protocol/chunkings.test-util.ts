// Test support: the same bytes cut every way a socket might deliver them.
import { decodeAll, type Decoded } from './decode-all.js';
import type { DecoderOptions } from './frame.js';
import { frameToJson, messageToJson } from './frame-json.js';

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole, byte by byte, and three random chunkings of `bytes`. */
export function chunkings(bytes: Uint8Array, seed = 1): Array<[string, Uint8Array[]]> {
  const out: Array<[string, Uint8Array[]]> = [['whole', [bytes]]];
  if (bytes.length <= 1 << 20) out.push(['byte-by-byte', Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))]);
  const rand = prng(seed);
  for (let r = 0; r < 3; r++) {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; ) {
      const size = 1 + Math.floor(rand() * (rand() < 0.5 ? 16 : 4096));
      parts.push(bytes.subarray(i, i + size));
      i += size;
    }
    out.push([`random-${r}`, parts]);
  }
  return out;
}

/** A comparable, payload-normalised snapshot of a decode. */
export function snapshot(decoded: Decoded): unknown {
  return {
    frames: decoded.frames.map(frameToJson),
    messages: decoded.messages.map((m) => messageToJson(m)),
    end: decoded.end,
  };
}

/**
 * Decodes `bytes` under every chunking, throws if any differs from the whole-buffer result, and
 * returns that result.
 */
export function decodeEveryWay(bytes: Uint8Array, options: Omit<DecoderOptions, 'onFrame' | 'onMessage'>): Decoded {
  const whole = decodeAll(bytes, options);
  const expected = JSON.stringify(snapshot(whole));
  for (const [name, parts] of chunkings(bytes)) {
    const got = JSON.stringify(snapshot(decodeAll(parts, options)));
    if (got !== expected) throw new Error(`chunking '${name}' decoded differently:\n${got}\nexpected:\n${expected}`);
  }
  return whole;
}

/** The violation codes of each frame, for compact assertions. */
export function codesByFrame(decoded: Decoded): string[][] {
  return decoded.frames.map((f) => f.violations.map((v) => v.code));
}
