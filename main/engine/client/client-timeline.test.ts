import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { echo, startTestServer, type TestServer } from './ws-server.test-util.js';

let engine: Engine;
let server: TestServer | null = null;
const closers: (() => void)[] = [];
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  server = null;
  closers.splice(0).forEach((close) => close());
});

function start(): EventLog {
  engine = createEngine();
  return new EventLog(engine);
}

async function tcpServer(onSocket: (socket: Socket) => void): Promise<number> {
  const tcp: Server = createServer(onSocket);
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  closers.push(() => tcp.close());
  return (tcp.address() as AddressInfo).port;
}

describe('timeline', () => {
  it('shows DNS, TCP, the upgrade request and response, open, frames, the round trip and the close, in order', async () => {
    server = await startTestServer(echo);
    const log = start();
    const id = engine.connect({ url: `localhost:${server.port}/chat?room=red`, subprotocols: ['chat.v1'], origin: 'http://example.test', headers: [['X-Trace', 'abc']] });
    await engine.opened(id);
    engine.ping(id, 'tick');
    await log.waitFor('rtt');
    engine.close(id, { code: 1000, reason: 'bye' });
    await engine.done(id);
    const types = log.types(1).filter((t) => t !== 'frame');
    expect(types).toEqual(['connecting', 'dns', 'tcp', 'upgrade-request', 'upgrade-response', 'open', 'rtt', 'closed']);
    const request = log.of('upgrade-request')[0]!;
    expect(request.requestLine).toBe('GET /chat?room=red HTTP/1.1');
    expect(request.headers).toEqual(expect.arrayContaining([['X-Trace', 'abc'], ['Origin', 'http://example.test'], ['Sec-WebSocket-Protocol', 'chat.v1']]));
    expect(log.of('dns')[0]).toMatchObject({ host: 'localhost', address: '127.0.0.1' });
    expect(log.of('upgrade-response')[0]).toMatchObject({ status: 101, body: null, violations: [] });
    const rtt = log.of('rtt')[0]!;
    expect(rtt.payload).toBe('tick');
    expect(rtt.rtt).toBeGreaterThan(0);
    const closed = log.of('closed')[0]!;
    expect(closed).toMatchObject({ initiator: 'us', code: 1000, sent: { code: 1000, reason: 'bye' }, received: { code: 1000 }, tcpClean: true });
    expect(closed.explanation).toMatch(/^we closed with 1000 Normal Closure "bye"; the server answered 1000 Normal Closure/);
    // Sequence numbers have no gaps and time never goes back.
    const events = log.events.filter((e) => e.conn === 1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.every((e, i) => i === 0 || e.t >= events[i - 1]!.t)).toBe(true);
    expect(Math.abs(events[0]!.wall - Date.now())).toBeLessThan(60_000);
  });

  it('reports a refused upgrade with its status, headers and body', async () => {
    server = await startTestServer(echo, {}, (request, socket) => {
      if (request.headers.authorization === 'Bearer good') return false;
      socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n{"error":"invalid token"}');
      return true;
    });
    const log = start();
    const id = engine.connect({ url: server.url, bearerToken: 'bad' });
    expect(await engine.opened(id)).toBe(false);
    await engine.done(id);
    const response = log.of('upgrade-response')[0]!;
    expect(response).toMatchObject({ status: 401, statusLine: 'HTTP/1.1 401 Unauthorized', body: { text: '{"error":"invalid token"}', length: 25, truncated: false } });
    expect(response.headers).toContainEqual(['WWW-Authenticate', 'Bearer']);
    expect(log.of('upgrade-request')[0]!.headers).toContainEqual(['Authorization', 'Bearer bad']);
    const closed = log.of('closed')[0]!;
    expect(closed.code).toBe(1006);
    expect(closed.explanation).toMatch(/^server answered 401 Unauthorized instead of 101 Switching Protocols: the handshake failed \(1006\); authenticate/);
    expect(log.of('error')).toEqual([]);

    const ok = engine.connect({ url: server.url, bearerToken: 'good' });
    expect(await engine.opened(ok)).toBe(true);
  });

  it('explains a server that drops TCP without a Close frame (1006)', async () => {
    server = await startTestServer((ws) => ws.on('ping', () => (ws as unknown as { _socket: Socket })._socket.destroy()), { autoPong: false });
    const log = start();
    const id = engine.connect({ url: server.url });
    await engine.opened(id);
    engine.ping(id, 'hello?');
    await engine.done(id);
    const closed = log.of('closed')[0]!;
    expect(closed).toMatchObject({ code: 1006, initiator: 'none', sent: null, received: null });
    expect(closed.explanation).toMatch(/^server closed TCP [\d.]+ ms after our ping without a Close frame \(1006\): no close handshake$/);
  });

  it('names the frame that made the server fail the connection', async () => {
    server = await startTestServer(echo);
    const log = start();
    const id = engine.connect({ url: server.url, perMessageDeflate: false });
    await engine.opened(id);
    await engine.sendRaw(id, [{ opcode: OPCODE.TEXT, payload: 'bad bits', rsv2: true, mask: true }]);
    await engine.done(id);
    const raw = log.of('frame').find((f) => f.dir === 'out' && f.rsv2)!;
    expect(raw.violations.map((v) => v.code)).toEqual(['RSV_NOT_NEGOTIATED']);
    const closed = log.of('closed')[0]!;
    expect(closed.received?.code).toBe(1002);
    expect(closed.explanation).toMatch(/^server failed the connection: 1002 Protocol Error [\d.]+ ms after we sent RSV2 text frame \(RSV_NOT_NEGOTIATED\)/);
  });

  it('sends a forbidden close code only when forced', async () => {
    server = await startTestServer(echo);
    const log = start();
    const id = engine.connect({ url: server.url });
    await engine.opened(id);
    expect(() => engine.close(id, { code: 1005 })).toThrow(/1005 \(No Status Received\) may not be sent/);
    engine.close(id, { code: 1005, force: true });
    await engine.done(id);
    const close = log.of('frame').find((f) => f.dir === 'out' && f.opcode === OPCODE.CLOSE)!;
    expect(close.closeCode).toBe(1005);
    expect(close.violations.map((v) => v.code)).toEqual(['INVALID_CLOSE_CODE']);
    expect(log.of('frame').filter((f) => f.dir === 'out' && f.opcode === OPCODE.CLOSE)).toHaveLength(1);
    expect(log.of('closed')[0]!.received?.code).toBe(1002);
  });

  it('explains a refused TCP connect, a handshake timeout and a redirect', async () => {
    const log = start();
    const silent = await tcpServer(() => undefined);
    const closedPort = await tcpServer(() => undefined);
    closers.pop()?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = engine.connect({ url: `ws://127.0.0.1:${closedPort}` });
    await engine.done(refused);
    expect(log.of('closed')[0]!.explanation).toMatch(/^TCP connect failed: .*ECONNREFUSED.* \(nothing is listening on that port\) \(1006\)$/);
    expect(log.of('error')[0]).toMatchObject({ code: 'CONNECT_FAILED' });

    const timeout = engine.connect({ url: `ws://127.0.0.1:${silent}`, handshakeTimeout: 200 });
    await engine.done(timeout);
    expect(log.of('closed')[1]!.explanation).toBe('no answer to the upgrade request within 200 ms: the handshake timed out (1006)');

    server = await startTestServer(echo);
    const target = server.port;
    const redirector = await tcpServer((socket) => socket.end(`HTTP/1.1 302 Found\r\nLocation: ws://127.0.0.1:${target}/moved\r\nContent-Length: 0\r\n\r\n`));
    const redirected = engine.connect({ url: `ws://127.0.0.1:${redirector}/old`, followRedirects: true });
    expect(await engine.opened(redirected)).toBe(true);
    const conn = log.of('open').at(-1)!.conn;
    expect(log.of('upgrade-response', conn).map((r) => r.status)).toEqual([302, 101]);
    expect(log.of('upgrade-request', conn).map((r) => r.requestLine)).toEqual(['GET /old HTTP/1.1', 'GET /moved HTTP/1.1']);
  });
});

