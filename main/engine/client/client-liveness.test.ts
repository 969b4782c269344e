import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { backoffDelay } from './client-options.js';
import { echo, startTestServer, type TestServer } from './ws-server.test-util.js';

let engine: Engine;
let server: TestServer | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  server = null;
  cleanups.splice(0).forEach((clean) => clean());
});

describe('reconnect', () => {
  it('backs off exponentially with jitter up to the cap', () => {
    const options = { initialDelay: 1000, maxDelay: 60_000 };
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffDelay(n, options, () => 0))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(backoffDelay(3, options, () => 1)).toBe(1000);
    expect(backoffDelay(3, { ...options, jitter: 0 }, () => 1)).toBe(2000);
  });

  it('reconnects after the server drops the connection, re-sending the preamble each time', async () => {
    const seen: string[][] = [];
    server = await startTestServer((ws) => {
      const mine: string[] = [];
      seen.push(mine);
      ws.on('message', (data) => {
        mine.push(String(data));
        // The first two connections are dropped once the preamble is in.
        if (mine.length === 2 && seen.length <= 2) (ws as unknown as { _socket: Socket })._socket.destroy();
      });
    });
    engine = createEngine({ random: () => 0 });
    const log = new EventLog(engine);
    const id = engine.connect({
      url: server.url,
      reconnect: { initialDelay: 20, maxDelay: 50 },
      preamble: [{ kind: 'text', text: 'auth:token' }, { kind: 'json', value: { subscribe: 'prices' } }],
    });
    await log.waitFor('open', (e) => e.conn === 3);
    await log.waitFor('message', (m) => m.conn === 3 && m.dir === 'out' && m.text === '{"subscribe":"prices"}');
    engine.close(id, { code: 1000 });
    await engine.done(id);
    expect(seen.slice(0, 3)).toEqual([0, 1, 2].map(() => ['auth:token', '{"subscribe":"prices"}']));
    const reconnects = log.of('reconnect');
    expect(reconnects.map((r) => [r.conn, r.attempt, r.delayMs])).toEqual([
      [1, 2, 20],
      [2, 3, 20],
    ]);
    expect(reconnects[0]!.reason).toMatch(/^server closed TCP .* without a Close frame \(1006\)/);
    expect(log.of('connecting').map((c) => [c.conn, c.attempt, c.session])).toEqual([
      [1, 1, 1],
      [2, 2, 1],
      [3, 3, 1],
    ]);
    expect(log.of('session-end')[0]).toMatchObject({ conn: 3, session: 1, attempts: 3 });
  });

  it('doubles the delay while attempts keep failing and gives up after maxAttempts', async () => {
    const tcp = createServer();
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const port = (tcp.address() as AddressInfo).port;
    await new Promise((resolve) => tcp.close(resolve));
    engine = createEngine({ random: () => 0 });
    const log = new EventLog(engine);
    const id = engine.connect({ url: `127.0.0.1:${port}`, reconnect: { initialDelay: 10, maxDelay: 25, maxAttempts: 4 } });
    await engine.done(id);
    expect(log.of('reconnect').map((r) => r.delayMs)).toEqual([10, 20, 25]);
    expect(log.of('session-end')[0]!.reason).toMatch(/^gave up after 4 attempts without a connection: TCP connect failed/);
  });
});

describe('heartbeat', () => {
  it('drops a peer that withholds pongs and says so', async () => {
    server = await startTestServer(() => undefined, { autoPong: false });
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, heartbeat: { interval: 30, timeout: 40, misses: 2 } });
    await engine.done(id);
    const pings = log.of('frame').filter((f) => f.dir === 'out' && f.opcode === OPCODE.PING);
    expect(pings.map((p) => p.text)).toEqual(['wstap-heartbeat-1', 'wstap-heartbeat-2']);
    expect(log.of('heartbeat-timeout')[0]).toMatchObject({ missed: 2 });
    const closed = log.of('closed')[0]!;
    expect(closed.code).toBe(1006);
    expect(closed.explanation).toMatch(/^no pong for \d+ ms after 2 pings: we dropped the connection \(1006\)/);
  });

  it('keeps a responsive connection open and reports each round trip', async () => {
    server = await startTestServer(echo);
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, heartbeat: { interval: 20, timeout: 200, misses: 1 } });
    await log.waitFor('rtt', (r) => r.payload === 'wstap-heartbeat-3');
    engine.close(id);
    await engine.done(id);
    expect(log.of('heartbeat-timeout')).toEqual([]);
  });

  it("withholds pongs when auto-pong is off, so a server's own liveness check fires", async () => {
    server = await startTestServer((ws) => {
      ws.ping('server-ping');
      const timer = setTimeout(() => ws.close(4008, 'no pong'), 100);
      ws.on('pong', () => {
        clearTimeout(timer);
        ws.close(4000, 'got pong');
      });
    });
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, autoPong: false });
    await engine.done(id);
    expect(log.of('frame').filter((f) => f.dir === 'out' && f.opcode === OPCODE.PONG)).toEqual([]);
    expect(log.of('closed')[0]!.received).toMatchObject({ code: 4008, reason: 'no pong' });
  });
});

describe('HTTP CONNECT proxy', () => {
  it('tunnels through the proxy and taps the WebSocket inside the tunnel', async () => {
    server = await startTestServer(echo);
    const requests: string[] = [];
    const proxy: Server = createServer((client) => {
      client.once('data', (head) => {
        requests.push(head.toString('latin1').split('\r\n')[0]!);
        const [host, port] = head.toString('latin1').split(' ')[1]!.split(':');
        const upstream = connect(Number(port), host!, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.destroy());
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => proxy.close());
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    expect(await engine.opened(id)).toBe(true);
    await engine.send(id, { kind: 'text', text: 'through the tunnel' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'through the tunnel');
    engine.close(id);
    await engine.done(id);
    expect(requests).toEqual([`CONNECT 127.0.0.1:${server.port} HTTP/1.1`]);
    expect(log.of('upgrade-request')[0]!.requestLine).toBe('GET / HTTP/1.1');
  });

  it('explains a proxy that refuses the tunnel', async () => {
    const proxy: Server = createServer((client) => client.once('data', () => client.end('HTTP/1.1 403 Forbidden\r\n\r\n')));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => proxy.close());
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: 'ws://127.0.0.1:9/', proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    await engine.done(id);
    expect(log.of('error')[0]).toMatchObject({ code: 'PROXY_FAILED' });
    expect(log.of('closed')[0]!.explanation).toMatch(/refused CONNECT 127\.0\.0\.1:9: 403 Forbidden/);
  });
});
