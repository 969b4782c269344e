import type { LengthBits } from './frame.js';
import { maskInto, maskKeyFromBytes } from './mask.js';

/**
 * Everything a frame header can say, valid or not. The encoder builds exactly what it is told —
 * reserved opcodes, RSV bits, unmasked client frames, lying lengths — so fault injection writes
 * real bytes. Only the defaults are compliant.
 */
export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Uint8Array | string;
  /** Default true. */
  readonly fin?: boolean;
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** Unmasked when absent or false; true picks a random key; a number or 4 bytes is that key. */
  readonly mask?: boolean | number | Uint8Array;
  /** The length encoding: minimal by default, or forced 7/16/64-bit (RFC 6455 §5.2). */
  readonly lengthBits?: 'minimal' | LengthBits;
  /** A length field that lies: written instead of the real length; a bigint reaches all 64 bits. */
  readonly declaredLength?: number | bigint;
}

const encoder = new TextEncoder();

/** The payload bytes of a spec (strings as UTF-8). */
export function payloadBytes(payload: Uint8Array | string | undefined): Uint8Array {
  if (payload === undefined) return new Uint8Array(0);
  return typeof payload === 'string' ? encoder.encode(payload) : payload;
}

/** Builds one frame. Throws RangeError when a forced length encoding cannot hold the length. */
export function encodeFrame(spec: FrameSpec): Uint8Array {
  const payload = payloadBytes(spec.payload);
  const declared = spec.declaredLength ?? payload.length;
  const bits = lengthBitsFor(declared, spec.lengthBits ?? 'minimal');
  const key = maskKeyOf(spec.mask);
  const headerLength = 2 + (bits === 16 ? 2 : bits === 64 ? 8 : 0) + (key === null ? 0 : 4);
  const out = new Uint8Array(headerLength + payload.length);
  out[0] =
    (spec.fin === false ? 0 : 0x80) |
    (spec.rsv1 ? 0x40 : 0) |
    (spec.rsv2 ? 0x20 : 0) |
    (spec.rsv3 ? 0x10 : 0) |
    (spec.opcode & 0x0f);
  const maskBit = key === null ? 0 : 0x80;
  let at = 2;
  if (bits === 7) {
    out[1] = maskBit | Number(declared);
  } else if (bits === 16) {
    out[1] = maskBit | 126;
    out[2] = (Number(declared) >>> 8) & 0xff;
    out[3] = Number(declared) & 0xff;
    at = 4;
  } else {
    out[1] = maskBit | 127;
    const big = BigInt(declared);
    for (let i = 0; i < 8; i++) out[2 + i] = Number((big >> BigInt(56 - 8 * i)) & 0xffn);
    at = 10;
  }
  if (key !== null) {
    out[at] = key >>> 24;
    out[at + 1] = (key >>> 16) & 0xff;
    out[at + 2] = (key >>> 8) & 0xff;
    out[at + 3] = key & 0xff;
    maskInto(payload, 0, payload.length, out, at + 4, key, 0);
  } else {
    out.set(payload, at);
  }
  return out;
}

/** Builds several frames into one buffer, in order. */
export function encodeFrames(specs: readonly FrameSpec[]): Uint8Array {
  const parts = specs.map(encodeFrame);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Splits a message into frames of the given payload sizes (RFC 6455 §5.4): the first keeps the
 * opcode (and RSV1 for a compressed message), the rest are continuations, the last has FIN.
 */
export function fragmentMessage(
  message: Omit<FrameSpec, 'fin' | 'lengthBits' | 'declaredLength'>,
  sizes: readonly number[],
): FrameSpec[] {
  const payload = payloadBytes(message.payload);
  const total = sizes.reduce((n, s) => n + s, 0);
  if (sizes.length === 0 || total !== payload.length || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new RangeError(`fragment sizes must be whole numbers adding up to the payload length ${payload.length}`);
  }
  let at = 0;
  return sizes.map((size, i) => {
    const spec: FrameSpec = {
      opcode: i === 0 ? message.opcode : 0,
      payload: payload.subarray(at, at + size),
      fin: i === sizes.length - 1,
      rsv1: i === 0 ? message.rsv1 === true : false,
      rsv2: message.rsv2,
      rsv3: message.rsv3,
      mask: message.mask,
    };
    at += size;
    return spec;
  });
}

/** N near-equal sizes adding up to `total` (the first ones one byte larger). N is clamped to 1..total. */
export function evenSizes(total: number, count: number): number[] {
  const n = Math.max(1, Math.min(Math.floor(count), Math.max(total, 1)));
  const base = Math.floor(total / n);
  const extra = total % n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

function lengthBitsFor(length: number | bigint, wanted: 'minimal' | LengthBits): LengthBits {
  const n = BigInt(length);
  if (n < 0n || n > 0xffff_ffff_ffff_ffffn) throw new RangeError(`length ${length} does not fit 64 bits`);
  if (wanted === 'minimal') return n <= 125n ? 7 : n <= 0xffffn ? 16 : 64;
  if (wanted === 7 && n > 125n) throw new RangeError(`length ${length} does not fit the 7-bit field (max 125)`);
  if (wanted === 16 && n > 0xffffn) throw new RangeError(`length ${length} does not fit the 16-bit field (max 65535)`);
  return wanted;
}

function maskKeyOf(mask: FrameSpec['mask']): number | null {
  if (mask === undefined || mask === false) return null;
  if (mask === true) return maskKeyFromBytes(crypto.getRandomValues(new Uint8Array(4)));
  if (typeof mask === 'number') return mask >>> 0;
  if (mask.length !== 4) throw new RangeError('a mask key is exactly 4 bytes');
  return maskKeyFromBytes(mask);
}
