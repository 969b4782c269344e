// Message rules on a proxied connection, seen by real ws peers: latency and jitter keep the order,
// matching messages never arrive, a drop rate of 1 drops everything, and drop rules strip
// permessage-deflate from the handshake.
import { afterEach, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { openClient } from '../server/server.test-util.js';
import type { MessageRules } from './message-rules.js';

let engine: Engine | null = null;
let server: TestServer | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  engine = null;
  server = null;
});

const NONE: MessageRules = { latencyMs: 0, jitterMs: 0, dropRate: 0, drop: null, toward: 'both' };

async function setUp(rules: Partial<MessageRules>, received: string[] = []) {
  server = await startTestServer(
    (ws) => {
      ws.on('message', (data, isBinary) => received.push(isBinary ? 'binary' : String(data)));
      echo(ws);
    },
    { perMessageDeflate: { threshold: 0 } },
  );
  engine = createEngine();
  const log = new EventLog(engine);
  const proxy = await engine.proxy({ target: server.url, rules: { ...NONE, ...rules } });
  const app = await openClient(proxy.url, { perMessageDeflate: true });
  return { app, log, received };
}

describe('proxy message rules', () => {
  it('delays every message by the latency, with jitter, in order; compression stays on', async () => {
    const { app, log } = await setUp({ latencyMs: 150, jitterMs: 40, toward: 'app' });
    const started = Date.now();
    for (let i = 0; i < 20; i++) app.ws.send(`m${i}`);
    const got: unknown[] = [];
    for (let i = 0; i < 20; i++) got.push(await app.next());
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => ({ text: `m${i}` })));
    expect((await log.waitFor('open')).extensions).toContain('permessage-deflate');
  });

  it('drops text messages that match, toward the target only, and strips deflate', async () => {
    const received: string[] = [];
    const { app, log } = await setUp({ drop: /secret/, toward: 'target' }, received);
    app.ws.send('hello');
    expect(await app.next()).toEqual({ text: 'hello' });
    app.ws.send('my secret token');
    app.ws.send('after', { fin: false });
    app.ws.ping('mid');
    app.ws.send(' fragments', { fin: true });
    expect(await app.next()).toEqual({ text: 'after fragments' });
    expect(received).toEqual(['hello', 'after fragments']);
    expect(log.of('log').map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'permessage-deflate stripped from the handshake: dropping messages would break a compressed stream',
        'dropped text 15 B (matches /secret/) toward the target',
      ]),
    );
    expect((await log.waitFor('open')).extensions).toBeNull();
  });

  it('a drop rate of 1 toward the app drops every message but lets control frames through', async () => {
    const received: string[] = [];
    const { app, log } = await setUp({ dropRate: 1, toward: 'app' }, received);
    const pong = new Promise<string>((resolve) =>
      app.ws.once('pong', (data: Buffer) => resolve(String(data))),
    );
    app.ws.send('one');
    app.ws.send('two');
    app.ws.ping('still there');
    expect(await pong).toBe('still there');
    await expect(app.next(200)).rejects.toThrow(/no message/);
    expect(received).toEqual(['one', 'two']);
    expect(
      log.of('log').filter((e) => e.message.startsWith('dropped text 3 B (drop rate 1) toward the app')),
    ).toHaveLength(2);
  });
});