describe('frames right behind the 101', () => {
  it('are published after the open event, even when they arrive in the same read', async () => {
    const { acceptFor } = await import('../../../shared/protocol/handshake.js');
    const { encodeFrames } = await import('../../../shared/protocol/encoder.js');
    const port = await tcpServer((socket) => {
      socket.once('data', (head) => {
        const key = /Sec-WebSocket-Key: (\S+)/i.exec(head.toString('latin1'))![1]!;
        const frames = encodeFrames([
          { opcode: OPCODE.TEXT, payload: 'welcome' },
          { opcode: OPCODE.CLOSE, payload: Uint8Array.of(0x03, 0xe8) },
        ]);
        // One write: the 101 and the first frames reach the client in one read.
        socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(key)}\r\n\r\n`, 'latin1'), frames]));
        socket.on('data', () => socket.end());
      });
    });
    const log = start();
    const id = engine.connect({ url: `ws://127.0.0.1:${port}/`, perMessageDeflate: false });
    await engine.done(id);
    const types = log.types(1);
    expect(types.indexOf('open')).toBeLessThan(types.indexOf('frame'));
    expect(types.slice(types.indexOf('open'))).toEqual(expect.arrayContaining(['frame', 'message']));
    expect(log.of('message')[0]).toMatchObject({ dir: 'in', text: 'welcome' });
    expect(log.of('closed')[0]).toMatchObject({ initiator: 'peer', code: 1000 });
    const events = log.events.filter((e) => e.conn === 1);
    expect(events.every((e, i) => i === 0 || e.t >= events[i - 1]!.t)).toBe(true);
  });
});
