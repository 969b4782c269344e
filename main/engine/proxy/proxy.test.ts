// wstap proxy between a real ws client and a real ws server on loopback: bytes relayed exactly,
// both directions decoded, the handshake forwarded with Host rewritten and header edits applied.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { afterHead, echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog, MemoryRecording } from '../engine.test-util.js';
import { openClient } from '../server/server.test-util.js';

let engine: Engine | null = null;
let server: TestServer | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  engine = null;
  server = null;
});

async function proxyTo(target: string, options: Omit<Parameters<Engine['proxy']>[0], 'target'> = {}) {
  engine = createEngine();
  const log = new EventLog(engine);
  const recording = new MemoryRecording();
  engine.record(recording);
  const proxy = await engine.proxy({ target, ...options });
  return { proxy, log, recording };
}

describe('wstap proxy', () => {
  it('relays every byte unchanged both ways and decodes both directions, compressed and fragmented', async () => {
    let request: IncomingMessage | null = null;
    server = await startTestServer((ws, req) => ((request = req), echo(ws)), {
      perMessageDeflate: { threshold: 0 },
    });
    const { proxy, log, recording } = await proxyTo(server.url);
    expect(proxy.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const client = await openClient(`${proxy.url}/chat?room=1`, { perMessageDeflate: true });
    client.ws.send('hello through the proxy');
    expect(await client.next()).toEqual({ text: 'hello through the proxy' });
    client.ws.send(Buffer.from([0, 1, 2, 255]), { compress: false });
    expect(await client.next()).toEqual({ binary: [0, 1, 2, 255] });
    for (let i = 0; i < 3; i++) client.ws.send(`part${i}`, { fin: i === 2 });
    expect(await client.next()).toEqual({ text: 'part0part1part2' });
    client.ws.ping('rtt');
    client.ws.close(4001, 'done');
    const closed = await log.waitFor('closed');
    expect(closed).toMatchObject({ code: 4001, initiator: 'us' });
    expect(closed.explanation).toMatch(/^the app closed with 4001/);
    // The target saw the app's path and query, and its own host in Host.
    expect(request!.url).toBe('/chat?room=1');
    expect(request!.headers.host).toBe(`127.0.0.1:${server.port}`);
    // Exactly the bytes: what the tap saw going out is what the server read, and the reverse.
    const conn = closed.conn;
    const raw = server.raw[0]!;
    expect(Buffer.concat(raw.received).length).toBeGreaterThan(60);
    expect(recording.stream(conn, 'out').equals(Buffer.concat(raw.received))).toBe(true);
    expect(recording.stream(conn, 'in').equals(afterHead(raw.written))).toBe(true);
    // Decoded both ways: the app's real mask keys, RSV1 on compressed frames, inflated messages.
    const out = log.of('frame', conn).filter((f) => f.dir === 'out');
    expect(out.every((f) => f.masked && /^[0-9a-f]{8}$/.test(f.maskKey ?? ''))).toBe(true);
    expect(out[0]).toMatchObject({ rsv1: true, compressed: true });
    const messages = log.of('message', conn).map((m) => [m.dir, m.text ?? m.base64, m.frameCount]);
    expect(messages).toEqual([
      ['out', 'hello through the proxy', 1],
      ['in', 'hello through the proxy', 1],
      ['out', 'AAEC/w==', 1],
      ['in', 'AAEC/w==', 1],
      ['out', 'part0part1part2', 3],
      ['in', 'part0part1part2', 1],
    ]);
    expect(log.of('rtt', conn)).toHaveLength(1);
    expect(log.of('open', conn)[0]).toMatchObject({
      extensions: expect.stringContaining('permessage-deflate'),
    });
  });

  it('sets and removes headers on the way, and puts the target path in front', async () => {
    let request: IncomingMessage | null = null;
    server = await startTestServer((ws, req) => ((request = req), echo(ws)));
    const { proxy } = await proxyTo(`${server.url}/api`, {
      edits: { set: [['Authorization', 'Bearer injected']], remove: ['x-secret'] },
    });
    const client = await openClient(`${proxy.url}/v1`, {
      headers: { 'X-Secret': 'nope', Authorization: 'Bearer app', 'X-Kept': 'yes' },
    });
    client.ws.send('x');
    await client.next();
    expect(request!.url).toBe('/api/v1');
    expect(request!.headers).toMatchObject({ authorization: 'Bearer injected', 'x-kept': 'yes' });
    expect(request!.headers['x-secret']).toBeUndefined();
  });

  it('passes a refusal and plain HTTP through, and answers 502 when the target is down', async () => {
    server = await startTestServer(
      (ws) => echo(ws),
      {},
      (req, socket) => {
        if (req.url !== '/private') return false;
        socket.end(
          'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{"error":"token"}',
        );
        return true;
      },
    );
    const { proxy, log } = await proxyTo(server.url);
    const refused = await new Promise<{ status: number; body: string }>((resolve) => {
      const ws = new WebSocket(`${proxy.url}/private`);
      ws.on('error', () => undefined);
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    expect(refused).toEqual({ status: 401, body: '{"error":"token"}' });
    expect(await log.waitFor('upgrade-response')).toMatchObject({ status: 401 });
    const plain = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      httpRequest(`${proxy.url.replace('ws', 'http')}/page`, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
    expect(plain).toEqual({ status: 426, body: 'upgrade required' });

    const down = await startTestServer(() => undefined);
    const downUrl = down.url;
    await down.close();
    const second = await createEngine().proxy({ target: downUrl });
    const gateway = await new Promise<number>((resolve) => {
      const ws = new WebSocket(second.url);
      ws.on('error', () => undefined);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(gateway).toBe(502);
    await second.stop();
  });

  it('refuses a target that is not a WebSocket URL', async () => {
    engine = createEngine();
    await expect(engine.proxy({ target: 'ftp://x' })).rejects.toThrow(
      '--target ftp://x: the scheme must be ws:// or wss://',
    );
    await expect(engine.proxy({ target: 'ws://h:1/?a=1' })).rejects.toThrow(
      "no query or fragment (the app's own are kept)",
    );
  });
});
