// `wstap serve --replay` to a real browser: Chromium (Playwright) sends the recorded requests with
// ids of its own and gets the recorded replies with its ids, the pushes, binary, and the close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCliOnce } from '../../main/cli/bin.test-util.js';
import { startServeBin, type ServeBin } from '../../main/cli/serve/serve-bin.test-util.js';
import { recordSession, startApiServer } from '../../main/engine/replay-server/replay.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { launchChromium, openPageSocket } from '../peers/chromium.js';

const peers = await requirePeers('chromium');
let browser: Browser | null = null;
let serve: ServeBin | null = null;
let dir = '';

beforeAll(async () => {
  if (!peers.ok) return;
  dir = mkdtempSync(join(tmpdir(), 'wstap-serve-replay-'));
  const file = join(dir, 'api.wstap.jsonl');
  const [api] = await Promise.all([startApiServer(), buildCliOnce()]);
  try {
    await recordSession(file, api.url, [
      [
        { send: { id: 1, op: 'add', a: 1, b: 2 }, replies: 1 },
        { send: { id: 2, op: 'subscribe' }, replies: 3 },
        { send: Uint8Array.of(1, 2, 3), replies: 1 },
        { send: { id: 3, op: 'bye' }, replies: 0 },
      ],
    ]);
  } finally {
    await api.close();
  }
  [browser, serve] = await Promise.all([
    launchChromium(),
    startServeBin(['serve', '--replay', file, '--correlate', '$.id', '--speed', '2']),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([browser?.close(), serve?.stop('SIGKILL')]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describeWithPeers(peers, 'wstap serve --replay with Chromium', () => {
  it('answers a page like the recording, with the page’s own ids', async () => {
    const url = serve?.url ?? '';
    const page = await openPageSocket(browser!, `${url}/api`, { pageUrl: url.replace(/^ws/, 'http') });
    await page.next('open');
    expect(await page.next('message')).toEqual({
      type: 'message',
      text: '{"type":"welcome","server":"api"}',
    });
    await page.send(JSON.stringify({ id: 'page-1', op: 'add', a: 1, b: 2 }));
    expect(await page.next('message')).toEqual({ type: 'message', text: '{"id":"page-1","result":3}' });
    await page.send(JSON.stringify({ op: 'subscribe', id: 'page-2' }));
    expect(await page.next('message')).toEqual({ type: 'message', text: '{"id":"page-2","ok":true}' });
    expect(await page.next('message')).toEqual({ type: 'message', text: '{"type":"tick","n":1,"id":900}' });
    expect(await page.next('message')).toEqual({ type: 'message', text: '{"type":"tick","n":2,"id":901}' });
    await page.send([1, 2, 3]);
    expect(await page.next('message')).toEqual({ type: 'message', binary: [3, 2, 1] });
    await page.send(JSON.stringify({ id: 'page-3', op: 'bye' }));
    expect(await page.next('close')).toEqual({ type: 'close', code: 4000, reason: 'done', wasClean: true });
    expect(serve?.stderr()).toMatch(
      /#\d+ log: replaying recorded connection #1 \(ws:\/\/127\.0\.0\.1:\d+\/api\): 4 client messages, 6 server messages, 1 sent on connect/,
    );
    expect(serve?.stderr()).toMatch(
      /rule client message 2 of recorded #1 → reply text 18 B \(correlated\), reply text 30 B after \d+ms, reply text 30 B after \d+ms/,
    );
    expect(serve?.stderr()).not.toMatch(/log warn/);
  });
});
