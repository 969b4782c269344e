// HAR files from a real browser run: Playwright's HAR recorder in Debian's Chromium, messages
// embedded in the HAR and attached as a .jsonl file next to it; wstap imports both.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { Conversation } from '../../shared/interchange/conversation.js';
import { recordingEvents } from '../../shared/interchange/recording-text.js';
import { conversationFromEvents } from '../../shared/interchange/from-recording.js';
import { recordingFromConversation } from '../../shared/interchange/to-recording.js';
import { loadConversation } from '../../main/engine/interchange/load-conversation.js';
import { buildCliOnce, runBin } from '../../main/cli/bin.test-util.js';
import { launchChromium } from '../peers/chromium.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';

const peers = await requirePeers('chromium');

let browser: Browser;
let http: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  if (!peers.ok) return;
  dir = await mkdtemp(join(tmpdir(), 'wstap-har-chromium-'));
  // A page and a ws echo on one loopback port: the page's WebSocket is same-origin.
  http = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>har</title>'),
  );
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  browser = await launchChromium();
  await buildCliOnce();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  http?.closeAllConnections();
  await new Promise((resolve) => http?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs a page that sends text and binary, waits for both echoes, closes with 4000; returns the wall clock around it. */
async function browse(
  harPath: string,
  content: 'embed' | 'attach',
): Promise<{ before: number; after: number }> {
  const context = await browser.newContext({ recordHar: { path: harPath, content } });
  const page = await context.newPage();
  await page.goto(url);
  const before = Date.now();
  await page.evaluate(
    (wsUrl) =>
      new Promise<void>((resolve, reject) => {
        type Socket = {
          binaryType: string;
          onopen: () => void;
          onmessage: () => void;
          onclose: () => void;
          onerror: () => void;
          send(d: unknown): void;
          close(c: number, r: string): void;
        };
        const page = globalThis as unknown as { WebSocket: new (u: string) => Socket };
        const ws = new page.WebSocket(wsUrl);
        let echoes = 0;
        ws.binaryType = 'arraybuffer';
        ws.onopen = () => {
          ws.send('hello from chromium');
          ws.send(new Uint8Array([1, 2, 3, 250]));
        };
        ws.onmessage = () => void (++echoes === 2 && ws.close(4000, 'done'));
        ws.onclose = () => resolve();
        ws.onerror = () => reject(new Error('socket error'));
      }),
    url.replace('http', 'ws') + '/echo?room=har',
  );
  const after = Date.now();
  await context.close();
  return { before, after };
}

/** What both variants must show: sides, payloads, per-side order, times within the run, echoes after their sends. */
function expectEchoSession(conversation: Conversation, window: { before: number; after: number }): void {
  expect(conversation.source).toBe('har-playwright');
  expect(conversation.connections).toHaveLength(1);
  const [c] = conversation.connections;
  expect(c?.url).toBe(`${url.replace('http', 'ws')}/echo?room=har`);
  expect(c?.status).toBe(101);
  expect(
    c?.requestHeaders.some(([name, value]) => name.toLowerCase() === 'upgrade' && value === 'websocket'),
  ).toBe(true);
  const payload = (from: string): unknown[] =>
    (c?.messages ?? []).filter((m) => m.from === from).map((m) => [m.opcode, m.text ?? m.base64]);
  const sent = [
    ['text', 'hello from chromium'],
    ['binary', 'AQID+g=='],
  ];
  expect(payload('client')).toEqual(sent);
  expect(payload('server')).toEqual(sent);
  const walls = (c?.messages ?? []).map((m) => (c?.startedAt ?? 0) + m.t);
  // Playwright times are epoch milliseconds: every message within the page's run (1 ms of rounding).
  for (const wall of walls) {
    expect(wall).toBeGreaterThanOrEqual(window.before - 1);
    expect(wall).toBeLessThanOrEqual(window.after + 1);
  }
  expect([...walls].sort((a, b) => a - b)).toEqual(walls);
  const at = (from: string, opcode: string): number =>
    c?.messages.find((m) => m.from === from && m.opcode === opcode)?.t ?? NaN;
  expect(at('server', 'text')).toBeGreaterThanOrEqual(at('client', 'text'));
  expect(at('server', 'binary')).toBeGreaterThanOrEqual(at('client', 'binary'));
}

describeWithPeers(peers, 'HAR files Playwright recorded in Chromium', () => {
  it('imports the messages embedded in the HAR (content: embed)', async () => {
    const har = join(dir, 'embed.har');
    const window = await browse(har, 'embed');
    const conversation = await loadConversation(har);
    expectEchoSession(conversation, window);
    // As a wstap recording (no wire bytes to invent), it reads back to the same messages.
    const recording = recordingFromConversation(conversation, 'wstap test');
    const { header, events } = recordingEvents(recording);
    const back = conversationFromEvents(events, header.anchor);
    expect(back.connections[0]?.messages.map((m) => [m.from, m.text ?? m.base64])).toEqual(
      conversation.connections[0]?.messages.map((m) => [m.from, m.text ?? m.base64]),
    );
  });

  it('imports the messages Playwright attached as a .jsonl file next to the HAR (content: attach)', async () => {
    const sub = join(dir, 'attach');
    const har = join(sub, 'attach.har');
    const window = await browse(har, 'attach');
    expect((await readdir(sub)).some((name) => name.endsWith('.jsonl'))).toBe(true);
    expectEchoSession(await loadConversation(har), window);
  });

  it('replays the browser’s HAR against the live server: clean, exit 0; the live run is a recording', async () => {
    const har = join(dir, 'replayed.har');
    await browse(har, 'embed');
    const live = join(dir, 'replayed.live.jsonl');
    const run = await runBin(['replay', har, '--record', live]);
    expect(run.stdout).toContain('1 connection, 2 messages to send, 2 expected');
    expect(run.stdout).toMatch(/✓ matched: 1 connection, 2 sent, 2 received as recorded/);
    expect(run.code).toBe(0);
    const show = await runBin(['show', live]);
    expect(show.stdout).toContain('hello from chromium');
  });
});
