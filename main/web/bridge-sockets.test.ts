import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WebServerMessage } from '../../shared/ipc/web-protocol.js';
import { startWebHost, type WebHost } from './web-host.js';
import { fakeBatch, fakeRendererBuild, fakeService } from './web-host.test-util.js';

const build = fakeRendererBuild();
const service = fakeService();
const logged: string[] = [];
let host: WebHost;

beforeAll(async () => {
  host = await startWebHost({
    service,
    rendererDir: build.dir,
    log: (l) => logged.push(l),
    lagBytes: 1 << 20,
  });
});

afterAll(async () => {
  await host?.stop();
  build.cleanup();
});

/** An open bridge socket with every message it got, and a wait for the next that fits. */
async function openBridge(): Promise<{
  readonly socket: WebSocket;
  next(fits?: (m: WebServerMessage) => boolean): Promise<WebServerMessage>;
}> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, {
    origin: `http://127.0.0.1:${host.port}`,
  });
  const got: WebServerMessage[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    got.push(JSON.parse(String(data)) as WebServerMessage);
    waiters.splice(0).forEach((w) => w());
  });
  await once(socket, 'open');
  const next = async (fits: (m: WebServerMessage) => boolean = () => true): Promise<WebServerMessage> => {
    for (;;) {
      const i = got.findIndex(fits);
      if (i !== -1) return got.splice(i, 1)[0]!;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { socket, next };
}

const reply = (id: number | null) => (m: WebServerMessage) => 'result' in m && m.id === id;

describe('bridge requests', () => {
  it('are answered by id with the handler’s Result', async () => {
    const { socket, next } = await openBridge();
    socket.send(JSON.stringify({ id: 7, channel: 'app.info', input: null }));
    expect(await next(reply(7))).toEqual({
      id: 7,
      result: { ok: true, value: { version: 'test', host: 'web', servers: [], dataDir: '/nowhere' } },
    });
    socket.close();
  });

  it('with the wrong input, an unknown channel or a broken frame get an error Result, and the socket stays', async () => {
    const { socket, next } = await openBridge();
    socket.send(JSON.stringify({ id: 1, channel: 'session.connect', input: { url: 5 } }));
    socket.send(JSON.stringify({ id: 2, channel: '__proto__', input: null }));
    socket.send(JSON.stringify({ id: 3, channel: 'store.stats', input: null }));
    socket.send(JSON.stringify({ id: 4, channel: 42 }));
    expect(await next(reply(1))).toMatchObject({
      result: { ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^input\.url/) } },
    });
    expect(await next(reply(2))).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_COMMAND' } } });
    expect(await next(reply(3))).toMatchObject({
      result: { ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('boom') } },
    });
    expect(await next(reply(4))).toMatchObject({ result: { ok: false, error: { code: 'BAD_INPUT' } } });
    socket.send('not json');
    expect(await next(reply(null))).toMatchObject({
      result: { ok: false, error: { code: 'BAD_INPUT', message: 'the request is not JSON' } },
    });
    socket.send(Buffer.from([1, 2, 3]));
    expect(await next(reply(null))).toMatchObject({ result: { ok: false, error: { code: 'BAD_INPUT' } } });
    socket.send(JSON.stringify({ id: 5, channel: 'app.info' }));
    expect(await next(reply(5))).toMatchObject({ result: { ok: true } });
    socket.close();
  });
});

describe('pushed batches', () => {
  it('go to every open socket', async () => {
    const a = await openBridge();
    const b = await openBridge();
    service.push(fakeBatch(3));
    for (const { next } of [a, b]) expect(await next()).toEqual({ batch: fakeBatch(3) });
    a.socket.close();
    b.socket.close();
  });

  it('skip a socket that reads too slowly, then tell it what it missed', async () => {
    const slow = await openBridge();
    const quick = await openBridge();
    slow.socket.pause();
    // 32 MB to a reader that does not read: far past the 1 MiB bound whatever the kernel buffers.
    service.push(fakeBatch(8, 4 << 20));
    // Once the quick reader has it all, its buffer is empty again: only the slow one lags.
    expect(await quick.next((m) => 'batch' in m && m.batch.rows.id.length === 8)).toBeDefined();
    for (let i = 0; i < 5; i++) service.push(fakeBatch(2));
    for (let i = 0; i < 5; i++) expect(await quick.next()).toEqual({ batch: fakeBatch(2) });
    slow.socket.resume();
    expect(await slow.next((m) => 'batch' in m && m.batch.rows.id.length === 8)).toBeDefined();
    expect(await slow.next()).toEqual({ lagged: { batches: 5, rows: 10, events: 0 } });
    service.push(fakeBatch(1));
    expect(await slow.next()).toEqual({ batch: fakeBatch(1) });
    expect(logged.some((l) => l.includes('5 batches (10 rows) skipped'))).toBe(true);
    slow.socket.close();
    quick.socket.close();
  });
});

describe('stop', () => {
  it('closes open bridge sockets with 1001', async () => {
    const other = await startWebHost({ service: fakeService(), rendererDir: build.dir });
    const socket = new WebSocket(`ws://127.0.0.1:${other.port}/bridge?token=${other.token}`, {
      origin: `http://127.0.0.1:${other.port}`,
    });
    await once(socket, 'open');
    const closed = once(socket, 'close');
    await other.stop();
    const [code] = (await closed) as [number];
    expect(code).toBe(1001);
  });
});
