// wstap proxy with the Go guides' deployment: nginx balancing two gorilla/websocket backends.
// wstap in front of nginx sees which backend answered (X-Backend on the 101); nginx in front of
// wstap passes everything through it unchanged.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { openClient } from '../../main/engine/server/server.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import { startNginx, type RunningNginx } from '../peers/nginx.js';
import type { RunningPeer } from '../peers/process.js';

const peers = await requirePeers('go', 'nginx');
const backends: RunningPeer[] = [];
const nginxes: RunningNginx[] = [];
let engine: Engine | null = null;
beforeAll(async () => {
  if (!peers.ok) return;
  backends.push(await startGoPeer('echo', ['-compress']), await startGoPeer('echo', ['-compress']));
}, 120_000);
afterAll(async () => {
  await engine?.dispose();
  await Promise.all(nginxes.map((n) => n.stop()));
  await Promise.all(backends.map((b) => b.stop()));
});

describeWithPeers(peers, 'wstap proxy and nginx over gorilla/websocket backends', () => {
  it('in front of nginx: the timeline shows which backend answered each connection', async () => {
    const nginx = await startNginx(backends.map((b) => `127.0.0.1:${b.port}`));
    nginxes.push(nginx);
    engine = createEngine();
    const log = new EventLog(engine);
    const proxy = await engine.proxy({ target: nginx.url });
    for (const text of ['one', 'two']) {
      const client = await openClient(`${proxy.url}/echo`, { perMessageDeflate: true });
      client.ws.send(text);
      expect(await client.next()).toEqual({ text });
      client.ws.close(1000);
      await client.closed;
    }
    const answered = log
      .of('upgrade-response')
      .map((e) => e.headers.find(([name]) => name.toLowerCase() === 'x-backend')?.[1]);
    expect(new Set(answered)).toEqual(new Set(backends.map((b) => `127.0.0.1:${b.port}`)));
    expect(
      log
        .of('message')
        .filter((m) => m.dir === 'in')
        .map((m) => m.text),
    ).toEqual(['one', 'two']);
  });

  it('behind nginx: nginx forwards to wstap, wstap to a backend, every message intact', async () => {
    engine = createEngine();
    const log = new EventLog(engine);
    const proxy = await engine.proxy({ target: `ws://127.0.0.1:${backends[0]!.port}` });
    const nginx = await startNginx([`127.0.0.1:${proxy.port}`]);
    nginxes.push(nginx);
    const client = await openClient(`${nginx.url}/echo`, { perMessageDeflate: true });
    for (let i = 0; i < 50; i++) client.ws.send(`message ${i} ${'x'.repeat(i * 100)}`);
    for (let i = 0; i < 50; i++)
      expect(await client.next()).toEqual({ text: `message ${i} ${'x'.repeat(i * 100)}` });
    client.ws.close(1000);
    const closed = await log.waitFor('closed');
    expect(closed.code).toBe(1000);
    expect(log.of('message', closed.conn).filter((m) => m.dir === 'out')).toHaveLength(50);
    // The request wstap forwarded is nginx's (its `Connection: upgrade` from the map), not the app's.
    expect(log.of('upgrade-request', closed.conn)[0]?.headers).toContainEqual(['Connection', 'upgrade']);
  });
});
