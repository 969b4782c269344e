import { parseArgs } from 'node:util';
import { clients, missingClients, type Client } from './clients.js';
import { startGreetingServer, type GreetingServer } from './greeting-server.js';
import { formatRace, summarize, type Sample } from './report.js';
import { SpawnFailure, timeToExit, timeToOutput } from './spawn-timer.js';
import { benchEnv } from '../child-env.js';
import { describeMachine, machine, writeResult } from '../machine.js';
import { positiveInt } from '../stats.js';

/**
 * bench/startup: how long a user waits for wstap against wscat (npm), in one run on one machine.
 * Two races, each after a warm-up, N runs with the order alternating run by run:
 *   1. `--version`: spawn → exit (Node's own start-up shown as a floor);
 *   2. `connect` (`wscat -c`): spawn → the greeting a local ws server sends on connection appears
 *      on stdout; the client is then killed.
 * Goal: wstap ≤ 1.0× wscat in both. Exits non-zero only when a client prints the wrong thing.
 */

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    timeout: { type: 'string', default: '15000' },
    out: { type: 'string', default: 'bench/results/startup.json' },
  },
});

const runs = positiveInt('runs', args.runs);
const timeoutMs = positiveInt('timeout', args.timeout);
const root = process.cwd();
const env = benchEnv();

/** One `--version` run; the output must be the client's version. */
async function versionRun(client: Client): Promise<number> {
  const { ms, stdout } = await timeToExit(client.versionArgs, { ...env, ...client.env }, timeoutMs);
  if (stdout.trim() !== client.version)
    throw new SpawnFailure(
      `${client.label} --version printed ${JSON.stringify(stdout)}, expected ${JSON.stringify(client.version)}`,
    );
  return ms;
}

/** One connect run to its own path; returns spawn → greeting printed and spawn → upgrade done. */
async function connectRun(
  client: Client,
  server: GreetingServer,
  label: string,
): Promise<{ ms: number; openMs: number }> {
  const path = `/${label}-${client.id}`;
  if (client.connectArgs === null) throw new Error(`${client.label} does not connect`);
  const { ms, startedAt } = await timeToOutput(
    client.connectArgs(`${server.base}${path}`),
    { ...env, ...client.env },
    server.greeting(path),
    timeoutMs,
  );
  const openedAt = server.openedAt(path);
  if (openedAt === undefined)
    throw new SpawnFailure(`${client.label} printed the greeting of ${path} without connecting to it`);
  return { ms, openMs: openedAt - startedAt };
}

/** Runs one race: a warm-up each, then `runs` timed runs with the order alternating. */
async function race(
  title: string,
  racers: readonly Client[],
  once: (client: Client, label: string) => Promise<{ ms: number; openMs?: number }>,
): Promise<Sample[]> {
  console.log(`\n${title}`);
  for (const client of racers) await once(client, 'warm-up');
  const samples: Sample[] = racers.map((client) => ({ client, ms: [], openMs: [] }));
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? samples : [...samples].reverse();
    for (const sample of order) {
      const got = await once(sample.client, `run-${run + 1}`);
      sample.ms.push(got.ms);
      if (got.openMs !== undefined) sample.openMs.push(got.openMs);
    }
    console.log(
      `  run ${run + 1}/${runs}: ${samples.map((s) => `${s.client.id} ${s.ms[run]?.toFixed(1)} ms`).join(', ')}`,
    );
  }
  return samples;
}

async function main(): Promise<void> {
  const on = machine();
  console.log(`bench/startup: ${describeMachine(on)}`);
  const missing = missingClients(root);
  if (missing !== null) {
    console.error(missing);
    process.exit(2);
  }
  const all = clients(root);
  console.log(`${all.map((c) => c.label).join(' vs ')}; warm-up, then ${runs} runs each, order alternating`);

  const server = await startGreetingServer();
  let versionSamples: Sample[];
  let connectSamples: Sample[];
  try {
    versionSamples = await race('--version: spawn → exit', all, async (client) => ({
      ms: await versionRun(client),
    }));
    connectSamples = await race(
      `connect: spawn → the server's greeting on stdout (${server.base}, killed then)`,
      all.filter((c) => c.connectArgs !== null),
      (client, label) => connectRun(client, server, label),
    );
  } catch (error) {
    if (!(error instanceof SpawnFailure)) throw error;
    console.error(`\nWRONG OUTPUT, the bench stops: ${error.message}`);
    process.exit(1);
  } finally {
    await server.close();
  }

  const version = summarize(versionSamples);
  const connect = summarize(connectSamples);
  console.log('');
  for (const line of formatRace('--version', version)) console.log(line);
  console.log('');
  for (const line of formatRace('connect → first message', connect)) console.log(line);
  console.log(
    '\n× wscat is the median time ÷ wscat\'s median time (lower is faster); "→ open" is spawn → the server completed the upgrade',
  );

  const out = writeResult(args.out, 'startup', on, {
    runs,
    correctness: 'every --version printed its version; every connect printed its own greeting',
    results: { version, connect },
  });
  console.log(`\nwrote ${out}`);
}

await main();
