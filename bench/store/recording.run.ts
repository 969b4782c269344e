import { mkdtemp, rm } from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildRecordingCorpus,
  readBatches,
  readIndex,
  readItems,
  readJsonBaseline,
  writeJsonBaseline,
  writeRecording,
  type ReadTally,
  type RecordingCorpus,
} from './recording.js';
import { median, positiveInt } from '../stats.js';

/**
 * bench/store/recording: writer and reader throughput of the recording format for 10^6 small
 * frames (each with its message event), each against a baseline in the same process, order
 * alternating run by run. Exits non-zero only when a reader gives back the wrong counts.
 */

const { values: args } = parseArgs({
  options: {
    frames: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    chunk: { type: 'string', default: '65536' },
    seed: { type: 'string', default: '6455' },
    out: { type: 'string', default: 'bench/results/recording.json' },
  },
});

const GOAL_FRAMES_PER_SEC = 1_000_000;

interface Contestant {
  readonly id: string;
  readonly label: string;
  /** Frames/s this contestant should reach, or null for baselines and information. */
  readonly goal: number | null;
  run(): Promise<unknown>;
}

/** Runs each contestant once to warm up, then `runs` times in alternating order; the first is the baseline. */
async function measure(title: string, contestants: readonly Contestant[], runs: number, frames: number) {
  for (const c of contestants) await c.run();
  const ms = contestants.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    const order = contestants.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    for (const i of order) {
      const started = performance.now();
      await (contestants[i] as Contestant).run();
      (ms[i] as number[]).push(performance.now() - started);
    }
    console.log(
      `  ${title} run ${run + 1}/${runs}: ${contestants.map((c, i) => `${c.id} ${ms[i]?.[run]?.toFixed(0)} ms`).join(', ')}`,
    );
  }
  const baseMedian = median(ms[0] as number[]);
  return contestants.map((c, i) => {
    const samples = ms[i] as number[];
    const framesPerSec = frames / (median(samples) / 1000);
    return {
      id: c.id,
      label: c.label,
      medianMs: median(samples),
      samplesMs: samples.map((t) => Math.round(t)),
      framesPerSec,
      vsBaseline: baseMedian / median(samples),
      goal: c.goal,
      goalMet: c.goal === null ? null : framesPerSec >= c.goal,
    };
  });
}

function table(rows: Awaited<ReturnType<typeof measure>>): string[] {
  const lines = [
    `${'contestant'.padEnd(52)}${'median ms'.padStart(10)}${'frames/s'.padStart(12)}${'× baseline'.padStart(12)}  goal`,
  ];
  for (const r of rows) {
    const goal =
      r.goal === null ? '' : `≥ ${r.goal.toLocaleString('en-US')} frames/s: ${r.goalMet ? 'met' : 'MISSED'}`;
    lines.push(
      `${r.label.padEnd(52)}${r.medianMs.toFixed(0).padStart(10)}${Math.round(r.framesPerSec).toLocaleString('en-US').padStart(12)}${`${r.vsBaseline.toFixed(2)}×`.padStart(12)}  ${goal}`,
    );
  }
  return lines;
}

/** Exits when a read did not give back every frame (and its payload bytes, when derived) and message. */
function checkTally(
  label: string,
  got: ReadTally,
  corpus: RecordingCorpus,
  payloads: boolean,
  messages = corpus.frames,
): void {
  const ok =
    got.frames === corpus.frames &&
    got.messages === messages &&
    (!payloads || got.payloadBytes === corpus.payloadBytes);
  if (ok) return;
  console.error(
    `\nCORRECTNESS MISMATCH: ${label}: ${JSON.stringify(got)}, expected ${corpus.frames} frames, ${messages} messages, ${corpus.payloadBytes} payload bytes`,
  );
  process.exit(1);
}

