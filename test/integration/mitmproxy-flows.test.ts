// mitmproxy's own flow files: a real mitmdump (apt `mitmproxy`) in reverse mode in front of a ws
// echo server writes the flows (`-w`); wstap imports the WebSocket connection from them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { harText, toHar } from '../../shared/interchange/har/har-write.js';
import type { Conversation } from '../../shared/interchange/conversation.js';
import { loadConversation } from '../../main/engine/interchange/load-conversation.js';

const probe = spawnSync('mitmdump', ['--version'], { encoding: 'utf8', timeout: 30_000 });
const missing =
  probe.status === 0
    ? null
    : `mitmdump unavailable (apt-get install -y mitmproxy): ${probe.error?.message ?? probe.stderr}`;
if (missing !== null && process.env.REQUIRE_PEERS === '1') throw new Error(`REQUIRE_PEERS=1 but ${missing}`);

let dir: string;
let echo: WebSocketServer;
let echoPort: number;

beforeAll(async () => {
  if (missing !== null) return;
  dir = await mkdtemp(join(tmpdir(), 'wstap-mitm-'));
  echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => echo.once('listening', resolve));
  echoPort = (echo.address() as AddressInfo).port;
  echo.on('connection', (ws) =>
    ws.on('message', (data, binary) =>
      !binary && data.toString() === 'bye' ? ws.close(4000, 'room closed') : ws.send(data, { binary }),
    ),
  );
});
afterAll(async () => {
  echo?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** mitmdump in reverse mode on a port of its choosing, writing flows to `file`; it prints where it listens. */
async function startMitmdump(
  file: string,
  extra: readonly string[] = [],
): Promise<{ port: number; stop: () => Promise<void> }> {
  const args = [
    '--mode',
    `reverse:http://127.0.0.1:${echoPort}`,
    '--listen-host',
    '127.0.0.1',
    '--listen-port',
    '0',
    '-w',
    file,
    ...extra,
  ];
  const proc: ChildProcess = spawn('mitmdump', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`mitmdump did not say where it listens within 20 s:\n${output}`)),
      20_000,
    );
    const take = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening at (?:http:\/\/)?127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    proc.stdout?.on('data', take);
    proc.stderr?.on('data', take);
    void exited.then(() => reject(new Error(`mitmdump exited:\n${output}`)));
  });
  // SIGINT: mitmdump finishes writing its flow file and exits.
  return { port, stop: () => (proc.kill('SIGINT'), exited) };
}

/** One session through the proxy in lockstep (each echo before the next send, so the order is fixed): text, binary, (a message the addon drops), then the server closes with 4000. */
async function session(port: number, drop: boolean): Promise<{ before: number; after: number }> {
  const before = Date.now();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/chat?room=red`);
  const echoes: unknown[] = [];
  let echoed: () => void = () => undefined;
  ws.on('message', (data, binary) => {
    echoes.push(binary ? [...(data as Buffer)] : data.toString());
    echoed();
  });
  const echo = (): Promise<void> => new Promise((resolve) => (echoed = resolve));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const closed = new Promise<[number, string]>((resolve) =>
    ws.once('close', (c, r) => resolve([c, r.toString()])),
  );
  let next = echo();
  ws.send('hello mitmproxy');
  await next;
  next = echo();
  ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
  await next;
  if (drop) ws.send('drop me');
  ws.send('bye');
  expect(await closed).toEqual([4000, 'room closed']);
  expect(echoes).toEqual(['hello mitmproxy', [0xde, 0xad, 0xbe, 0xef]]);
  return { before, after: Date.now() };
}

function expectSession(conversation: Conversation, window: { before: number; after: number }): void {
  expect(conversation.source).toBe('mitmproxy-flows');
  expect(conversation.connections).toHaveLength(1);
  const [c] = conversation.connections;
  expect(c?.url).toBe(`ws://127.0.0.1:${echoPort}/chat?room=red`);
  expect(c?.status).toBe(101);
  expect(c?.messages.map((m) => [m.from, m.opcode, m.text ?? m.base64])).toEqual([
    ['client', 'text', 'hello mitmproxy'],
    ['server', 'text', 'hello mitmproxy'],
    ['client', 'binary', '3q2+7w=='],
    ['server', 'binary', '3q2+7w=='],
    ['client', 'text', 'bye'],
  ]);
  const walls = (c?.messages ?? []).map((m) => (c?.startedAt ?? 0) + m.t);
  expect([...walls].sort((a, b) => a - b)).toEqual(walls);
  expect(walls[0]).toBeGreaterThanOrEqual(window.before - 1);
  expect(walls[walls.length - 1]).toBeLessThanOrEqual(window.after + 1);
  expect(c?.close).toMatchObject({ initiator: 'server', code: 4000, reason: 'room closed' });
}

describe.skipIf(missing !== null)(
  `mitmproxy flow files (mitmdump -w)${missing === null ? '' : `: skipped, ${missing}`}`,
  () => {
    it('imports the WebSocket connection mitmdump wrote, sides, payloads, times and close', async () => {
      const file = join(dir, 'flows.mitm');
      const proxy = await startMitmdump(file);
      const window = await session(proxy.port, false);
      await proxy.stop();
      const conversation = await loadConversation(file);
      expectSession(conversation, window);
      expect(conversation.warnings).toEqual([]);
      // Through HAR and back: the same messages, to the microsecond.
      const har = join(dir, 'flows.har');
      await writeFile(har, harText(toHar(conversation, { tool: 'wstap test' })));
      const back = await loadConversation(har);
      const view = (c: Conversation): unknown =>
        c.connections.map((x) => [
          x.url,
          x.startedAt,
          x.close,
          x.messages.map((m) => [m.from, m.t, m.text ?? m.base64]),
        ]);
      expect(view(back)).toEqual(view(conversation));
    });

    it('leaves out a message mitmproxy dropped, and says so', async () => {
      const addon = join(dir, 'drop.py');
      await writeFile(
        addon,
        'def websocket_message(flow):\n    m = flow.websocket.messages[-1]\n    if m.content == b"drop me":\n        m.drop()\n',
      );
      const file = join(dir, 'dropped.mitm');
      const proxy = await startMitmdump(file, ['-s', addon]);
      const window = await session(proxy.port, true);
      await proxy.stop();
      const conversation = await loadConversation(file);
      expectSession(conversation, window);
      expect(conversation.warnings).toEqual([
        expect.stringMatching(
          /^flow 1 \(byte 0\): 1 message mitmproxy dropped \(never delivered\) left out$/,
        ),
      ]);
    });
  },
);
