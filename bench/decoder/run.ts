import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTESTANTS, type Contestant } from './contestants.js';
import { buildCorpus, formatCorpusStats, type Corpus } from './corpus.js';
import { compareTally } from './digest.js';
import { formatResults, summarize, type Sample } from './report.js';
import { positiveInt } from '../stats.js';

/**
 * bench/decoder: one corpus of 1M masked client frames, decoded from 64 KiB chunks by ws's
 * Receiver and by our FrameDecoder in the same process, alternating order run by run. Prints
 * frames/s, MB/s and the ratio to ws; exits non-zero only when a contestant miscounts.
 */

const { values: args } = parseArgs({
  options: {
    frames: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    chunk: { type: 'string', default: '65536' },
    seed: { type: 'string', default: '6455' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/results/decoder.json' },
  },
});

const frames = positiveInt('frames', args.frames);
const runs = positiveInt('runs', args.runs);
const chunkSize = positiveInt('chunk', args.chunk);
const seed = positiveInt('seed', args.seed);
const only = args.only?.split(',');
const contestants = CONTESTANTS.filter((c, i) => i === 0 || only === undefined || only.includes(c.id));

/** Fails the benchmark when a contestant's tally differs from the corpus's. */
function check(
  contestant: Contestant,
  corpus: Corpus,
  got: Awaited<ReturnType<Contestant['run']>>,
  run: string,
): void {
  const diff = compareTally(got, corpus.expected);
  if (diff.length === 0) return;
  console.error(`\nCORRECTNESS MISMATCH: ${contestant.label}, ${run}:\n  ${diff.join('\n  ')}`);
  process.exit(1);
}

/** Socket-sized views of `work`; Buffers, because ws's Receiver reads them with Buffer methods. */
function chunksOf(work: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < work.length; at += chunkSize) chunks.push(work.subarray(at, at + chunkSize));
  return chunks;
}

/** One run on a fresh copy of the corpus; only decoding is timed. */
async function runOnce(contestant: Contestant, corpus: Corpus, work: Buffer, label: string): Promise<number> {
  work.set(corpus.bytes); // ws unmasks in place: every contestant gets pristine bytes
  const chunks = chunksOf(work);
  // No forced gc() here: after a full GC V8 shrinks the young generation, which made the next run
  // of an allocating decoder ~40% slower than steady state (measured). Alternating order spreads
  // each contestant's garbage over the others' runs alike.
  const started = performance.now();
  const tally = await contestant.run(chunks);
  const ms = performance.now() - started;
  check(contestant, corpus, tally, label);
  return ms;
}

async function main(): Promise<void> {
  const load = loadavg();
  console.log(
    `bench/decoder: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `load ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const corpus = buildCorpus(frames, seed);
  for (const line of formatCorpusStats(corpus)) console.log(line);
  const work = Buffer.allocUnsafe(corpus.bytes.length);
  console.log(
    `\nchunks of ${chunkSize} B (${Math.ceil(work.length / chunkSize)} per run); warm-up, then ${runs} timed runs each, order alternating`,
  );

  for (const c of contestants) await runOnce(c, corpus, work, 'warm-up');
  const samples: Sample[] = contestants.map((c) => ({ contestant: c, ms: [] }));
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? samples : [...samples].reverse();
    for (const sample of order)
      sample.ms.push(await runOnce(sample.contestant, corpus, work, `run ${run + 1}`));
    process.stdout.write(
      `  run ${run + 1}/${runs}: ${samples.map((s) => `${s.contestant.id} ${s.ms[run]?.toFixed(0)} ms`).join(', ')}\n`,
    );
  }

  const summary = summarize(samples, corpus);
  console.log('');
  for (const line of formatResults(summary)) console.log(line);

  const out = resolve(args.out);
  mkdirSync(dirname(out), { recursive: true });
  const result = {
    bench: 'decoder',
    date: new Date().toISOString(),
    node: process.version,
    cpu: { model: cpus()[0]?.model ?? null, cores: cpus().length, loadAtStart: load },
    corpus: { ...corpus.stats, expected: corpus.expected, chunkSize },
    runs,
    correctness: 'all runs matched the corpus tally',
    results: summary,
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
}

await main();
