import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Frame } from '../../shared/protocol/frame.js';
import { fill, framePool, liveBytes, MEMORY_CONTESTANTS, referee, type MemoryContestant } from './memory.js';
import { median, positiveInt } from '../stats.js';

/**
 * bench/store/memory: the bytes of memory the FrameStore's index costs per frame for 10^6 frames,
 * and how fast add() is, against a baseline in the same process: an array of plain summary
 * objects. Memory is heapUsed + arrayBuffers after forced full GCs, before and after filling.
 * Exits non-zero only when a contestant gives back a wrong summary.
 */

const { values: args } = parseArgs({
  options: {
    frames: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    pool: { type: 'string', default: '4096' },
    seed: { type: 'string', default: '6455' },
    out: { type: 'string', default: 'bench/results/store-memory.json' },
  },
});

const frames = positiveInt('frames', args.frames);
const runs = positiveInt('runs', args.runs);
const poolSize = Math.max(16, positiveInt('pool', args.pool));
const seed = positiveInt('seed', args.seed);

const gc = globalThis.gc;
if (gc === undefined) {
  console.error('bench/store/memory needs global.gc: run it with node --expose-gc (npm run bench does)');
  process.exit(2);
}
const collect: () => void = gc;

const GOAL_BYTES_PER_FRAME = 100;

interface Sample {
  readonly contestant: MemoryContestant;
  readonly bytes: number[];
  readonly ms: number[];
  claimed: number | null;
}

/** One fill of a fresh keeper: the ms add() took and the live bytes it left behind. */
async function measure(
  contestant: MemoryContestant,
  pool: readonly Frame[],
  label: string,
): Promise<{ ms: number; bytes: number; claimed: number | null }> {
  const before = liveBytes(collect);
  const keeper = contestant.create();
  const ms = fill(keeper, pool, frames);
  const after = liveBytes(collect);
  // The referee also keeps `keeper` reachable until after the second measurement.
  const wrong = referee(keeper, pool, frames);
  if (wrong.length > 0) {
    console.error(
      `\nCORRECTNESS MISMATCH: ${contestant.label}, ${label}: ids ${wrong.slice(0, 10).join(', ')}`,
    );
    process.exit(1);
  }
  const claimed = keeper.claimedBytes();
  await keeper.close();
  return { ms, bytes: after - before, claimed };
}

const num = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const load = loadavg();
  console.log(
    `bench/store/memory: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `load ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const pool = framePool(poolSize, seed);
  console.log(
    `${num(frames)} frames per run, fed round-robin from ${pool.length} distinct decoded frames; warm-up, then ${runs} runs each, order alternating`,
  );

  const samples: Sample[] = MEMORY_CONTESTANTS.map((contestant) => ({
    contestant,
    bytes: [],
    ms: [],
    claimed: null,
  }));
  for (const s of samples) await measure(s.contestant, pool, 'warm-up');
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? samples : [...samples].reverse();
    for (const s of order) {
      const got = await measure(s.contestant, pool, `run ${run + 1}`);
      s.bytes.push(got.bytes / frames);
      s.ms.push(got.ms);
      s.claimed = got.claimed;
    }
    console.log(
      `  run ${run + 1}/${runs}: ${samples.map((s) => `${s.contestant.id} ${s.bytes[run]?.toFixed(1)} B/frame ${s.ms[run]?.toFixed(0)} ms`).join(', ')}`,
    );
  }

  const base = samples[0] as Sample;
  const baseBytes = median(base.bytes);
  const baseRate = frames / (median(base.ms) / 1000);
  const results = samples.map((s) => {
    const bytesPerFrame = median(s.bytes);
    const addPerSec = frames / (median(s.ms) / 1000);
    return {
      id: s.contestant.id,
      label: s.contestant.label,
      bytesPerFrame,
      bytesPerFrameRange: [Math.min(...s.bytes), Math.max(...s.bytes)],
      claimedIndexBytesPerFrame: s.claimed === null ? null : s.claimed / frames,
      memoryVsBaseline: baseBytes / bytesPerFrame,
      addPerSec,
      addVsBaseline: addPerSec / baseRate,
      medianMs: median(s.ms),
      samplesMs: s.ms.map((t) => Math.round(t * 10) / 10),
    };
  });

  const head = [
    'keeper'.padEnd(40),
    'B/frame'.padStart(9),
    'range'.padStart(14),
    'index B'.padStart(9),
    '× less mem'.padStart(11),
    'add/s'.padStart(13),
    '× baseline'.padStart(11),
  ].join('');
  console.log(`\n${head}\n${'-'.repeat(head.length)}`);
  for (const r of results) {
    console.log(
      [
        r.label.padEnd(40),
        num(r.bytesPerFrame, 1).padStart(9),
        `${num(r.bytesPerFrameRange[0] as number, 1)}–${num(r.bytesPerFrameRange[1] as number, 1)}`.padStart(
          14,
        ),
        (r.claimedIndexBytesPerFrame === null ? '' : num(r.claimedIndexBytesPerFrame, 1)).padStart(9),
        `${r.memoryVsBaseline.toFixed(2)}×`.padStart(11),
        num(r.addPerSec).padStart(13),
        `${r.addVsBaseline.toFixed(2)}×`.padStart(11),
      ].join(''),
    );
  }
  const store = results.find((r) => r.id === 'store');
  const goalMet = store !== undefined && store.bytesPerFrame <= GOAL_BYTES_PER_FRAME;
  console.log(
    `\ngoal: FrameStore ≤ ${GOAL_BYTES_PER_FRAME} B/frame besides payloads, growth slack included: ${goalMet ? 'met' : 'MISSED'}`,
    '\nB/frame = (heapUsed + arrayBuffers after gc, filled − empty) / frames; index B = typed-array bytes the store reports',
  );

  const out = resolve(args.out);
  mkdirSync(dirname(out), { recursive: true });
  const result = {
    bench: 'store/memory',
    date: new Date().toISOString(),
    node: process.version,
    cpu: { model: cpus()[0]?.model ?? null, cores: cpus().length, loadAtStart: load },
    input: { frames, distinctFrames: pool.length, seed },
    runs,
    correctness: 'every run gave back the sampled summaries exactly',
    goal: { bytesPerFrame: GOAL_BYTES_PER_FRAME, met: goalMet },
    results,
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
}

await main();
