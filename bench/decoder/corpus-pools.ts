import type { Prng } from './prng.js';

/**
 * Payload material for the corpus: 1 MiB of JSON-like UTF-8 text (mostly ASCII, some accented,
 * CJK and emoji words) and 1 MiB of random bytes. Payloads are slices at random offsets, so the
 * corpus builds at memcpy speed instead of generating 200 MB byte by byte.
 */
export interface Pools {
  readonly text: Uint8Array;
  readonly binary: Uint8Array;
}

const POOL_BYTES = 1 << 20;

const ASCII_WORDS = [
  'hello',
  'world',
  'ok',
  'deploy',
  'status',
  'ready',
  'retry',
  'user',
  'joined',
  'left',
  'the',
  'build',
  'is',
  'green',
  'red',
  'ping',
  'latency',
  'ms',
  'queue',
  'ack',
  'order',
  'filled',
  'price',
  'update',
];
// About one word in eight is multi-byte: 2-byte (é, ï, Cyrillic), 3-byte (✓, CJK), 4-byte (emoji).
const MULTIBYTE_WORDS = [
  'héllo ✓ 中文',
  'café',
  'naïve',
  'Привет',
  '✓',
  '中文',
  '日本語',
  '😀',
  'Grüße',
  '👍🏽',
];
const TYPES = ['chat', 'presence', 'typing', 'ack', 'tick', 'cursor'];

/** Builds both pools from `rng` (the same seed gives the same pools). */
export function buildPools(rng: Prng): Pools {
  const binary = new Uint8Array(POOL_BYTES);
  rng.fill(binary);
  return { text: buildTextPool(rng), binary };
}

function buildTextPool(rng: Prng): Uint8Array {
  const records: string[] = [];
  let size = 0;
  while (size < POOL_BYTES + 4096) {
    const words: string[] = [];
    const count = rng.int(1, 14);
    for (let i = 0; i < count; i++)
      words.push(rng.chance(0.12) ? rng.pick(MULTIBYTE_WORDS) : rng.pick(ASCII_WORDS));
    const record = JSON.stringify({
      type: rng.pick(TYPES),
      id: rng.int(1, 9_999_999),
      room: `room-${rng.int(1, 64)}`,
      user: `user${rng.int(1, 5000)}`,
      text: words.join(' '),
      ts: 1_700_000_000_000 + rng.int(0, 99_999_999),
    });
    records.push(record);
    size += record.length + 1;
  }
  return new TextEncoder().encode(records.join('\n'));
}

const isContinuation = (byte: number): boolean => (byte & 0xc0) === 0x80;

/**
 * About `length` bytes of valid UTF-8 text from a random offset: both ends moved to code point
 * boundaries (the end backwards, so a 125-byte request stays a 7-bit length; forwards only when
 * moving back would leave nothing).
 */
export function textSlice(pools: Pools, rng: Prng, length: number): Uint8Array {
  const pool = pools.text;
  let start = rng.int(0, pool.length - length - 8);
  while (isContinuation(pool[start] as number)) start++;
  let end = start + length;
  while (end > start && isContinuation(pool[end] as number)) end--;
  if (end === start && length > 0) {
    end = start + length;
    while (isContinuation(pool[end] as number)) end++;
  }
  return pool.subarray(start, end);
}

/** `length` random bytes from a random offset. */
export function binarySlice(pools: Pools, rng: Prng, length: number): Uint8Array {
  const start = rng.int(0, pools.binary.length - length);
  return pools.binary.subarray(start, start + length);
}

/**
 * Text that contains at least one multi-byte code point, and the index of a byte inside one (a
 * continuation byte): splitting there puts the fragment boundary inside the code point.
 */
export function textWithSplitPoint(
  pools: Pools,
  rng: Prng,
  length: number,
): { bytes: Uint8Array; inside: number } {
  const bytes = textSlice(pools, rng, length);
  for (let i = 1; i < bytes.length; i++) if (isContinuation(bytes[i] as number)) return { bytes, inside: i };
  // Pure ASCII slice: put a ✓ (E2 9C 93) in the middle.
  const mid = bytes.length >>> 1;
  const check = [0xe2, 0x9c, 0x93];
  const out = new Uint8Array(bytes.length + check.length);
  out.set(bytes.subarray(0, mid), 0);
  out.set(check, mid);
  out.set(bytes.subarray(mid), mid + check.length);
  return { bytes: out, inside: mid + 1 + rng.int(0, 1) };
}
