/**
 * Masking (RFC 6455 §5.3): payload byte i is XORed with key byte (i mod 4). Never in place: a tap
 * shares chunks with the path that forwards them, so the input must stay as it came.
 */

/** Unmasks (or masks) `length` bytes of `src` from `srcStart` into `dst` at `dstStart`; `phase` = key offset. */
export function maskInto(
  src: Uint8Array,
  srcStart: number,
  length: number,
  dst: Uint8Array,
  dstStart: number,
  key: number,
  phase: number,
): void {
  const keyBytes = [(key >>> 24) & 0xff, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff];
  let i = 0;
  let p = phase & 3;
  // Align to the key so the main loop can use four fixed key bytes.
  while (p !== 0 && i < length) {
    dst[dstStart + i] = (src[srcStart + i] as number) ^ (keyBytes[p] as number);
    i++;
    p = (p + 1) & 3;
  }
  const k0 = keyBytes[0] as number;
  const k1 = keyBytes[1] as number;
  const k2 = keyBytes[2] as number;
  const k3 = keyBytes[3] as number;
  const last = length - 3;
  let s = srcStart + i;
  let d = dstStart + i;
  for (; i < last; i += 4, s += 4, d += 4) {
    dst[d] = (src[s] as number) ^ k0;
    dst[d + 1] = (src[s + 1] as number) ^ k1;
    dst[d + 2] = (src[s + 2] as number) ^ k2;
    dst[d + 3] = (src[s + 3] as number) ^ k3;
  }
  const tail = [k0, k1, k2, k3];
  for (let t = 0; i < length; i++, t++) dst[dstStart + i] = (src[srcStart + i] as number) ^ (tail[t] as number);
}

/** A new, unmasked copy of a masked payload; `phase` is the payload offset where `bytes` starts. */
export function unmask(bytes: Uint8Array, key: number, phase = 0): Uint8Array {
  const out = new Uint8Array(bytes.length);
  maskInto(bytes, 0, bytes.length, out, 0, key, phase);
  return out;
}

/** The big-endian 32-bit number of 4 key bytes. */
export function maskKeyFromBytes(bytes: Uint8Array): number {
  return (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
}
