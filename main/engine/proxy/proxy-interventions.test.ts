// Interventions on a proxied connection, seen by real ws peers on both sides: injected messages
// arrive (masked toward the server, between fragments only as control frames), a chosen close code
// reaches each side, a cut gives both 1006, held messages arrive in order after release.
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket as WsSocket } from 'ws';
import { startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { openClient, type TestClient } from '../server/server.test-util.js';
import type { RunningProxy } from './proxy.js';

let engine: Engine | null = null;
let server: TestServer | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  engine = null;
  server = null;
});

/** The target: records what it receives; `send:N` makes it send N messages; `ping` makes it reply pong-text. */
interface Target {
  readonly received: string[];
  readonly closes: { code: number; reason: string }[];
  socket: WsSocket | null;
}

async function setUp(
  deflate = false,
  maxHeld?: number,
): Promise<{ proxy: RunningProxy; log: EventLog; app: TestClient; target: Target; conn: number }> {
  const target: Target = { received: [], closes: [], socket: null };
  server = await startTestServer(
    (ws) => {
      target.socket = ws;
      ws.on('message', (data, isBinary) => {
        const text = isBinary ? `binary:${Buffer.from(data as Buffer).toString('hex')}` : String(data);
        target.received.push(text);
        const send = /^send:(\d+)$/.exec(text);
        if (send) for (let i = 0; i < Number(send[1]); i++) ws.send(`m${i}`);
      });
      ws.on('close', (code, reason) => target.closes.push({ code, reason: String(reason) }));
    },
    { perMessageDeflate: deflate ? { threshold: 0 } : false },
  );
  engine = createEngine();
  const log = new EventLog(engine);
  const proxy = await engine.proxy({ target: server.url, maxHeld });
  const app = await openClient(proxy.url, { perMessageDeflate: deflate });
  const conn = (await log.waitFor('open')).conn;
  return { proxy, log, app, target, conn };
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('proxy interventions', () => {
  it('injects text toward the app, binary toward the server (masked), and a ping; in a compressed session too', async () => {
    for (const deflate of [false, true]) {
      const { proxy, app, target, conn, log } = await setUp(deflate);
      const connection = proxy.connection(conn);
      connection.inject('app', { kind: 'text', text: 'from wstap' });
      expect(await app.next()).toEqual({ text: 'from wstap' });
      connection.inject('target', { kind: 'binary', bytes: Uint8Array.from([1, 2, 3]) });
      await until(() => target.received.includes('binary:010203'), 'the injected binary message');
      const pinged = new Promise<string>((resolve) =>
        app.ws.once('ping', (data: Buffer) => resolve(String(data))),
      );
      connection.inject('app', { kind: 'ping', data: 'are you there' });
      expect(await pinged).toBe('are you there');
      // The relayed traffic is unharmed around the injections.
      app.ws.send('send:1');
      expect(await app.next()).toEqual({ text: 'm0' });
      const injected = log.of('frame', conn).filter((f) => f.dir === 'out' && f.opcodeName === 'binary');
      expect(injected[0]).toMatchObject({ masked: true, rsv1: false });
      expect(log.of('log', conn).map((e) => e.message)).toContain('injected text 10 B toward the app');
      await engine?.dispose();
      await server?.close();
    }
  });

  it('puts an injected data frame after a fragmented message, not inside it', async () => {
    const { proxy, app, target, conn, log } = await setUp();
    app.ws.send('first-', { fin: false });
    await log.waitFor('frame', (f) => f.dir === 'out' && !f.fin);
    proxy.connection(conn).inject('target', { kind: 'text', text: 'injected' });
    app.ws.send('second', { fin: true });
    await until(() => target.received.length === 2, 'two messages');
    expect(target.received).toEqual(['first-second', 'injected']);
  });

  it('holds messages toward the app and releases them in order; a bound pauses reading instead of growing', async () => {
    const { proxy, app, conn, log } = await setUp(false, 64);
    const connection = proxy.connection(conn);
    connection.hold('app');
    app.ws.send('send:20');
    await until(() => (connection.held().toApp ?? 0) >= 64, 'held bytes at the bound');
    await expect(app.next(100)).rejects.toThrow(/no message/);
    expect((await log.waitFor('log', (e) => e.level === 'warn')).message).toMatch(
      /^holding \d+ B toward the app: the limit \(64 B\)/,
    );
    expect(connection.release('app')).toBeGreaterThanOrEqual(64);
    const got: unknown[] = [];
    for (let i = 0; i < 20; i++) got.push(await app.next());
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => ({ text: `m${i}` })));
  });

  it('closes each side with a chosen code, or cuts both', async () => {
    let setup = await setUp();
    setup.proxy.connection(setup.conn).closeSide('app', 4001, 'kicked by wstap');
    expect(await setup.app.closed).toEqual({ code: 4001, reason: 'kicked by wstap' });
    await engine?.dispose();
    await server?.close();

    setup = await setUp();
    setup.proxy.connection(setup.conn).closeSide('target', 4002, 'bye server');
    await until(() => setup.target.closes.length > 0, 'the server closed');
    expect(setup.target.closes[0]).toEqual({ code: 4002, reason: 'bye server' });
    await engine?.dispose();
    await server?.close();

    setup = await setUp();
    setup.proxy.connection(setup.conn).cut();
    expect(await setup.app.closed).toMatchObject({ code: 1006 });
    await until(() => setup.target.closes.length > 0, 'the server saw the cut');
    expect(setup.target.closes[0]?.code).toBe(1006);
    expect(() => setup.proxy.connection(999)).toThrow('no connection #999 through the proxy');
  });
});
