import { binarySlice, buildPools, textSlice, textWithSplitPoint, type Pools } from './corpus-pools.js';
import { CountingSink, SIZE_BUCKETS, WritingSink, type FrameSink, type WireStats } from './corpus-writer.js';
import { countMessage, emptyTally, type Tally } from './digest.js';
import { Prng } from './prng.js';

/**
 * The decoder benchmark's input: one deterministic stream of masked client frames, as a browser
 * sends them. Mostly small chat/JSON text, some mid-sized and a few large messages, binary,
 * fragmented text split inside multi-byte code points, pings and pongs (a browser answers the
 * server's pings), and a Close to end it. Every frame is valid: ws must accept all of it.
 */

/** Shares of the mix, per message drawn (a message is one frame unless fragmented). */
const MIX = {
  ping: 0.0025,
  pong: 0.0025,
  fragmentedText: 0.005,
  fragmentedBinary: 0.001,
  /** Among single-frame data messages: */
  huge: 0.00002, // 64-bit lengths, 70–200 KiB
  large: 0.0015, // 16-bit lengths, 4097–65535 (log-uniform)
  medium: 0.06, // 126–4096 (log-uniform)
  // the rest: small, 2–125 bytes
  textShare: { small: 0.85, medium: 0.6, large: 0.3, huge: 0.25 },
  /** Fragmented messages that get a ping between their first and second frames (RFC 6455 §5.4 allows it). */
  interleavedPing: 0.2,
} as const;

const FIN = 0x80;
const OP = { CONT: 0x0, TEXT: 0x1, BINARY: 0x2, CLOSE: 0x8, PING: 0x9, PONG: 0xa } as const;
const CLOSE_PAYLOAD = Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65); // 1000 "bye"

/** Message-level numbers of a corpus. */
export interface CorpusStats extends WireStats {
  readonly seed: number;
  readonly fragmentedMessages: number;
  readonly buildMs: number;
}

/** A built corpus: the bytes, what a correct decoder must report for them, and stats. */
export interface Corpus {
  readonly bytes: Buffer;
  readonly expected: Tally;
  readonly stats: CorpusStats;
}

/** Builds the corpus of exactly `frames` frames (the last one a Close) from `seed`. */
export function buildCorpus(frames: number, seed: number): Corpus {
  if (!Number.isInteger(frames) || frames < 16)
    throw new RangeError(`a corpus needs at least 16 frames, got ${frames}`);
  const started = performance.now();
  const pools = buildPools(new Prng(seed ^ 0x9001));
  const counter = new CountingSink();
  const { expected, fragmented } = generate(pools, seed, frames, counter);
  const writer = new WritingSink(counter.stats.bytes, seed ^ 0x4d41534b);
  generate(pools, seed, frames, writer);
  if (writer.written !== counter.stats.bytes)
    throw new Error('corpus passes disagree: the generator is not deterministic');
  const stats = {
    ...counter.stats,
    seed,
    fragmentedMessages: fragmented,
    buildMs: performance.now() - started,
  };
  return { bytes: writer.out, expected, stats };
}

