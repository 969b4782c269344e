import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  findPrograms,
  missingPrograms,
  PROXY_IDS,
  proxyContestants,
  relayCommand,
  type Programs,
  type ProxyContestant,
  type ProxyId,
} from './contestants.js';
import {
  describeGoals,
  formatProxy,
  GOAL_VS_MITMDUMP,
  GOAL_VS_TCP_RELAY,
  summarizeProxy,
  windowFor,
  type ProxyRow,
  type ProxySample,
} from './report.js';
import { benchEnv } from '../child-env.js';
import { describeMachine, machine, writeResult } from '../machine.js';
import { WrongEcho } from '../serve/echo-stream.js';
import { startLoad } from '../serve/load-runner.js';
import { rssKiB } from '../serve/proc.js';
import { ServerFailure, startServer, type ServerProcess } from '../serve/server-process.js';
import { positiveInt, positiveInts } from '../stats.js';

/**
 * bench/proxy: how close `wstap proxy` (full inspection and recording) comes to a plain TCP relay,
 * with mitmdump as the reference and the load talking to the echo server directly for context. For
 * each message size, R runs with the order alternating; each run starts a fresh echo server
 * (bench/serve's bare ws echo), the contestant's relay in front of it, and bench/serve's load
 * process with its byte-for-byte referee, every one in its own process on 127.0.0.1.
 * Goals: wstap ≥ 0.9× the TCP relay's msgs/s at 64 B and 1 KiB, ≥ 0.7× at 64 KiB, ≥ 40× mitmdump.
 * Exits 1 when an echo comes back wrong or a process dies or does not stop cleanly.
 */

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    window: { type: 'string', default: '32' },
    size: { type: 'string', default: '64,1024,65536' },
    only: { type: 'string', default: PROXY_IDS.join(',') },
    out: { type: 'string', default: 'bench/results/proxy.json' },
  },
});

const runs = positiveInt('runs', args.runs);
const seconds = positiveInt('seconds', args.seconds);
const connections = positiveInt('connections', args.connections);
const maxWindow = positiveInt('window', args.window);
const sizes = positiveInts('size', args.size);
const only = args.only.split(',').map((id) => id.trim());
const unknown = only.filter((id) => !(PROXY_IDS as readonly string[]).includes(id));
if (unknown.length > 0)
  throw new RangeError(`--only takes ${PROXY_IDS.join(', ')}; got ${unknown.join(', ')}`);
const WARMUP_MS = 1000;
/** wstap may take this long to stop: it finishes writing its recording. */
const STOP_MS = 60_000;
const root = process.cwd();
const env = benchEnv();
const k = (n: number): string => `${(n / 1000).toFixed(1)}k`;

/** A port nothing listens on now, for mitmdump (it does not say where it listens when quiet). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** What one run measured. */
interface RunResult {
  readonly perSecond: number;
  readonly relayCpu: number | null;
  readonly echoCpu: number;
  readonly loadCpu: number;
  readonly relayRssEndKiB: number | null;
  readonly recordedPerMessage: number | null;
}

/** Stops what runs (the relay first), whatever happened; an earlier failure wins over a failure to stop. */
async function stopAll(running: readonly ServerProcess[], failed: boolean): Promise<void> {
  for (const server of [...running].reverse()) {
    if (failed) await server.stop().catch(() => undefined);
    else await server.stop(STOP_MS);
  }
}

/** One run of one contestant: a fresh echo server, its relay in front (none for direct), a fresh load. */
async function proxyRun(
  programs: Programs,
  contestant: ProxyContestant,
  size: number,
  recording: string,
): Promise<RunResult> {
  const running: ServerProcess[] = [];
  let failed = true;
  try {
    const echo = await startServer(programs.echo, env);
    running.push(echo);
    const command = relayCommand(contestant.id, programs, {
      targetPort: new URL(echo.url).port,
      listenPort: String(await freePort()),
      recording,
    });
    const relay = command === null ? null : await startServer(command, env);
    if (relay !== null) running.push(relay);
    const front = relay ?? echo;
    const load = startLoad(
      {
        mode: 'throughput',
        url: front.url,
        pids: running.map((p) => p.pid).reverse(),
        connections,
        window: windowFor(size, maxWindow),
        size,
        warmupMs: WARMUP_MS,
        seconds,
      },
      env,
    );
    const result = await load.next('result', WARMUP_MS + seconds * 1000 + 60_000);
    await load.done();
    for (const server of running) server.assertRunning();
    const relayRssEndKiB = relay === null ? null : rssKiB(relay.pid);
    failed = false;
    await stopAll(running, false);
    // A recording that stopped (RECORDING_BACKLOG_FULL: the disk fell behind) did less work: not a result.
    const incomplete = /the recording \S+ is incomplete: .*/.exec(relay?.stderrTail() ?? '');
    if (contestant.id === 'wstap' && incomplete !== null) throw new ServerFailure(`wstap: ${incomplete[0]}`);
    const recorded = contestant.id === 'wstap' ? statSync(recording).size : null;
    return {
      perSecond: result.messages / result.seconds,
      relayCpu: relay === null ? null : (result.cpu[0] as number),
      echoCpu: result.cpu[relay === null ? 0 : 1] as number,
      loadCpu: result.loadCpu,
      relayRssEndKiB,
      recordedPerMessage: recorded === null ? null : recorded / result.echoed,
    };
  } finally {
    if (failed) await stopAll(running, true);
    rmSync(recording, { force: true });
  }
}

