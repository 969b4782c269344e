import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import {
  parseMitmdumpVersion,
  proxyContestants,
  relayCommand,
  type Programs,
  type ProxyContestant,
  type ProxyId,
} from './contestants.js';
import { formatProxy, goalVsTcpRelay, summarizeProxy, windowFor, type ProxySample } from './report.js';
import { tcpRelay } from './tcp-relay.js';
import { EchoConnection } from '../serve/echo-connection.js';
import { echoStreams, type WrongEcho } from '../serve/echo-stream.js';
import { openRawWebSocket } from '../serve/raw-client.js';
import { ServerFailure, startServer } from '../serve/server-process.js';

// The proxy bench's arithmetic, its command lines and its TCP relay, checked without timing anything.

const programs = (mitmdump: Programs['mitmdump']): Programs => ({
  echo: { label: 'bare ws 8.23.0 echo', args: ['/r/out/bench/serve/bare-echo.js', '16777216'] },
  tcpRelay: '/r/out/bench/proxy/tcp-relay.js',
  wstap: { bin: '/r/bin/wstap.cjs', version: '0.1.0' },
  mitmdump,
});
const installed = programs({ path: 'mitmdump', version: '8.1.1' });
const contestant = (id: ProxyId): ProxyContestant => ({ id, label: id });
const sample = (id: ProxyId, perSecond: number[], relayCpu: number[] = []): ProxySample => ({
  contestant: contestant(id),
  perSecond,
  relayCpu,
  echoCpu: perSecond.map(() => 0.5),
  loadCpu: perSecond.map(() => 0.2),
  relayRssEndKiB: relayCpu.map(() => 2048),
  recordedPerMessage: id === 'wstap' ? perSecond.map(() => 300) : [],
});

const freePort = async (): Promise<number> => {
  const probe = createServer().listen(0, '127.0.0.1');
  const port = await listening(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
};
const listening = (server: Server | WebSocketServer): Promise<number> =>
  new Promise((resolve) => server.once('listening', () => resolve((server.address() as AddressInfo).port)));
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (ws) =>
  ws.on('message', (data: Buffer, isBinary) => ws.send(data, { binary: isBinary })),
);
const echoPort = await listening(wss);
const relay = tcpRelay(echoPort).listen(0, '127.0.0.1');
const relayPort = await listening(relay);
afterAll(() => {
  relay.close();
  wss.close();
});

