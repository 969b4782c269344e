import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMatcher } from '../../shared/replay/message-matcher.js';
import { createEngine } from '../../main/engine/engine.js';
import { loadConversation } from '../../main/engine/interchange/load-conversation.js';
import { runReplay } from '../../main/engine/replay/replay-runner.js';
import { benchEnv } from '../child-env.js';
import { describeMachine, machine, writeResult } from '../machine.js';
import { startServer } from '../serve/server-process.js';
import { median, pairedRatios, positiveInt } from '../stats.js';
import { table } from '../table.js';
import { liveClient, recordSession, type Plan } from './contestants.js';

/**
 * bench/replay: `wstap replay --mode fast` of a recorded session of N messages into a local echo
 * server (ws, its own process) against a plain npm ws client sending the same messages the same
 * way (512 writes in flight, every echo checked), in one run, order rotating. Goal: replay ≥ 0.8×
 * the live client in messages/s. A third contestant also records the live run, as the command
 * does by default (`FILE.replay.jsonl`), until the file is written. Exits 1 when any sees a wrong
 * or missing echo.
 */

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    messages: { type: 'string', default: '100000' },
    out: { type: 'string', default: 'bench/results/replay.json' },
  },
});
const runs = positiveInt('runs', args.runs);
const count = positiveInt('messages', args.messages);
const on = machine();
console.log(`bench/replay — ${describeMachine(on)}`);

const server = await startServer(
  {
    label: 'ws echo',
    args: [join(process.cwd(), 'out/bench/serve/bare-echo.js'), String(100 * 1024 * 1024)],
  },
  benchEnv(),
);
const dir = mkdtempSync(join(tmpdir(), 'wstap-bench-replay-'));
try {
  const plan: Plan = { url: `${server.url}/bench`, count };
  const path = join(dir, 'session.jsonl');
  const recordStart = performance.now();
  const sent = await recordSession(plan, path);
  console.log(
    `recorded ${count} messages (${(sent / 1e6).toFixed(1)} MB each way) in ${((performance.now() - recordStart) / 1000).toFixed(1)} s`,
  );
  const loads: number[] = [];
  const live: number[] = [];
  const replay: number[] = [];
  const recorded: number[] = [];
  const contestants = ['live', 'replay', 'recorded'] as const;
  for (let run = 0; run < runs; run++) {
    // Each contestant goes first in turn.
    const order = contestants.map((_, i) => contestants[(i + run) % contestants.length] as string);
    for (const who of order) {
      if (who === 'live') {
        live.push(await liveClient(plan, path));
        continue;
      }
      const loadStart = performance.now();
      const conversation = await loadConversation(path);
      loads.push(performance.now() - loadStart);
      const engine = createEngine();
      const start = performance.now();
      const recording = who === 'recorded' ? await engine.startRecording(join(dir, 'live.jsonl')) : null;
      const report = await runReplay(engine, conversation.connections, {
        mode: 'fast',
        speed: 1,
        timeout: 30_000,
        matcher: createMatcher('json'),
        ignore: [],
        tolerance: null,
        clientOptions: () => ({ url: plan.url, perMessageDeflate: false }),
      });
      await recording?.stop();
      const ms = performance.now() - start;
      await engine.dispose();
      if (report.differences > 0 || report.connections[0]?.matched !== count) {
        throw new Error(`replay differed: ${JSON.stringify(report.connections[0]?.findings.slice(0, 3))}`);
      }
      (who === 'recorded' ? recorded : replay).push((count / ms) * 1000);
    }
  }
  const ratio = pairedRatios(replay, live);
  const recordedRatio = pairedRatios(recorded, live);
  const k = (n: number): string => `${(n / 1000).toFixed(1)}k`;
  for (const line of table(
    [
      ['contestant', 46],
      ['msgs/s (median)', 17],
      ['runs', 24],
    ],
    [
      ['npm ws client (baseline)', k(median(live)), live.map(k).join(' ')],
      ['wstap replay --mode fast', k(median(replay)), replay.map(k).join(' ')],
      ['… recording the live run (the default)', k(median(recorded)), recorded.map(k).join(' ')],
    ],
  ))
    console.log(line);
  console.log(
    `replay ÷ live: ${ratio.median.toFixed(2)}× (runs ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}); goal ≥ 0.8×: ${ratio.median >= 0.8 ? 'met' : 'missed'}`,
  );
  console.log(
    `recording the live run too ÷ live: ${recordedRatio.median.toFixed(2)}× (runs ${recordedRatio.min.toFixed(2)}–${recordedRatio.max.toFixed(2)}; the recording written to disk before the clock stops)`,
  );
  console.log(
    `loading the recording (${count} messages, before the replay starts): ${median(loads).toFixed(0)} ms median`,
  );
  const out = writeResult(args.out, 'replay', on, {
    messages: count,
    runs,
    live,
    replay,
    ratio,
    recorded,
    recordedRatio,
    loadMs: loads,
  });
  console.log(`result: ${out}`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
