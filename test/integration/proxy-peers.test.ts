// wstap proxy in front of a real gorilla/websocket server, with npm ws, python3-websockets and
// Chromium as the app: every message arrives byte-identical, both directions are decoded.
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { openClient } from '../../main/engine/server/server.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import { launchChromium, openPageSocket } from '../peers/chromium.js';
import type { RunningPeer } from '../peers/process.js';
import { runPythonClient } from '../peers/python.js';

const peers = await requirePeers('go', 'python', 'chromium');
let browser: Browser | null = null;
let gorilla: RunningPeer | null = null;
let engine: Engine | null = null;
beforeAll(async () => {
  if (!peers.ok) return;
  browser = await launchChromium();
  gorilla = await startGoPeer('echo', ['-compress']);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await gorilla?.stop();
});
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

async function proxy() {
  engine = createEngine();
  const log = new EventLog(engine);
  const running = await engine.proxy({ target: `ws://127.0.0.1:${gorilla!.port}` });
  return { url: running.url, log };
}

describeWithPeers(peers, 'wstap proxy in front of gorilla/websocket', () => {
  it('2000 messages of random sizes, text and binary, fragmented or not, compressed or not: all echoed byte-identical', async () => {
    const { url, log } = await proxy();
    const client = await openClient(`${url}/echo`, { perMessageDeflate: true });
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sent: Buffer[] = [];
    for (let i = 0; i < 2000; i++) {
      const size = random() < 0.9 ? 1 + Math.floor(random() * 2048) : 1 + Math.floor(random() * 256 * 1024);
      const binary = random() < 0.5;
      const payload = binary
        ? randomBytes(size)
        : Buffer.from(
            'x'.repeat(size).replace(/x/g, () => String.fromCharCode(97 + Math.floor(random() * 26))),
          );
      sent.push(payload);
      const compress = random() < 0.5;
      if (random() < 0.2 && size > 3) {
        const cut = Math.floor(size / 3);
        client.ws.send(payload.subarray(0, cut), { binary, fin: false, compress });
        client.ws.send(payload.subarray(cut, 2 * cut), { binary, fin: false, compress });
        client.ws.send(payload.subarray(2 * cut), { binary, fin: true, compress });
      } else client.ws.send(payload, { binary, compress });
    }
    for (let i = 0; i < sent.length; i++) {
      const got = await client.next(20_000);
      const bytes = 'text' in got ? Buffer.from(got.text) : Buffer.from(got.binary);
      if (!bytes.equals(sent[i]!))
        throw new Error(`message ${i} (${sent[i]!.length} B) came back different (${bytes.length} B)`);
    }
    client.ws.close(1000);
    const closed = await log.waitFor('closed', () => true, 30_000);
    expect(closed).toMatchObject({ code: 1000 });
    const out = log.of('message', closed.conn).filter((m) => m.dir === 'out');
    const back = log.of('message', closed.conn).filter((m) => m.dir === 'in');
    expect(out).toHaveLength(2000);
    expect(back).toHaveLength(2000);
    expect(out.filter((m) => m.frameCount === 3).length).toBeGreaterThan(200);
    expect(out.some((m) => m.compressed) && out.some((m) => !m.compressed)).toBe(true);
    expect(log.of('frame', closed.conn).every((f) => f.violations.length === 0)).toBe(true);
  }, 120_000);

  it('python3-websockets and a Chromium page talk to gorilla through the proxy', async () => {
    const { url, log } = await proxy();
    const python = await runPythonClient(
      `${url}/echo`,
      [{ op: 'text', data: 'from python' }, { op: 'recv', count: 1 }, { op: 'close' }],
      { deflate: true },
    );
    expect(python.events).toContainEqual({ event: 'message', type: 'text', data: 'from python' });
    const page = await openPageSocket(browser!, `${url}/echo`);
    await page.next('open');
    await page.send('from chromium');
    expect(await page.next('message')).toEqual({ type: 'message', text: 'from chromium' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'from chromium');
    const opens = log.of('open');
    expect(opens).toHaveLength(2);
    expect(opens.every((o) => (o.extensions ?? '').includes('permessage-deflate'))).toBe(true);
  }, 60_000);

  it('interventions between a Chromium page and gorilla: inject both ways, hold and release, close the app with a code, cut', async () => {
    engine = createEngine();
    const log = new EventLog(engine);
    const running = await engine.proxy({ target: `ws://127.0.0.1:${gorilla!.port}` });
    const page = await openPageSocket(browser!, `${running.url}/echo`);
    await page.next('open');
    const conn = (await log.waitFor('open')).conn;
    const connection = running.connection(conn);
    connection.inject('app', { kind: 'text', text: 'injected for chromium' });
    expect(await page.next('message')).toEqual({ type: 'message', text: 'injected for chromium' });
    connection.inject('target', { kind: 'text', text: 'injected for gorilla' });
    await gorilla!.waitForLine(/^MSG injected for gorilla$/);
    // gorilla echoes the injected message back toward the page: it arrives too.
    expect(await page.next('message')).toEqual({ type: 'message', text: 'injected for gorilla' });
    connection.hold('app');
    for (const text of ['a', 'b', 'c']) await page.send(text);
    await gorilla!.waitForLine(/^MSG c$/);
    await expect(page.next('message', 300)).rejects.toThrow(/no message/);
    connection.release('app');
    expect([await page.next('message'), await page.next('message'), await page.next('message')]).toEqual(
      ['a', 'b', 'c'].map((text) => ({ type: 'message', text })),
    );
    connection.closeSide('app', 4001, 'closed by wstap');
    expect(await page.next('close')).toMatchObject({ code: 4001, reason: 'closed by wstap' });

    const second = await openPageSocket(browser!, `${running.url}/echo`);
    await second.next('open');
    const conn2 = (await log.waitFor('open', (e) => e.conn !== conn)).conn;
    running.connection(conn2).cut();
    expect(await second.next('close')).toMatchObject({ code: 1006, wasClean: false });
  }, 60_000);
});
