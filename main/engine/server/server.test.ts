// wstap's server with real ws clients on loopback: taps, timeline, limits, rooms, refusals.
import { connect as tcpConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import type { Behaviour } from './behaviour.js';
import { broadcastBehaviour, echoBehaviour } from './builtin-behaviours.js';
import { openClient, rawExchange } from './server.test-util.js';

let engine: Engine;
afterEach(() => engine?.dispose());

function start(
  behaviour: Behaviour = echoBehaviour(),
  options: Parameters<Engine['serve']>[0] extends infer O ? Partial<O> : never = {},
) {
  engine = createEngine();
  const log = new EventLog(engine);
  return engine.serve({ behaviour, ...options }).then((server) => ({ server, log }));
}

describe('wstap serve: the server', () => {
  it('binds 127.0.0.1 by default, picks a port, and says so in a listening event', async () => {
    const { server, log } = await start();
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const listening = await log.waitFor('listening');
    expect(listening).toMatchObject({ conn: 0, url: server.url, tls: false, behaviour: 'echo' });
    // Not reachable on another interface of this machine.
    const other = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (other) {
      const refused = await new Promise<string>((resolve) => {
        const socket = tcpConnect(server.port, other.address);
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
  });

  it('echoes text and binary with a full server-side timeline', async () => {
    const { server, log } = await start();
    const client = await openClient(`${server.url}/echo?x=1`);
    client.ws.send('hello');
    expect(await client.next()).toEqual({ text: 'hello' });
    client.ws.send(Buffer.from([1, 2, 3]));
    expect(await client.next()).toEqual({ binary: [1, 2, 3] });
    client.ws.close(1000, 'bye');
    const closed = await log.waitFor('closed');
    expect(closed).toMatchObject({
      initiator: 'peer',
      code: 1000,
      tcpClean: true,
      framesIn: 3,
      framesOut: 3,
    });
    expect(closed.explanation).toMatch(/client/);
    const conn = closed.conn;
    expect(log.types(conn).slice(0, 5)).toEqual([
      'connecting',
      'tcp',
      'upgrade-request',
      'upgrade-response',
      'open',
    ]);
    expect(log.of('upgrade-request', conn)[0]?.requestLine).toBe('GET /echo?x=1 HTTP/1.1');
    expect(log.of('upgrade-response', conn)[0]).toMatchObject({ status: 101, violations: [] });
    const frames = log.of('frame', conn);
    expect(frames.filter((f) => f.dir === 'in').every((f) => f.masked && f.maskKey !== null)).toBe(true);
    expect(frames.filter((f) => f.dir === 'out').every((f) => !f.masked)).toBe(true);
    expect(log.of('message', conn).map((m) => [m.dir, m.text ?? m.base64])).toEqual([
      ['in', 'hello'],
      ['out', 'hello'],
      ['in', 'AQID'],
      ['out', 'AQID'],
    ]);
  });

  it('refuses a message over --max-payload with 1009 and says why', async () => {
    const { server, log } = await start(echoBehaviour(), { maxPayload: 1000 });
    const client = await openClient(server.url);
    client.ws.send('x'.repeat(1001));
    expect(await client.closed).toMatchObject({ code: 1009 });
    expect((await log.waitFor('error', (e) => e.code === 'MESSAGE_TOO_BIG')).message).toMatch(/max-payload/);
    expect(await log.waitFor('closed')).toMatchObject({ initiator: 'us', code: 1009 });
  });

  it('refuses a message of too many fragments with 1009', async () => {
    const { server, log } = await start(echoBehaviour(), { maxFragments: 4 });
    const client = await openClient(server.url);
    for (let i = 0; i < 6; i++) client.ws.send(`part${i}`, { fin: i === 5 });
    expect(await client.closed).toMatchObject({ code: 1009 });
    expect((await log.waitFor('error', (e) => e.code === 'MESSAGE_TOO_BIG')).message).toMatch(
      /more than 4 fragments/,
    );
  });

  it('answers a plain HTTP request with 426 and a malformed head with 400', async () => {
    const { server, log } = await start();
    const plain = await rawExchange(server.port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(plain).toMatch(/^HTTP\/1\.1 426 Upgrade Required\r\n/);
    expect(plain).toContain('This is a WebSocket server (wstap serve)');
    const bad = await rawExchange(server.port, 'NONSENSE\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect((await log.waitFor('error', (e) => e.code === 'HANDSHAKE_BAD_REQUEST')).message).toMatch(/^request head: /);
    const refused = await log.waitFor('upgrade-response', (e) => e.status === 426);
    expect(refused.body?.text).toContain('WebSocket server');
  });

  it('refuses as the behaviour decides, with status, headers and body on the wire and in the timeline', async () => {
    const { server, log } = await start({
      ...echoBehaviour(),
      name: 'auth',
      handshake: (up) =>
        up.headers.authorization === 'Bearer ok'
          ? { accept: true }
          : {
              accept: false,
              status: 401,
              headers: [['WWW-Authenticate', 'Bearer']],
              body: '{"error":"missing token"}',
              note: 'no token',
            },
    });
    const answer = await new Promise<{ status: number; body: string; auth: string | undefined }>(
      (resolve) => {
        const ws = new WebSocket(server.url);
        ws.on('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body, auth: res.headers['www-authenticate'] }),
          );
        });
        ws.on('error', () => undefined);
      },
    );
    expect(answer).toEqual({ status: 401, body: '{"error":"missing token"}', auth: 'Bearer' });
    const response = await log.waitFor('upgrade-response');
    expect(response).toMatchObject({ status: 401, body: { text: '{"error":"missing token"}' } });
    expect((await log.waitFor('closed')).explanation).toBe(
      'we answered 401 Unauthorized instead of 101 Switching Protocols: the upgrade was refused (the client sees 1006)',
    );
    const ok = await openClient(server.url, { headers: { authorization: 'Bearer ok' } });
    ok.ws.send('in');
    expect(await ok.next()).toEqual({ text: 'in' });
  });

  it('selects the subprotocol the behaviour picks and adds its headers to the 101', async () => {
    const { server } = await start({
      ...echoBehaviour(),
      handshake: () => ({ accept: true, subprotocol: 'v2', headers: [['X-Mock', 'yes']] }),
    });
    const client = await openClient(server.url, { protocols: ['v1', 'v2'] });
    expect(client.ws.protocol).toBe('v2');
    expect(client.upgradeHeaders['x-mock']).toBe('yes');
  });

  it('broadcasts to a room chosen by the path, with join and leave events', async () => {
    const { server, log } = await start(broadcastBehaviour());
    const a = await openClient(`${server.url}/red`);
    const b = await openClient(`${server.url}/red`);
    const c = await openClient(`${server.url}/blue`);
    await log.waitFor('room', (e) => e.room === '/red' && e.members === 2);
    a.ws.send('hi red');
    expect(await b.next()).toEqual({ text: 'hi red' });
    expect(await a.next()).toEqual({ text: 'hi red' });
    c.ws.send('hi blue');
    expect(await c.next()).toEqual({ text: 'hi blue' });
    expect(server.rooms()).toEqual([
      { room: '/blue', members: 1 },
      { room: '/red', members: 2 },
    ]);
    b.ws.close();
    await log.waitFor('room', (e) => e.action === 'leave' && e.room === '/red' && e.members === 1);
    expect(
      server
        .clients()
        .map((x) => x.path)
        .sort(),
    ).toEqual(['/blue', '/red']);
  });

  it('keeps serving when a behaviour throws, reporting HANDLER_FAILED', async () => {
    const { server, log } = await start({
      ...echoBehaviour(),
      message: (port, m) => {
        if (m.text === 'boom') throw new Error('kaboom');
        return port.send({ kind: 'text', text: `ok ${m.text}` });
      },
    });
    const client = await openClient(server.url);
    client.ws.send('boom');
    client.ws.send('fine');
    expect(await client.next()).toEqual({ text: 'ok fine' });
    expect((await log.waitFor('error', (e) => e.code === 'HANDLER_FAILED')).message).toContain('kaboom');
  });

  it('drops a client without a Close (1006 for it) and stops with 1001 for the rest', async () => {
    const { server, log } = await start();
    const a = await openClient(server.url);
    const b = await openClient(server.url);
    server.connection(server.clients()[0]!.id).drop();
    expect(await a.closed).toMatchObject({ code: 1006 });
    await server.stop();
    expect(await b.closed).toMatchObject({ code: 1001 });
    expect(await log.waitFor('server-stopped')).toMatchObject({ connections: 2 });
    expect(() => server.connection(999)).toThrow(/no open connection #999/);
  });

  it('runs a server heartbeat and drops a client that stops answering', async () => {
    const { server, log } = await start({
      ...echoBehaviour(),
      open: (port) => port.heartbeat({ interval: 50, timeout: 50 }),
    });
    const client = await openClient(server.url, { autoPong: false });
    expect(await client.closed).toMatchObject({ code: 1006 });
    expect(await log.waitFor('heartbeat-timeout')).toMatchObject({ missed: 1 });
    expect((await log.waitFor('closed')).explanation).toMatch(/no pong/);
  });
});