/** R runs of every contestant at one size, the order reversed every other run. */
async function race(
  programs: Programs,
  contestants: readonly ProxyContestant[],
  size: number,
  recordings: string,
): Promise<ProxySample[]> {
  const window = windowFor(size, maxWindow);
  console.log(
    `\n${size} B text messages: ${connections} connections × ${window} in flight, ${WARMUP_MS / 1000} s warm-up, ${seconds} s counted`,
  );
  const samples = contestants.map((contestant): ProxySample => ({
    contestant,
    perSecond: [],
    relayCpu: [],
    echoCpu: [],
    loadCpu: [],
    relayRssEndKiB: [],
    recordedPerMessage: [],
  }));
  for (let run = 0; run < runs; run++) {
    const parts: string[] = [];
    for (const sample of run % 2 === 0 ? samples : [...samples].reverse()) {
      const got = await proxyRun(
        programs,
        sample.contestant,
        size,
        join(recordings, `${size}-${run + 1}.jsonl`),
      );
      sample.perSecond.push(got.perSecond);
      sample.echoCpu.push(got.echoCpu);
      sample.loadCpu.push(got.loadCpu);
      if (got.relayCpu !== null) sample.relayCpu.push(got.relayCpu);
      if (got.relayRssEndKiB !== null) sample.relayRssEndKiB.push(got.relayRssEndKiB);
      if (got.recordedPerMessage !== null) sample.recordedPerMessage.push(got.recordedPerMessage);
      const cpu = got.relayCpu === null ? '' : `relay ${Math.round(got.relayCpu * 100)}%, `;
      parts.push(
        `${sample.contestant.id} ${k(got.perSecond)}/s (${cpu}echo ${Math.round(got.echoCpu * 100)}%, load ${Math.round(got.loadCpu * 100)}%)`,
      );
    }
    console.log(`  run ${run + 1}/${runs}: ${parts.join(', ')}`);
  }
  return samples;
}

async function main(): Promise<void> {
  const on = machine();
  console.log(`bench/proxy: ${describeMachine(on)}`);
  const missing = missingPrograms(root);
  if (missing !== null) {
    console.error(missing);
    process.exit(2);
  }
  const programs = findPrograms(root, env);
  const contestants = proxyContestants(programs, only as ProxyId[]);
  const skipped =
    'missing' in programs.mitmdump && only.includes('mitmdump') ? programs.mitmdump.missing : null;
  if (skipped !== null)
    console.log(`mitmdump SKIPPED: ${skipped}; the other contestants run, with no ratio to mitmdump`);
  console.log(
    `${contestants.map((c) => c.label).join(' vs ')}; each in front of its own ${programs.echo.label} process; ` +
      `${runs} runs each, order alternating; every process on 127.0.0.1, the load in its own`,
  );

  const recordings = mkdtempSync(join(tmpdir(), 'wstap-bench-proxy-'));
  const results: Record<number, ProxyRow[]> = {};
  try {
    for (const size of sizes)
      results[size] = summarizeProxy(await race(programs, contestants, size, recordings), size);
  } catch (error) {
    if (!(error instanceof WrongEcho || error instanceof ServerFailure)) throw error;
    console.error(
      `\n${error instanceof WrongEcho ? 'WRONG ECHO' : 'SERVER FAILURE'}, the bench stops: ${error.message}`,
    );
    process.exit(1);
  } finally {
    rmSync(recordings, { recursive: true, force: true });
  }

  for (const size of sizes) {
    console.log('');
    for (const line of formatProxy(`echo, ${size} B text`, results[size] ?? [])) console.log(line);
  }
  console.log(
    "\nMB/s: message payload per second, each way; × X: median msgs/s ÷ X's median (run by run: the same ratio per run, " +
      "the two back to back); relay CPU: the relay process's CPU time per second of the window, µs/msg: per echo (one message each way); " +
      'relay RSS: when the load ended',
  );
  console.log(
    `\ngoals for wstap (≥ ${GOAL_VS_TCP_RELAY.small}× tcp-relay at 64 B and 1 KiB, ≥ ${GOAL_VS_TCP_RELAY.large}× at 64 KiB, ≥ ${GOAL_VS_MITMDUMP}× mitmdump):`,
  );
  for (const size of sizes) {
    const wstap = results[size]?.find((r) => r.id === 'wstap');
    const recorded =
      wstap === undefined || wstap.recordedPerMessage === null
        ? ''
        : ` (recorded ${(wstap.recordedPerMessage / 1024).toFixed(1)} KiB per echo)`;
    console.log(
      `  ${size} B: ${wstap === undefined || wstap.goals.length === 0 ? 'no goal measured' : describeGoals(wstap.goals)}${recorded}`,
    );
  }
  if (skipped !== null) console.log(`  (≥ ${GOAL_VS_MITMDUMP}× mitmdump not measured: ${skipped})`);

  const out = writeResult(args.out, 'proxy', on, {
    settings: {
      runs,
      seconds,
      warmupSeconds: WARMUP_MS / 1000,
      connections,
      windows: Object.fromEntries(sizes.map((s) => [s, windowFor(s, maxWindow)])),
      sizes,
    },
    contestants: contestants.map(({ id, label }) => ({
      id,
      label,
      relay:
        relayCommand(id, programs, {
          targetPort: 'ECHO_PORT',
          listenPort: 'PORT',
          recording: 'RECORDING',
        })?.args.map((a) => a.replace(`${root}/`, '')) ?? null,
    })),
    skipped: skipped === null ? {} : { mitmdump: skipped },
    correctness:
      'every byte the load got back was the expected echo stream (each message as one unmasked text frame, in order), ' +
      'every message sent was echoed, and no process closed a connection early, died, or failed to stop cleanly on Ctrl-C',
    results,
  });
  console.log(`\nwrote ${out}`);
}

await main();