describe('bench/proxy', () => {
  it('goals: ≥ 0.9× the TCP relay up to 1 KiB, ≥ 0.7× from 64 KiB, none between; fewer messages in flight when they are big', () => {
    expect([64, 1024, 4096, 65536, 1 << 20].map(goalVsTcpRelay)).toEqual([0.9, 0.9, null, 0.7, 0.7]);
    expect([64, 1024, 65536, 1 << 20].map((size) => windowFor(size, 32))).toEqual([32, 32, 4, 1]);
    expect(windowFor(64, 8)).toBe(8);
  });

  it('ratios are medians over the baselines, run by run when the runs pair up; the goals are wstap’s', () => {
    const rows = summarizeProxy(
      [
        sample('direct', [200, 220, 210]),
        sample('tcp-relay', [100, 100, 120], [0.5, 0.5, 0.6]),
        sample('wstap', [95, 80, 90], [1, 1, 1]),
        sample('mitmdump', [2, 2.5, 3], [1, 1, 1]),
      ],
      64,
    );
    const wstap = rows.find((r) => r.id === 'wstap');
    expect(wstap?.vsTcpRelay?.ratio).toBeCloseTo(0.9);
    expect(wstap?.vsTcpRelay?.paired).toEqual({ median: 0.8, min: 0.75, max: 0.95 });
    expect(wstap?.vsMitmdump?.ratio).toBe(36);
    expect(wstap?.vsDirect?.ratio).toBeCloseTo(90 / 210);
    expect(wstap?.goals).toEqual([
      { against: 'tcp-relay', atLeast: 0.9, ratio: expect.closeTo(0.9) as number, met: true },
      { against: 'mitmdump', atLeast: 40, ratio: 36, met: false },
    ]);
    expect(wstap).toMatchObject({
      megabytesPerSecond: (90 * 64) / 1e6,
      relayCpuPerMessageUs: 1e6 / 90,
      relayRssEndMiB: 2,
      recordedPerMessage: 300,
    });
    const direct = rows.find((r) => r.id === 'direct');
    expect(direct).toMatchObject({
      vsDirect: null,
      relayCpu: null,
      relayCpuPerMessageUs: null,
      relayRssEndMiB: null,
      recordedPerMessage: null,
      goals: [],
    });
    expect(rows.find((r) => r.id === 'tcp-relay')?.vsTcpRelay).toBeNull();
    expect(formatProxy('64 B', rows).join('\n')).toMatch(/≥ 0\.9× tcp-relay: met, ≥ 40× mitmdump: MISSED/);
  });

  it('without mitmdump, or with fewer mitmdump runs, the other ratios stand', () => {
    const missing = summarizeProxy([sample('tcp-relay', [100], [0.5]), sample('wstap', [60], [1])], 65536);
    expect(missing.find((r) => r.id === 'wstap')?.goals).toEqual([
      { against: 'tcp-relay', atLeast: 0.7, ratio: 0.6, met: false },
    ]);
    const fewer = summarizeProxy(
      [sample('wstap', [60, 70, 80], [1, 1, 1]), sample('mitmdump', [1], [1])],
      4096,
    );
    expect(fewer[0]?.vsMitmdump).toEqual({ ratio: 70, paired: null });
    expect(fewer[0]?.goals.map((g) => g.against)).toEqual(['mitmdump']);
  });

  it('command lines: wstap with recording and -q, mitmdump in reverse mode on its port, nothing for direct', () => {
    const run = { targetPort: '4000', listenPort: '4001', recording: '/tmp/r.jsonl' };
    expect(relayCommand('direct', installed, run)).toBeNull();
    expect(relayCommand('tcp-relay', installed, run)?.args).toEqual([
      '/r/out/bench/proxy/tcp-relay.js',
      '4000',
    ]);
    expect(relayCommand('wstap', installed, run)?.args).toEqual([
      '/r/bin/wstap.cjs',
      'proxy',
      '--listen',
      '127.0.0.1:0',
      '--target',
      'ws://127.0.0.1:4000',
      '-q',
      '--record',
      '/tmp/r.jsonl',
    ]);
    expect(relayCommand('mitmdump', installed, run)).toEqual({
      label: 'mitmdump 8.1.1',
      command: 'mitmdump',
      args: [
        '--mode',
        'reverse:http://127.0.0.1:4000',
        '--listen-host',
        '127.0.0.1',
        '--listen-port',
        '4001',
        '-q',
      ],
      url: 'ws://127.0.0.1:4001',
    });
    const without = programs({ missing: 'mitmdump is not installed' });
    expect(() => relayCommand('mitmdump', without, run)).toThrow(/not installed/);
    expect(proxyContestants(without, ['direct', 'tcp-relay', 'wstap', 'mitmdump']).map((c) => c.id)).toEqual([
      'direct',
      'tcp-relay',
      'wstap',
    ]);
    expect(proxyContestants(installed, ['mitmdump', 'wstap']).map((c) => c.label)).toEqual([
      'wstap 0.1.0 proxy -q --record',
      'mitmdump 8.1.1 reverse',
    ]);
    expect(parseMitmdumpVersion('Mitmproxy: 8.1.1\nPython:    3.11.2\n')).toBe('8.1.1');
    expect(parseMitmdumpVersion('command not found')).toBeNull();
  });

  it('the TCP relay carries the load’s echoes byte for byte', async () => {
    const failed: WrongEcho[] = [];
    const connection = new EchoConnection(
      await openRawWebSocket(`ws://127.0.0.1:${relayPort}/x`),
      echoStreams(1, 64, 1024),
      32,
      (e) => failed.push(e),
    );
    connection.start();
    while (connection.received < 500 && failed.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(failed).toEqual([]);
    await connection.drain(5000);
    await connection.close();
    expect(connection.received).toBeGreaterThanOrEqual(500);
  });

  it('the TCP relay closes the app’s connection when its target refuses, and keeps running', async () => {
    const refused = tcpRelay(1).listen(0, '127.0.0.1');
    const port = await listening(refused);
    const closed = await new Promise<boolean>((resolve) => {
      const app = connect(port, '127.0.0.1');
      app.on('error', () => undefined);
      app.once('close', () => resolve(true));
    });
    expect(closed).toBe(true);
    expect(refused.listening).toBe(true);
    refused.close();
  });

  it('a server that says nothing is ready once it accepts connections where it was told to listen', async () => {
    const port = await freePort();
    const quiet =
      "const s = require('net').createServer().listen(Number(process.argv[1]), '127.0.0.1'); process.once('SIGINT', () => s.close(() => process.exit(0)));";
    const started = await startServer(
      {
        label: 'quiet',
        command: process.execPath,
        args: ['-e', quiet, String(port)],
        url: `ws://127.0.0.1:${port}`,
      },
      process.env,
    );
    expect(started.url).toBe(`ws://127.0.0.1:${port}`);
    await started.stop();
    await expect(
      startServer({ label: 'nowhere', command: '/nonexistent/mitmdump', args: [] }, process.env),
    ).rejects.toThrow(ServerFailure);
  });
});
