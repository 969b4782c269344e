/**
 * Masking (RFC 6455 §5.3): payload byte i is XORed with key byte (i mod 4). Never in place: a tap
 * shares chunks with the path that forwards them, so the input must stay as it came.
 */

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
// Below this a plain byte loop beats creating a 32-bit view.
const WORD_THRESHOLD = 64;

/**
 * Unmasks (or masks) `length` bytes of `src` from `srcStart` into `dst` at `dstStart`; `phase` =
 * key offset. Returns the OR of every output byte, so a caller learns for free whether the
 * result was pure ASCII (bit 7 clear), and therefore valid UTF-8.
 */
export function maskInto(
  src: Uint8Array,
  srcStart: number,
  length: number,
  dst: Uint8Array,
  dstStart: number,
  key: number,
  phase: number,
): number {
  if (length >= WORD_THRESHOLD && LITTLE_ENDIAN) {
    // Copy (memcpy speed), then XOR 4 bytes at a time on the aligned destination.
    dst.set(src.subarray(srcStart, srcStart + length), dstStart);
    return xorWords(dst, dstStart, length, key, phase);
  }
  return xorBytes(src, srcStart, length, dst, dstStart, key, phase);
}

function xorBytes(src: Uint8Array, srcStart: number, length: number, dst: Uint8Array, dstStart: number, key: number, phase: number): number {
  // No allocations: this runs once per small frame.
  const shift = (phase & 3) * 8;
  const rotated = shift === 0 ? key : ((key << shift) | (key >>> (32 - shift))) >>> 0;
  const k0 = rotated >>> 24;
  const k1 = (rotated >>> 16) & 0xff;
  const k2 = (rotated >>> 8) & 0xff;
  const k3 = rotated & 0xff;
  let i = 0;
  let all = 0;
  for (const last = length - 3; i < last; i += 4) {
    const a = (src[srcStart + i] as number) ^ k0;
    const b = (src[srcStart + i + 1] as number) ^ k1;
    const c = (src[srcStart + i + 2] as number) ^ k2;
    const d = (src[srcStart + i + 3] as number) ^ k3;
    dst[dstStart + i] = a;
    dst[dstStart + i + 1] = b;
    dst[dstStart + i + 2] = c;
    dst[dstStart + i + 3] = d;
    all |= a | b | c | d;
  }
  if (i < length) all |= dst[dstStart + i] = (src[srcStart + i] as number) ^ k0;
  if (i + 1 < length) all |= dst[dstStart + i + 1] = (src[srcStart + i + 1] as number) ^ k1;
  if (i + 2 < length) all |= dst[dstStart + i + 2] = (src[srcStart + i + 2] as number) ^ k2;
  return all;
}

/** XORs `buf[start, start+length)` in place with the key, using 32-bit words where aligned. */
function xorWords(buf: Uint8Array, start: number, length: number, key: number, phase: number): number {
  const k = [(key >>> 24) & 0xff, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff];
  let p = phase & 3;
  let i = 0;
  let all = 0;
  // Byte by byte up to a 4-byte boundary of the underlying memory.
  while (((buf.byteOffset + start + i) & 3) !== 0 && i < length) {
    all |= buf[start + i] = (buf[start + i] as number) ^ (k[p] as number);
    i++;
    p = (p + 1) & 3;
  }
  const words = (length - i) >>> 2;
  if (words > 0) {
    // Little-endian: the byte at the lowest address is the word's low byte.
    const word =
      ((k[p] as number) | ((k[(p + 1) & 3] as number) << 8) | ((k[(p + 2) & 3] as number) << 16) | ((k[(p + 3) & 3] as number) << 24)) >>> 0;
    const view = new Uint32Array(buf.buffer, buf.byteOffset + start + i, words);
    let wordsAll = 0;
    for (let w = 0; w < words; w++) wordsAll |= view[w] = (view[w] as number) ^ word;
    all |= (wordsAll | (wordsAll >>> 8) | (wordsAll >>> 16) | (wordsAll >>> 24)) & 0xff;
    i += words * 4;
  }
  for (; i < length; i++, p = (p + 1) & 3) all |= buf[start + i] = (buf[start + i] as number) ^ (k[p] as number);
  return all;
}

/**
 * One-pass unmasking for the decoder's hot path: reads source words through `view` (a DataView
 * over the chunk, any alignment) and writes destination words through `dst32`, a long-lived
 * Int32Array over `dst`'s buffer, so no typed-array view is made per frame. `dstAbs` is the byte
 * offset of `dst[dstStart]` in that buffer. Returns the OR of the output bytes, like maskInto.
 */
export function maskIntoWords(
  view: DataView,
  src: Uint8Array,
  srcStart: number,
  length: number,
  dst: Uint8Array,
  dst32: Int32Array,
  dstAbs: number,
  dstStart: number,
  key: number,
  phase: number,
): number {
  if (!LITTLE_ENDIAN) return maskInto(src, srcStart, length, dst, dstStart, key, phase);
  const shift = (phase & 3) * 8;
  let k = shift === 0 ? key >>> 0 : ((key << shift) | (key >>> (32 - shift))) >>> 0;
  let i = 0;
  let all = 0;
  while (i < length && ((dstAbs + i) & 3) !== 0) {
    all |= dst[dstStart + i] = (src[srcStart + i] as number) ^ (k >>> 24);
    k = ((k << 8) | (k >>> 24)) >>> 0;
    i++;
  }
  const words = (length - i) >>> 2;
  if (words > 0) {
    // The key's bytes in memory order, read as a little-endian word.
    const word = (k >>> 24) | (((k >>> 16) & 0xff) << 8) | (((k >>> 8) & 0xff) << 16) | ((k & 0xff) << 24);
    const w0 = (dstAbs + i) >>> 2;
    const s0 = srcStart + i;
    let wordsAll = 0;
    for (let w = 0; w < words; w++) wordsAll |= dst32[w0 + w] = view.getInt32(s0 + 4 * w, true) ^ word;
    all |= (wordsAll | (wordsAll >>> 8) | (wordsAll >>> 16) | (wordsAll >>> 24)) & 0xff;
    i += words * 4;
  }
  for (; i < length; i++) {
    all |= dst[dstStart + i] = (src[srcStart + i] as number) ^ (k >>> 24);
    k = ((k << 8) | (k >>> 24)) >>> 0;
  }
  return all;
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
