// Rules added and removed while a proxy runs (the console's proxy panel), seen by real ws peers:
// a drop rule added on an open connection drops what matches from then on and counts it; removing
// it lets messages through again; a latency rule delays and counts; a connection that negotiated
// permessage-deflate is left alone by drops, and new ones get it stripped while a rule drops.
import { afterEach, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { openClient } from '../server/server.test-util.js';
import { LiveRules, type LiveRuleSpec } from './live-rules.js';

let engine: Engine | null = null;
let server: TestServer | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  engine = null;
  server = null;
});

const RULE: LiveRuleSpec = { toward: 'both', match: null, latencyMs: 0, jitterMs: 0, dropRate: 0 };

async function setUp(received: string[], deflate = false) {
  server = await startTestServer(
    (ws) => {
      ws.on('message', (data, isBinary) => received.push(isBinary ? 'binary' : String(data)));
      echo(ws);
    },
    { perMessageDeflate: deflate ? { threshold: 0 } : false },
  );
  engine = createEngine();
  const log = new EventLog(engine);
  const live = new LiveRules();
  const proxy = await engine.proxy({ target: server.url, live });
  return { proxy, live, log };
}

describe('proxy live rules', () => {
  it('a drop rule added on an open connection drops what matches, counts it, and goes when removed', async () => {
    const received: string[] = [];
    const { proxy, live } = await setUp(received);
    const app = await openClient(proxy.url);
    app.ws.send('before');
    expect(await app.next()).toEqual({ text: 'before' });
    const rule = live.add({ ...RULE, toward: 'target', match: '^secret', dropRate: 1 });
    app.ws.send('secret one');
    app.ws.send('plain');
    expect(await app.next()).toEqual({ text: 'plain' });
    expect(live.list()).toEqual([{ ...rule, dropped: 1 }]);
    expect(live.remove(rule.id)).toBe(true);
    expect(live.remove(rule.id)).toBe(false);
    app.ws.send('secret two');
    expect(await app.next()).toEqual({ text: 'secret two' });
    expect(received).toEqual(['before', 'plain', 'secret two']);
  });

  it('a latency rule toward the app delays each message, in order, and counts them', async () => {
    const { proxy, live } = await setUp([]);
    const app = await openClient(proxy.url);
    live.add({ ...RULE, toward: 'app', latencyMs: 120, jitterMs: 30 });
    const started = Date.now();
    for (let i = 0; i < 5; i++) app.ws.send(`m${i}`);
    const got: unknown[] = [];
    for (let i = 0; i < 5; i++) got.push(await app.next());
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    expect(got).toEqual(Array.from({ length: 5 }, (_, i) => ({ text: `m${i}` })));
    expect(live.list()[0]).toMatchObject({ delayed: 5, dropped: 0 });
  });

  it('drops skip a compressed connection; a new one gets deflate stripped while a rule drops', async () => {
    const received: string[] = [];
    const { proxy, live, log } = await setUp(received, true);
    const first = await openClient(proxy.url, { perMessageDeflate: true });
    live.add({ ...RULE, toward: 'target', match: 'x', dropRate: 1 });
    first.ws.send('x marks');
    expect(await first.next()).toEqual({ text: 'x marks' });
    const second = await openClient(proxy.url, { perMessageDeflate: true });
    second.ws.send('x again');
    second.ws.send('y');
    expect(await second.next()).toEqual({ text: 'y' });
    const opens = log.of('open');
    expect(opens.map((e) => e.extensions === null)).toEqual([false, true]);
    expect(received).toEqual(['x marks', 'y']);
  });

  it('refuses a bad regular expression and a rate out of range', () => {
    const live = new LiveRules();
    expect(() => live.add({ ...RULE, match: '(' })).toThrow(/not a regular expression/);
    expect(() => live.add({ ...RULE, dropRate: 2 })).toThrow(/0 to 1/);
  });
});
