import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { EchoConnection } from './echo-connection.js';
import { echoStreams, WrongEcho } from './echo-stream.js';
import type { IdleCommand, IdleConfig, LoadConfig, LoadEvent, ThroughputConfig } from './load-protocol.js';
import { cpuSeconds } from './proc.js';
import { closeRawWebSocket, openRawWebSocket } from './raw-client.js';

/**
 * The load process of bench/serve and bench/proxy (its own process, so it never shares a CPU thread with a
 * server): echo traffic with the referee, or idle clients for the memory race. Its configuration
 * is its one argument (load-protocol.ts). Exits 1 when the referee fails a server, 2 on any other
 * failure (a server that cannot be reached).
 */

const emit = (event: LoadEvent): void => void process.stdout.write(`${JSON.stringify(event)}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with the first WrongEcho any connection reports; never resolves otherwise. */
function refereeVerdict(): { fail: (error: WrongEcho) => void; failed: Promise<never> } {
  let fail!: (error: WrongEcho) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  return { fail, failed };
}

async function throughput(config: ThroughputConfig): Promise<void> {
  const { fail, failed } = refereeVerdict();
  // Messages cycle within each connection: twice the window, so none in flight look alike.
  const count = Math.max(64, 2 * config.window);
  const opened = await Promise.all(
    Array.from({ length: config.connections }, () => openRawWebSocket(config.url)),
  );
  const connections = opened.map(
    (open, i) => new EchoConnection(open, echoStreams(i + 1, count, config.size), config.window, fail),
  );
  const received = (): number => connections.reduce((n, c) => n + c.received, 0);
  const run = async (): Promise<void> => {
    for (const c of connections) c.start();
    await sleep(config.warmupMs);
    emit({ event: 'measuring' });
    const start = {
      at: performance.now(),
      received: received(),
      cpu: config.pids.map(cpuSeconds),
      load: process.cpuUsage(),
    };
    await sleep(config.seconds * 1000);
    const seconds = (performance.now() - start.at) / 1000;
    const messages = received() - start.received;
    const cpu = config.pids.map((pid, i) => (cpuSeconds(pid) - (start.cpu[i] as number)) / seconds);
    const load = process.cpuUsage(start.load);
    await Promise.all(connections.map((c) => c.drain(10_000)));
    emit({
      event: 'result',
      messages,
      seconds,
      cpu,
      loadCpu: (load.user + load.system) / 1e6 / seconds,
      echoed: received(),
    });
    await Promise.all(connections.map((c) => c.close()));
  };
  await Promise.race([run(), failed]);
}

async function idle(config: IdleConfig): Promise<void> {
  const commands = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const next = async (wanted: IdleCommand): Promise<void> => {
    const line = await commands.next();
    if (line.done || line.value.trim() !== wanted)
      throw new Error(`expected the command ${wanted}, got ${line.done ? 'the end of stdin' : line.value}`);
  };
  // One client first, so that code a server loads on its first connection is not counted per client.
  await closeRawWebSocket((await openRawWebSocket(config.url)).socket);
  emit({ event: 'warm' });
  await next('go');
  const started = performance.now();
  const sockets: Socket[] = [];
  let dropped = 0;
  for (let at = 0; at < config.clients; at += config.batch) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(config.batch, config.clients - at) }, () => openRawWebSocket(config.url)),
    );
    for (const { socket } of batch) {
      socket.on('error', () => undefined);
      socket.once('close', () => dropped++);
      sockets.push(socket);
    }
  }
  emit({ event: 'open', clients: sockets.length, ms: performance.now() - started });
  await next('close');
  const droppedBeforeClose = dropped;
  await Promise.all(sockets.map((socket) => closeRawWebSocket(socket)));
  emit({ event: 'closed', dropped: droppedBeforeClose });
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
try {
  await (config.mode === 'throughput' ? throughput(config) : idle(config));
  process.exit(0);
} catch (error) {
  if (error instanceof WrongEcho) {
    emit({ event: 'wrong', message: error.message });
    process.exit(1);
  }
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
}
