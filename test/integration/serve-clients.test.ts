// wstap serve against three kinds of real clients — npm ws, python3-websockets and Chromium (a
// page driven by Playwright): a broadcast, a 401 refusal, a 1012 on reload and a deliberately
// fragmented reply, each seen by every client.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { behaviourSource } from '../../main/cli/serve/behaviour-source.js';
import { startReloading } from '../../main/engine/server/reloading.js';
import { planServe } from '../../main/cli/serve/serve-plan.js';
import { createEngine, type Engine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { echoBehaviour } from '../../main/engine/server/builtin-behaviours.js';
import type { RunningServer } from '../../main/engine/server/server.js';
import { openClient } from '../../main/engine/server/server.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { launchChromium, openPageSocket } from '../peers/chromium.js';
import { runPythonClient } from '../peers/python.js';

const peers = await requirePeers('python', 'chromium');
let browser: Browser | null = null;
let engine: Engine | null = null;
let dir = '';
beforeAll(async () => {
  if (peers.ok) browser = await launchChromium();
}, 60_000);
afterAll(() => browser?.close());
afterEach(async () => {
  await engine?.dispose();
  engine = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Serves a mock written to a temp file, as `wstap serve --mock FILE` does. */
async function serveMock(
  yaml: string,
): Promise<{ server: RunningServer; log: EventLog; file: string; files: readonly string[] }> {
  dir = mkdtempSync(join(tmpdir(), 'wstap-mock-'));
  const file = join(dir, 'mock.yaml');
  writeFileSync(file, yaml);
  const loaded = await behaviourSource(planServe({ mock: file })).load();
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  engine = createEngine();
  const log = new EventLog(engine);
  const server = await engine.serve({ behaviour: loaded.behaviour });
  return { server, log, file, files: loaded.files };
}

const httpOf = (url: string): string => url.replace(/^ws/, 'http');

describeWithPeers(peers, 'wstap serve with ws, python3-websockets and Chromium', () => {
  it('--echo sends text and binary back to python and to a Chromium page, compressed when they offer it', async () => {
    engine = createEngine();
    const server = await engine.serve({ behaviour: echoBehaviour() });
    const python = await runPythonClient(
      server.url,
      [
        { op: 'text', data: 'héllo' },
        { op: 'binary', base64: 'AAH/' },
        { op: 'recv', count: 2 },
        { op: 'close' },
      ],
      { deflate: true },
    );
    expect(python.events).toEqual([
      { event: 'open', extensions: ['PerMessageDeflate'] },
      { event: 'message', type: 'text', data: 'héllo' },
      { event: 'message', type: 'binary', base64: 'AAH/' },
      { event: 'closed', code: 1000, reason: '' },
    ]);
    const page = await openPageSocket(browser!, server.url, { pageUrl: httpOf(server.url) });
    expect(await page.next('open')).toMatchObject({
      extensions: expect.stringContaining('permessage-deflate'),
    });
    await page.send('from chromium');
    expect(await page.next('message')).toEqual({ type: 'message', text: 'from chromium' });
    await page.send([1, 2, 3]);
    expect(await page.next('message')).toEqual({ type: 'message', binary: [1, 2, 3] });
  });

  it('a broadcast from python reaches a Chromium page and a ws client in the room', async () => {
    const { server, log } = await serveMock(
      'routes:\n  - path: /room/:name\n    room: "{{params.name}}"\n    rules:\n      - match: { any: true }\n        then: [{ broadcast: "{{text}}" }]\n',
    );
    const page = await openPageSocket(browser!, `${server.url}/room/a`, { pageUrl: httpOf(server.url) });
    await page.next('open');
    const node = await openClient(`${server.url}/room/a`);
    await log.waitFor('room', (e) => e.members === 2);
    const python = await runPythonClient(`${server.url}/room/a`, [
      { op: 'text', data: 'from python' },
      { op: 'recv', count: 1 },
      { op: 'close' },
    ]);
    expect(python.events).toContainEqual({ event: 'message', type: 'text', data: 'from python' });
    expect(await page.next('message')).toEqual({ type: 'message', text: 'from python' });
    expect(await node.next()).toEqual({ text: 'from python' });
  });

  it('a 401 at the handshake is seen by each client, and the timeline has its body', async () => {
    const { server, log } = await serveMock(
      'routes:\n  - handshake:\n      require: [{ header: authorization, equals: "Bearer t" }]\n',
    );
    const node = await new Promise<number>((resolve) => {
      const ws = new WebSocket(server.url);
      ws.on('error', () => undefined);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(node).toBe(401);
    const python = await runPythonClient(server.url, []);
    expect(python.events).toContainEqual({ event: 'error', message: expect.stringMatching(/HTTP 401/) });
    const page = await openPageSocket(browser!, server.url, { pageUrl: httpOf(server.url) });
    // A browser hides the status from the page: the socket fails with 1006; wstap's timeline shows why.
    expect(await page.next('close')).toMatchObject({ code: 1006, wasClean: false });
    const refusals = log.of('upgrade-response').filter((e) => e.status === 401);
    expect(refusals).toHaveLength(3);
    expect(refusals.every((e) => e.body?.text === '{"error":"missing header authorization"}')).toBe(true);
  });

  it('an edit to the mock with --reload-close 1012 closes every client with 1012', async () => {
    const { server, log, file, files } = await serveMock('routes:\n  - fallback: [{ reply: v1 }]\n');
    const reloading = startReloading(behaviourSource(planServe({ mock: file })), server, files, 1012);
    try {
      const page = await openPageSocket(browser!, server.url, { pageUrl: httpOf(server.url) });
      await page.next('open');
      const node = await openClient(server.url);
      const python = runPythonClient(server.url, [{ op: 'wait_closed' }]);
      await log.waitFor('open', () => log.of('open').length === 3);
      writeFileSync(file, 'routes:\n  - fallback: [{ reply: v2 }]\n');
      expect(await node.closed).toEqual({ code: 1012, reason: 'mock reloaded' });
      expect(await page.next('close')).toMatchObject({ code: 1012, reason: 'mock reloaded', wasClean: true });
      expect((await python).events).toContainEqual({ event: 'closed', code: 1012, reason: 'mock reloaded' });
      const again = await openClient(server.url);
      again.ws.send('x');
      expect(await again.next()).toEqual({ text: 'v2' });
    } finally {
      reloading.close();
    }
  });

  it('a reply fragmented into 3 frames is reassembled by each client', async () => {
    const { server, log } = await serveMock(
      'routes:\n  - rules:\n      - match: { text: frag }\n        then: [{ reply: "abcdefghij", fragments: 3 }]\n',
    );
    const node = await openClient(server.url);
    node.ws.send('frag');
    expect(await node.next()).toEqual({ text: 'abcdefghij' });
    const python = await runPythonClient(server.url, [
      { op: 'text', data: 'frag' },
      { op: 'recv', count: 1 },
      { op: 'close' },
    ]);
    expect(python.events).toContainEqual({ event: 'message', type: 'text', data: 'abcdefghij' });
    const page = await openPageSocket(browser!, server.url, { pageUrl: httpOf(server.url) });
    await page.next('open');
    await page.send('frag');
    expect(await page.next('message')).toEqual({ type: 'message', text: 'abcdefghij' });
    // Chromium negotiated permessage-deflate: its reply's message event comes once inflated, maybe after the page has it.
    const isReply = (m: { dir: string; text?: string }): boolean =>
      m.dir === 'out' && m.text === 'abcdefghij';
    await log.waitFor('message', () => log.of('message').filter(isReply).length === 3);
    const replies = log.of('message').filter(isReply);
    expect(replies.every((m) => m.frameCount === 3)).toBe(true);
    const frames = log.of('frame').filter((f) => f.dir === 'out' && f.opcodeName !== 'close');
    expect(frames.filter((f) => f.conn === replies[0]!.conn).map((f) => [f.opcodeName, f.fin])).toEqual([
      ['text', false],
      ['continuation', false],
      ['continuation', true],
    ]);
  });
});
