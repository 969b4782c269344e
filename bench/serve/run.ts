import { parseArgs } from 'node:util';
import { missingServers, serverContestants, type ServerContestant } from './contestants.js';
import { WrongEcho } from './echo-stream.js';
import { startLoad } from './load-runner.js';
import { openFilesLimit, rssKiB } from './proc.js';
import {
  formatMemory,
  formatThroughput,
  summarizeMemory,
  summarizeThroughput,
  type MemorySample,
  type ThroughputSample,
} from './report.js';
import { ServerFailure, startServer, type ServerProcess } from './server-process.js';
import { checkOpenFiles, FILES_BESIDES_SOCKETS } from './spawn-node.js';
import { benchEnv } from '../child-env.js';
import { describeMachine, machine, writeResult } from '../machine.js';
import { median, positiveInt, positiveInts } from '../stats.js';

/**
 * bench/serve: how fast and how lean `wstap serve --echo` is against a bare ws echo server, in one
 * run on one machine, every server in its own process and the load in another.
 *   1. Throughput: C connections × W messages in flight of S bytes, echoes counted for D seconds
 *      after a warm-up, every echo checked byte for byte; R runs, order alternating.
 *   2. Memory: the server's RSS before and after N idle clients connected, per client.
 * Goal: wstap ≥ 0.8× bare in msgs/s. Exits 1 when a server echoes wrong, drops a client or dies.
 */

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    window: { type: 'string', default: '32' },
    size: { type: 'string', default: '64,1024' },
    clients: { type: 'string', default: '1000' },
    out: { type: 'string', default: 'bench/results/serve.json' },
  },
});

const runs = positiveInt('runs', args.runs);
const seconds = positiveInt('seconds', args.seconds);
const connections = positiveInt('connections', args.connections);
const window = positiveInt('window', args.window);
const sizes = positiveInts('size', args.size);
const clients = positiveInt('clients', args.clients);
const WARMUP_MS = 1000;
/** Idle clients open this many at a time. */
const BATCH = 100;
/** Wait this long before each RSS reading, for the server to finish its work and its GC. */
const SETTLE_MS = 2000;
/** A server may take this long to stop: wstap flushes the output it could not print during the run. */
const STOP_MS = 60_000;
const root = process.cwd();
const env = benchEnv();
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const k = (n: number): string => `${(n / 1000).toFixed(1)}k`;

/**
 * Runs `body` with a fresh server and stops it, whatever happened (an earlier failure wins over a
 * failure to stop); `printed` is all it printed, its last lines (flushed at the stop) included.
 */
async function withServer<T>(
  server: ServerContestant,
  body: (s: ServerProcess) => Promise<T>,
): Promise<{ value: T; printed: number }> {
  const running = await startServer(server, env);
  let value: T;
  try {
    value = await body(running);
  } catch (error) {
    await running.stop().catch(() => undefined);
    throw error;
  }
  await running.stop(STOP_MS);
  return { value, printed: running.printedBytes() };
}

/** One throughput run of one server: a fresh server process, a fresh load process. */
async function throughputRun(server: ServerContestant, size: number) {
  const { value, printed } = await withServer(server, async (running) => {
    const load = startLoad(
      {
        mode: 'throughput',
        url: running.url,
        pids: [running.pid],
        connections,
        window,
        size,
        warmupMs: WARMUP_MS,
        seconds,
      },
      env,
    );
    const result = await load.next('result', WARMUP_MS + seconds * 1000 + 30_000);
    await load.done();
    running.assertRunning();
    return { result, printedAtEnd: running.printedBytes(), rssAtEnd: rssKiB(running.pid) };
  });
  const { result, printedAtEnd, rssAtEnd } = value;
  return {
    perSecond: result.messages / result.seconds,
    serverCpu: result.cpu[0] as number,
    loadCpu: result.loadCpu,
    printedPerMessage: printed / result.echoed,
    printedLate: printed === 0 ? 0 : (printed - printedAtEnd) / printed,
    rssEndKiB: rssAtEnd,
  };
}

/** The server's RSS after `SETTLE_MS`: the median of five readings over its last 400 ms. */
async function settledRss(pid: number): Promise<number> {
  await sleep(SETTLE_MS - 400);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++, await sleep(100)) readings.push(rssKiB(pid));
  return median(readings);
}

/** One memory run of one server: RSS after a warm-up client, then with `clients` idle clients open. */
async function memoryRun(server: ServerContestant): Promise<{ before: number; after: number }> {
  const { value } = await withServer(server, async (running) => {
    const load = startLoad({ mode: 'idle', url: running.url, clients, batch: BATCH }, env);
    await load.next('warm');
    const before = await settledRss(running.pid);
    load.tell('go');
    await load.next('open', 120_000);
    const after = await settledRss(running.pid);
    running.assertRunning();
    load.tell('close');
    const { dropped } = await load.next('closed');
    if (dropped > 0)
      throw new ServerFailure(`${server.label} closed ${dropped} of ${clients} idle clients before the end`);
    await load.done();
    return { before, after };
  });
  return value;
}

