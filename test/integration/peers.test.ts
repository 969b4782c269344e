// Smoke tests: every real peer builds, starts and talks. Each block skips (with the reason) when its
// peer is not installed, unless REQUIRE_PEERS=1.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { buildGoPeer, startGoPeer } from '../peers/build-go.js';
import { connectLockstep } from '../peers/node-client.js';
import type { RunningPeer } from '../peers/process.js';
import { runPythonClient, startPythonServer } from '../peers/python.js';
import { readWebSocketFrames, startCapture } from '../peers/tshark.js';

const [go, python, tshark] = await Promise.all([
  requirePeers('go'),
  requirePeers('python'),
  requirePeers('tshark'),
]);
const both =
  go.ok && python.ok ? go : { ok: false, reason: [go.reason, python.reason].filter(Boolean).join('; ') };

describeWithPeers(go, 'gorilla/websocket peers (Go, GOPATH mode)', () => {
  const running: RunningPeer[] = [];
  const start = async (...args: Parameters<typeof startGoPeer>): Promise<RunningPeer> => {
    const peer = await startGoPeer(...args);
    running.push(peer);
    return peer;
  };
  afterAll(() => Promise.all(running.map((peer) => peer.stop())));

  it('builds once, then reuses the cached binary', async () => {
    const first = await buildGoPeer('echo');
    expect(existsSync(first)).toBe(true);
    expect(first).toContain(join('node_modules', '.cache', 'wstap-peers'));
    expect(await buildGoPeer('echo')).toBe(first);
  });

  it('echo: echoes text and binary, and runs its commands', async () => {
    const echo = await start('echo');
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/echo`);
    client.ws.send('hi');
    expect(await client.next()).toEqual({ data: Buffer.from('hi'), isBinary: false });
    client.ws.send(Buffer.from([0, 255]));
    expect(await client.next()).toEqual({ data: Buffer.from([0, 255]), isBinary: true });
    client.ws.send('frag:4:four pieces');
    expect((await client.next()).data.toString()).toBe('four pieces');
    client.ws.send('ping:are you there');
    expect((await client.nextPing()).toString()).toBe('are you there');
    client.ws.send('close:4321:as asked');
    expect(await client.closed).toEqual({ code: 4321, reason: 'as asked' });
  });

  it('echo -compress: negotiates permessage-deflate', async () => {
    const echo = await start('echo', ['-compress']);
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/`, { perMessageDeflate: true });
    expect(client.ws.extensions).toContain('permessage-deflate');
    client.ws.send('squeeze '.repeat(100));
    expect((await client.next()).data.toString()).toBe('squeeze '.repeat(100));
    client.ws.close(1000);
    expect((await client.closed).code).toBe(1000);
  });

  it('chat: broadcasts to everyone in the room (path or query), and only there', async () => {
    const chat = await start('chat');
    const url = `ws://127.0.0.1:${chat.port}`;
    const alice = await connectLockstep(`${url}/ws/red`);
    await chat.waitForLine(/^JOIN red 1$/);
    const bob = await connectLockstep(`${url}/?room=red`);
    await chat.waitForLine(/^JOIN red 2$/);
    const carol = await connectLockstep(`${url}/ws/blue`);
    await chat.waitForLine(/^JOIN blue 1$/);

    alice.ws.send('hello red');
    expect((await alice.next()).data.toString()).toBe('hello red');
    expect((await bob.next()).data.toString()).toBe('hello red');
    // The hub handles broadcasts in order: had red's message reached blue, it would come first.
    carol.ws.send('hello blue');
    expect((await carol.next()).data.toString()).toBe('hello blue');

    bob.ws.close(1000);
    await chat.waitForLine(/^LEAVE red 1$/);
    for (const client of [alice, carol]) client.ws.close(1000);
    await Promise.all([alice.closed, bob.closed, carol.closed]);
  });
});

describeWithPeers(python, 'python3-websockets peers', () => {
  let server: RunningPeer | undefined;
  beforeAll(async () => {
    server = await startPythonServer();
  });
  afterAll(() => server?.stop());

  it('ws_server.py echoes and closes on command', async () => {
    const client = await connectLockstep(`ws://127.0.0.1:${server?.port}/`);
    client.ws.send('hi python');
    expect((await client.next()).data.toString()).toBe('hi python');
    client.ws.send('frag:2:in two');
    expect((await client.next()).data.toString()).toBe('in two');
    client.ws.send('close:4001:python closes');
    expect(await client.closed).toEqual({ code: 4001, reason: 'python closes' });
  });

  it('ws_client.py runs a script against it', async () => {
    const result = await runPythonClient(`ws://127.0.0.1:${server?.port}/`, [
      { op: 'text', data: 'scripted' },
      { op: 'recv' },
      { op: 'binary', base64: 'AAEC' },
      { op: 'recv' },
      { op: 'ping', data: 'p' },
      { op: 'close', code: 1000, reason: 'done' },
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.events).toEqual([
      { event: 'open', extensions: [] },
      { event: 'message', type: 'text', data: 'scripted' },
      { event: 'message', type: 'binary', base64: 'AAEC' },
      { event: 'pong', data: 'p' },
      { event: 'closed', code: 1000, reason: 'done' },
    ]);
  });
});

describeWithPeers(both, 'python3-websockets client ↔ gorilla server', () => {
  let echo: RunningPeer | undefined;
  beforeAll(async () => {
    echo = await startGoPeer('echo', ['-compress']);
  });
  afterAll(() => echo?.stop());

  it('talks, with permessage-deflate, through a server-initiated close', async () => {
    const result = await runPythonClient(
      `ws://127.0.0.1:${echo?.port}/echo`,
      [
        { op: 'text', data: 'über gorilla' },
        { op: 'recv' },
        { op: 'text', data: 'close:4000:bye' },
        { op: 'wait_closed' },
      ],
      { deflate: true },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.events).toEqual([
      { event: 'open', extensions: ['PerMessageDeflate'] },
      { event: 'message', type: 'text', data: 'über gorilla' },
      { event: 'closed', code: 4000, reason: 'bye' },
    ]);
  });
});

describeWithPeers(tshark, 'tshark capture helper', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('captures a loopback session completely', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wstap-capture-'));
    // Any WebSocket server does: ws's own, so this block needs tshark only.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    wss.on('connection', (socket) =>
      socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })),
    );
    const port = (wss.address() as { port: number }).port;
    try {
      const capture = await startCapture({ ports: [port], dir });
      const client = await connectLockstep(`ws://127.0.0.1:${port}/`);
      client.ws.send('captured');
      await client.next();
      client.ws.close(1000, 'end');
      await client.closed;
      await capture.stop();
      const frames = await readWebSocketFrames(capture.file, [port]);
      expect(frames.map((f) => [f.opcode, f.masked, f.closeCode])).toEqual([
        [1, true, null],
        [1, false, null],
        [8, true, 1000],
        [8, false, 1000],
      ]);
    } finally {
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});
