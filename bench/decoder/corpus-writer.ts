import { Prng } from './prng.js';

/**
 * Frame writing for the corpus, written here on purpose rather than with shared/protocol/encoder:
 * the corpus must not depend on the code it measures. The corpus is built in two passes over the
 * same seeded generator: a counting pass sizes the buffer and gathers stats, a writing pass fills
 * one exactly-sized buffer (no growing, no second copy of ~200 MB).
 */

/** Receives frames from the generator: the first header byte (FIN, RSV, opcode) and the unmasked payload. */
export interface FrameSink {
  frame(b0: number, payload: Uint8Array): void;
}

/** Frames per payload-size bucket; bounds follow the length encodings (RFC 6455 §5.2). */
export const SIZE_BUCKETS = [
  { label: '0–125 (7-bit)', max: 125 },
  { label: '126–1023', max: 1023 },
  { label: '1024–4096', max: 4096 },
  { label: '4097–65535', max: 65535 },
  { label: '≥ 65536 (64-bit)', max: Number.MAX_SAFE_INTEGER },
] as const;

/** Wire-level numbers of a corpus. */
export interface WireStats {
  frames: number;
  bytes: number;
  payloadBytes: number;
  largestPayload: number;
  readonly bucketFrames: number[];
  readonly bucketBytes: number[];
  readonly opcodeFrames: number[];
}

/** Size of a masked client frame's header for a payload length. */
export function maskedHeaderLength(length: number): number {
  return (length <= 125 ? 2 : length <= 0xffff ? 4 : 10) + 4;
}

/** The counting pass: sizes and stats, nothing written. */
export class CountingSink implements FrameSink {
  readonly stats: WireStats = {
    frames: 0,
    bytes: 0,
    payloadBytes: 0,
    largestPayload: 0,
    bucketFrames: SIZE_BUCKETS.map(() => 0),
    bucketBytes: SIZE_BUCKETS.map(() => 0),
    opcodeFrames: Array.from({ length: 16 }, () => 0),
  };

  frame(b0: number, payload: Uint8Array): void {
    const s = this.stats;
    const n = payload.length;
    const wire = maskedHeaderLength(n) + n;
    s.frames++;
    s.bytes += wire;
    s.payloadBytes += n;
    if (n > s.largestPayload) s.largestPayload = n;
    const bucket = SIZE_BUCKETS.findIndex((b) => n <= b.max);
    s.bucketFrames[bucket] = (s.bucketFrames[bucket] as number) + 1;
    s.bucketBytes[bucket] = (s.bucketBytes[bucket] as number) + wire;
    s.opcodeFrames[b0 & 0x0f] = (s.opcodeFrames[b0 & 0x0f] as number) + 1;
  }
}

/** The writing pass: header, a random mask key per frame (as a browser picks), masked payload. */
export class WritingSink implements FrameSink {
  readonly out: Buffer;
  private at = 0;
  private readonly keys: Prng;

  constructor(size: number, maskSeed: number) {
    this.out = Buffer.allocUnsafe(size);
    this.keys = new Prng(maskSeed);
  }

  /** Bytes written so far. */
  get written(): number {
    return this.at;
  }

  frame(b0: number, payload: Uint8Array): void {
    const out = this.out;
    const n = payload.length;
    let at = this.at;
    out[at++] = b0;
    if (n <= 125) {
      out[at++] = 0x80 | n;
    } else if (n <= 0xffff) {
      out[at++] = 0x80 | 126;
      out[at++] = n >>> 8;
      out[at++] = n & 0xff;
    } else {
      out[at++] = 0x80 | 127;
      const hi = Math.floor(n / 0x1_0000_0000);
      out.writeUInt32BE(hi, at);
      out.writeUInt32BE(n >>> 0, at + 4);
      at += 8;
    }
    // ws skips unmasking for an all-zero key; a real browser key is never predictable, so avoid it.
    const key = this.keys.u32() || 0x5a5a5a5a;
    const k0 = key >>> 24;
    const k1 = (key >>> 16) & 0xff;
    const k2 = (key >>> 8) & 0xff;
    const k3 = key & 0xff;
    out[at++] = k0;
    out[at++] = k1;
    out[at++] = k2;
    out[at++] = k3;
    let i = 0;
    for (; i + 4 <= n; i += 4, at += 4) {
      out[at] = (payload[i] as number) ^ k0;
      out[at + 1] = (payload[i + 1] as number) ^ k1;
      out[at + 2] = (payload[i + 2] as number) ^ k2;
      out[at + 3] = (payload[i + 3] as number) ^ k3;
    }
    const tail = [k0, k1, k2];
    for (let t = 0; i < n; i++, t++) out[at++] = (payload[i] as number) ^ (tail[t] as number);
    this.at = at;
  }
}