/** `runs` rounds over `servers`, the order reversed every other round; `once` returns the run's line. */
async function rounds(
  servers: readonly ServerContestant[],
  once: (server: ServerContestant, run: number) => Promise<string>,
): Promise<void> {
  for (let run = 0; run < runs; run++) {
    const parts: string[] = [];
    for (const server of run % 2 === 0 ? servers : [...servers].reverse())
      parts.push(`${server.id} ${await once(server, run)}`);
    console.log(`  run ${run + 1}/${runs}: ${parts.join(', ')}`);
  }
}

async function throughputRace(
  servers: readonly ServerContestant[],
  size: number,
): Promise<ThroughputSample[]> {
  console.log(
    `\nthroughput, ${size} B text messages: ${connections} connections × ${window} in flight, ${WARMUP_MS / 1000} s warm-up, ${seconds} s counted`,
  );
  const samples = servers.map((server): ThroughputSample => ({
    server,
    perSecond: [],
    serverCpu: [],
    loadCpu: [],
    printedPerMessage: [],
    printedLate: [],
    rssEndKiB: [],
  }));
  await rounds(servers, async (server) => {
    const got = await throughputRun(server, size);
    const sample = samples.find((s) => s.server === server) as ThroughputSample;
    sample.perSecond.push(got.perSecond);
    sample.serverCpu.push(got.serverCpu);
    sample.loadCpu.push(got.loadCpu);
    sample.printedPerMessage.push(got.printedPerMessage);
    sample.printedLate.push(got.printedLate);
    sample.rssEndKiB.push(got.rssEndKiB);
    return `${k(got.perSecond)}/s (CPU ${Math.round(got.serverCpu * 100)}%, load ${Math.round(got.loadCpu * 100)}%)`;
  });
  return samples;
}

async function memoryRace(servers: readonly ServerContestant[]): Promise<MemorySample[]> {
  console.log(
    `\nmemory: ${clients} idle clients (${BATCH} at a time), the server's VmRSS after a warm-up client and with them all open, ` +
      `${SETTLE_MS / 1000} s settled each; ulimit -n ${openFilesLimit().soft}`,
  );
  const samples = servers.map((server): MemorySample => ({ server, beforeKiB: [], afterKiB: [] }));
  await rounds(servers, async (server) => {
    const got = await memoryRun(server);
    const sample = samples.find((s) => s.server === server) as MemorySample;
    sample.beforeKiB.push(got.before);
    sample.afterKiB.push(got.after);
    return `${((got.after - got.before) / clients).toFixed(1)} KiB/client (${(got.before / 1024).toFixed(1)} → ${(got.after / 1024).toFixed(1)} MiB)`;
  });
  return samples;
}

async function main(): Promise<void> {
  const on = machine();
  console.log(`bench/serve: ${describeMachine(on)}`);
  const missing = missingServers(root);
  if (missing !== null) {
    console.error(missing);
    process.exit(2);
  }
  try {
    checkOpenFiles(openFilesLimit(), clients + FILES_BESIDES_SOCKETS); // now, not after the throughput races
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const servers = serverContestants(root);
  console.log(
    `${servers.map((s) => s.label).join(' vs ')}; ${runs} runs each, order alternating; every server and the load in its own process`,
  );

  const throughput: Record<number, ReturnType<typeof summarizeThroughput>> = {};
  let memory: ReturnType<typeof summarizeMemory>;
  try {
    for (const size of sizes) throughput[size] = summarizeThroughput(await throughputRace(servers, size));
    memory = summarizeMemory(await memoryRace(servers.filter((s) => s.id !== 'wstap-quiet')), clients);
  } catch (error) {
    if (!(error instanceof WrongEcho || error instanceof ServerFailure)) throw error;
    console.error(
      `\n${error instanceof WrongEcho ? 'WRONG ECHO' : 'SERVER FAILURE'}, the bench stops: ${error.message}`,
    );
    process.exit(1);
  }

  for (const size of sizes) {
    console.log('');
    for (const line of formatThroughput(`echo, ${size} B text`, throughput[size] ?? [])) console.log(line);
  }
  console.log('');
  for (const line of formatMemory(`${clients} idle clients`, memory)) console.log(line);
  console.log(
    "\n× bare: median ÷ the bare ws server's median (msgs/s: higher is faster; KiB/client: higher is heavier); " +
      "server CPU: the server process's CPU time per second of the window; RSS end: the server's when the load ended; " +
      'late: the share of its output it printed only after the load ended (queued in memory until then)',
  );

  const out = writeResult(args.out, 'serve', on, {
    settings: {
      runs,
      seconds,
      warmupSeconds: WARMUP_MS / 1000,
      connections,
      window,
      sizes,
      clients,
      batch: BATCH,
      settleMs: SETTLE_MS,
    },
    contestants: servers.map(({ id, label, args: argv }) => ({
      id,
      label,
      args: argv.map((a) => a.replace(`${root}/`, '')),
    })),
    correctness:
      'every byte each server sent back was the expected echo stream (each message as one unmasked text frame, in order), ' +
      'every message sent was echoed, and no server closed a connection or an idle client before the end or died',
    results: { throughput, memory },
  });
  console.log(`\nwrote ${out}`);
}

await main();
