// Test support: streams cut like a socket, and payloads that differ from frame to frame.
export { prng } from '../../../shared/protocol/chunkings.test-util.js';

/** `bytes` cut into chunks of 1 to `max` bytes, as a socket might deliver them. */
export function cut(bytes: Uint8Array, max: number, rand: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(rand() * max);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** Deterministic payload bytes that differ from frame to frame. */
export function payloadOf(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}