/** Runs the mix; the same seed always makes the same calls on `sink`. */
function generate(
  pools: Pools,
  seed: number,
  target: number,
  sink: FrameSink,
): { expected: Tally; fragmented: number } {
  const rng = new Prng(seed);
  const expected = emptyTally(target, 0);
  let frames = 0;
  let fragmented = 0;
  const emit = (b0: number, payload: Uint8Array): void => {
    sink.frame(b0, payload);
    frames++;
  };
  const control = (opcode: number, payload: Uint8Array): void => {
    emit(FIN | opcode, payload);
    if (opcode === OP.PING) expected.pings++;
    else if (opcode === OP.PONG) expected.pongs++;
    else expected.closes++;
  };
  const message = (opcode: number, payload: Uint8Array, sizes: readonly number[] | null): void => {
    countMessage(expected, opcode === OP.TEXT, payload);
    if (sizes === null) return emit(FIN | opcode, payload);
    fragmented++;
    let at = 0;
    sizes.forEach((size, i) => {
      emit(
        (i === sizes.length - 1 ? FIN : 0) | (i === 0 ? opcode : OP.CONT),
        payload.subarray(at, at + size),
      );
      at += size;
      if (i === 0 && sizes.length + frames < target && rng.chance(MIX.interleavedPing)) {
        control(OP.PING, binarySlice(pools, rng, 8));
      }
    });
  };

  while (frames < target - 1) {
    const room = target - 1 - frames;
    const r = rng.float();
    if (r < MIX.ping) {
      control(OP.PING, binarySlice(pools, rng, rng.int(4, 32)));
    } else if (r < MIX.ping + MIX.pong) {
      control(OP.PONG, binarySlice(pools, rng, rng.int(0, 16)));
    } else if (r < MIX.ping + MIX.pong + MIX.fragmentedText && room >= 5) {
      const { bytes, inside } = textWithSplitPoint(pools, rng, rng.int(200, 4000));
      message(OP.TEXT, bytes, splitSizes(rng, bytes.length, rng.int(2, 4), inside));
    } else if (r < MIX.ping + MIX.pong + MIX.fragmentedText + MIX.fragmentedBinary && room >= 5) {
      const bytes = binarySlice(pools, rng, rng.int(1000, 16000));
      message(OP.BINARY, bytes, splitSizes(rng, bytes.length, rng.int(2, 4), null));
    } else {
      const s = rng.float();
      const [length, textShare] =
        s < MIX.huge
          ? [rng.int(70 * 1024, 200 * 1024), MIX.textShare.huge]
          : s < MIX.huge + MIX.large
            ? [rng.logInt(4097, 65535), MIX.textShare.large]
            : s < MIX.huge + MIX.large + MIX.medium
              ? [rng.logInt(126, 4096), MIX.textShare.medium]
              : [rng.int(2, 125), MIX.textShare.small];
      if (rng.chance(textShare)) message(OP.TEXT, textSlice(pools, rng, length), null);
      else message(OP.BINARY, binarySlice(pools, rng, length), null);
    }
  }
  control(OP.CLOSE, CLOSE_PAYLOAD);
  return { expected, fragmented };
}

/** `count` non-empty fragment sizes adding up to `total`; the first split at `first` when given. */
function splitSizes(rng: Prng, total: number, count: number, first: number | null): number[] {
  const cuts = new Set<number>(first === null ? [] : [first]);
  while (cuts.size < count - 1) cuts.add(rng.int(1, total - 1));
  const sorted = [...cuts].sort((a, b) => a - b);
  return [...sorted, total].map((cut, i) => cut - (i === 0 ? 0 : (sorted[i - 1] as number)));
}

const int = (n: number): string => n.toLocaleString('en-US');
const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
const pct = (part: number, whole: number): string =>
  `${((100 * part) / whole).toFixed(part / whole < 0.001 ? 3 : 1)}%`;

/** The corpus stats as printable lines. */
export function formatCorpusStats(corpus: Corpus): string[] {
  const { stats: s, expected: e } = corpus;
  const lines = [
    `corpus: ${int(s.frames)} masked client frames, ${mb(s.bytes)} on the wire (payload ${mb(s.payloadBytes)}), ` +
      `seed ${s.seed}, built in ${(s.buildMs / 1000).toFixed(1)} s`,
    `  messages ${int(e.messages)}: text ${int(e.text)}, binary ${int(e.binary)}, fragmented ${int(s.fragmentedMessages)} ` +
      `(${int(s.opcodeFrames[OP.CONT] as number)} continuation frames); control: ping ${int(e.pings)}, pong ${int(e.pongs)}, close ${int(e.closes)}`,
    `  largest payload ${int(s.largestPayload)} B`,
    `  ${'payload size'.padEnd(18)}${'frames'.padStart(11)}${'share'.padStart(9)}${'wire bytes'.padStart(12)}${'share'.padStart(8)}`,
  ];
  SIZE_BUCKETS.forEach((bucket, i) => {
    const frames = s.bucketFrames[i] as number;
    const bytes = s.bucketBytes[i] as number;
    lines.push(
      `  ${bucket.label.padEnd(18)}${int(frames).padStart(11)}${pct(frames, s.frames).padStart(9)}` +
        `${mb(bytes).padStart(12)}${pct(bytes, s.bytes).padStart(8)}`,
    );
  });
  return lines;
}