async function main(): Promise<void> {
  const frames = positiveInt('frames', args.frames);
  const runs = positiveInt('runs', args.runs);
  const chunkSize = positiveInt('chunk', args.chunk);
  const load = loadavg();
  console.log(
    `bench/store/recording: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const corpus = buildRecordingCorpus(frames, positiveInt('seed', args.seed), chunkSize);
  console.log(
    `${frames.toLocaleString('en-US')} text frames of 20–200 B (${(corpus.payloadBytes / frames).toFixed(0)} B mean), ` +
      `${(corpus.wireBytes / 1e6).toFixed(1)} MB on the wire in ${corpus.chunks.length} chunks of ≤ ${chunkSize} B, one message event per frame`,
  );

  const dir = await mkdtemp(join(tmpdir(), 'wstap-bench-recording-'));
  const recording = join(dir, 'recording.jsonl');
  const baseline = join(dir, 'baseline.jsonl');
  const framesOnly = join(dir, 'frames-only.jsonl');
  const sizes = { recording: 0, baseline: 0, framesOnly: 0 };
  try {
    console.log(`\nwriting (files in ${dir}); warm-up, then ${runs} timed runs each, order alternating`);
    const writers = await measure(
      'write',
      [
        {
          id: 'json',
          label: 'baseline: JSON.stringify(FrameEvent) + message',
          goal: null,
          run: async () => (sizes.baseline = await writeJsonBaseline(corpus, baseline)),
        },
        {
          id: 'wire',
          label: 'recording writer: wire records + message',
          goal: GOAL_FRAMES_PER_SEC,
          run: async () => (sizes.recording = await writeRecording(corpus, recording)),
        },
        {
          id: 'wire-only',
          label: 'recording writer: wire records alone (info)',
          goal: null,
          run: async () => (sizes.framesOnly = await writeRecording(corpus, framesOnly, false)),
        },
      ],
      runs,
      frames,
    );
    console.log('');
    for (const line of table(writers)) console.log(line);
    console.log(
      `file size: recording ${(sizes.recording / 1e6).toFixed(1)} MB (${(sizes.recording / frames).toFixed(0)} B/frame), ` +
        `baseline ${(sizes.baseline / 1e6).toFixed(1)} MB (${(sizes.baseline / frames).toFixed(0)} B/frame), ` +
        `wire records alone ${(sizes.framesOnly / 1e6).toFixed(1)} MB (${(sizes.framesOnly / frames).toFixed(0)} B/frame)`,
    );

    console.log(`\nreading; warm-up, then ${runs} timed runs each, order alternating`);
    const readers = await measure(
      'read',
      [
        {
          id: 'json',
          label: 'baseline: JSON.parse per line',
          goal: null,
          run: async () => checkTally('baseline', await readJsonBaseline(baseline), corpus, false),
        },
        {
          id: 'index',
          label: 'reader: indexRecording into a FrameStore',
          goal: GOAL_FRAMES_PER_SEC,
          run: async () => checkTally('index', await readIndex(recording), corpus, false),
        },
        {
          id: 'batches',
          label: 'reader: readRecordingBatches (full events)',
          goal: null,
          run: async () => checkTally('batches', await readBatches(recording), corpus, true),
        },
        {
          id: 'items',
          label: 'reader: readRecording, one await per item',
          goal: null,
          run: async () => checkTally('items', await readItems(recording), corpus, true),
        },
        {
          id: 'wire-only',
          label: 'reader: wire records alone, frames derived (info)',
          goal: null,
          run: async () => checkTally('wire-only', await readBatches(framesOnly), corpus, true, 0),
        },
      ],
      runs,
      frames,
    );
    console.log('');
    for (const line of table(readers)) console.log(line);
    console.log(
      '\nratios are baseline median time / contestant median time, in this process; not comparable across machines',
    );

    const out = resolve(args.out);
    mkdirSync(dirname(out), { recursive: true });
    const result = {
      bench: 'recording',
      date: new Date().toISOString(),
      node: process.version,
      cpu: { model: cpus()[0]?.model ?? null, cores: cpus().length, loadAtStart: load },
      corpus: {
        frames,
        chunks: corpus.chunks.length,
        chunkSize,
        wireBytes: corpus.wireBytes,
        payloadBytes: corpus.payloadBytes,
      },
      runs,
      fileBytes: sizes,
      correctness:
        'every read matched the corpus frame and message counts (and payload bytes for derived frames)',
      write: writers,
      read: readers,
    };
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwrote ${out}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
