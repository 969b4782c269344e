// The lazy event path (issue 6): with no listener that wants frames (or messages) the proxy builds
// no frame (or message) events, yet the recording is the one a full session writes, and lazy payload fields read like
// eager ones.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { LAZY_PAYLOAD_MIN } from '../../../shared/protocol/lazy-payload.js';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import type { SubscribeOptions } from '../event-hub.js';
import { readRecordingEvents } from '../recording/recording-reader.js';
import { openClient } from '../server/server.test-util.js';

let engine: Engine | null = null;
let server: TestServer | null = null;
let dir: string | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  if (dir !== null) await rm(dir, { recursive: true, force: true });
  engine = server = dir = null;
});

/** Events in (connection, sequence) order: the file keeps the order of publication, frames aside. */
const byKey = (events: readonly SessionEvent[]) =>
  [...events].sort((a, b) => a.conn - b.conn || a.seq - b.seq);

const long = 'é ✓ 中文 ☕ — '.repeat(LAZY_PAYLOAD_MIN / 4);

/**
 * An echo server, an engine with one listener (`options`: what it asks for) and a recording, and
 * a proxy in front of the server; `ended` resolves on the first `closed` event.
 */
async function proxied(options: SubscribeOptions, deflate: boolean) {
  dir = await mkdtemp(join(tmpdir(), 'wstap-lazy-'));
  server = await startTestServer(echo, deflate ? { perMessageDeflate: { threshold: 0 } } : {});
  engine = createEngine();
  const live: SessionEvent[] = [];
  let closed!: () => void;
  const ended = new Promise<void>((resolve) => (closed = resolve));
  engine.subscribe((event) => {
    live.push(event);
    if (event.type === 'closed') closed();
  }, options);
  const path = join(dir, 'session.wstap.jsonl');
  const recording = await engine.startRecording(path);
  const proxy = await engine.proxy({ target: server.url });
  return { live, ended, path, recording, proxy };
}

/** Relays a chat through the proxy with a recording; `frames`: what the one listener asks for. */
async function session(
  options: SubscribeOptions,
): Promise<{ live: SessionEvent[]; read: readonly SessionEvent[] }> {
  const { live, ended, path, recording, proxy } = await proxied(options, true);
  const client = await openClient(proxy.url, { perMessageDeflate: true });
  client.ws.send(long, { compress: false });
  expect(await client.next()).toEqual({ text: long });
  client.ws.send(long);
  expect(await client.next()).toEqual({ text: long });
  client.ws.send('short', { compress: false });
  expect(await client.next()).toEqual({ text: 'short' });
  client.ws.send(Buffer.alloc(3000, 7), { compress: false });
  expect(await client.next()).toEqual({ binary: [...Buffer.alloc(3000, 7)] });
  for (let i = 0; i < 3; i++) client.ws.send(long.slice(0, 100 + i), { fin: i === 2, compress: false });
  await client.next();
  client.ws.close(1000);
  await ended;
  await recording.stop();
  return { live: byKey(live), read: byKey((await readRecordingEvents(path)).events) };
}

const shortMessage = (events: readonly SessionEvent[]) =>
  events.find((e) => e.type === 'message' && e.dir === 'out' && e.size === 5)!;

describe('the lazy event path', () => {
  it('builds no frame events while no listener wants them, and records the same session', async () => {
    const { live, read } = await session({ frames: false });
    expect(live.filter((e) => e.type === 'frame')).toEqual([]);
    // The frames kept their sequence numbers: the recording derives them into the gaps.
    const conn = live.find((e) => e.type === 'open')!.conn;
    const seqs = read.filter((e) => e.conn === conn).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(read.filter((e) => e.type === 'frame').length).toBeGreaterThanOrEqual(12);
    expect(read.filter((e) => e.type !== 'frame')).toEqual(live);
    const texts = live.flatMap((e) => (e.type === 'message' && e.text !== undefined ? [e.text] : []));
    expect(texts).toEqual([long, long, long, long, 'short', 'short', expect.any(String), expect.any(String)]);
  });

  it('gives frame events to listeners that want them, with lazy payload fields equal to the read-back ones', async () => {
    const { live, read } = await session({ frames: true });
    // Short payloads are converted at once, long ones when read.
    expect(Object.getOwnPropertyDescriptor(shortMessage(live), 'text')).toMatchObject({ value: 'short' });
    const big = live.find((e) => e.type === 'message' && e.size > LAZY_PAYLOAD_MIN)!;
    expect(Object.getOwnPropertyDescriptor(big, 'text')?.get).toBeTypeOf('function');
    const frames = live.filter((e) => e.type === 'frame');
    expect(frames.length).toBeGreaterThanOrEqual(12);
    expect(JSON.stringify(read)).toBe(JSON.stringify(live));
    expect(read.map((e) => ({ ...e }))).toStrictEqual(live.map((e) => ({ ...e })));
  });

  it('builds no message events while no listener wants them, and records the same session', async () => {
    const { live, read } = await session({ frames: false, messages: false });
    expect(live.filter((e) => e.type === 'frame' || e.type === 'message')).toEqual([]);
    // Every message is in the recording (references, and the compressed ones whole), numbered in place.
    const conn = live.find((e) => e.type === 'open')!.conn;
    const seqs = read.filter((e) => e.conn === conn).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const messages = read.filter((e) => e.type === 'message');
    expect(messages).toHaveLength(10);
    const texts = messages.flatMap((e) => (e.text !== undefined ? [e.text] : []));
    expect(texts).toEqual([long, long, long, long, 'short', 'short', expect.any(String), expect.any(String)]);
    expect(read.filter((e) => e.type !== 'frame' && e.type !== 'message')).toEqual(live);
    // The same messages as with a listener that wants everything, but for their times.
    await engine?.dispose();
    await server?.close();
    await rm(dir!, { recursive: true, force: true });
    const full = await session({});
    const shape = (events: readonly SessionEvent[]) =>
      events.filter((e) => e.type === 'message').map(({ t: _t, wall: _w, ...rest }) => rest);
    expect(shape(read)).toEqual(shape(full.read));
  });
});

describe('payloads nobody reads (proxy -q --record)', () => {
  /** Sends a good text and a text with invalid UTF-8 through the proxy; the echo server closes 1007. */
  async function badText(options: SubscribeOptions) {
    const { live, ended, path, recording, proxy } = await proxied(options, false);
    const client = await openClient(proxy.url);
    client.ws.send('fine');
    expect(await client.next()).toEqual({ text: 'fine' });
    // ws sends a Buffer as text without checking it.
    client.ws.send(Buffer.from([0x61, 0xff, 0x62]), { binary: false });
    expect((await client.closed).code).toBe(1007);
    await ended;
    await recording.stop();
    const file = await readFile(path, 'latin1');
    const read = (await readRecordingEvents(path)).events;
    const bad = read.find((e) => e.type === 'message' && e.dir === 'out' && e.index === 1);
    return { live, file, bad };
  }

  it('are left masked; the recording references them and its reader finds the invalid UTF-8', async () => {
    const { live, file, bad } = await badText({ frames: false, messages: false });
    expect(live.filter((e) => e.type === 'frame' || e.type === 'message')).toEqual([]);
    // The tap did not look inside: both texts are references, none is stored whole.
    expect(
      file.match(/"type":"message-ref","conn":\d+,"seq":\d+,"t":[\d.]+,"wall":[\d.]+,"dir":"out"/g),
    ).toHaveLength(2);
    expect(file).not.toContain('"type":"message"');
    expect(bad).toMatchObject({ opcodeName: 'text', size: 3, violations: [{ code: 'INVALID_UTF8' }] });
  });

  it('are validated live when a listener reads messages, with the same event read back', async () => {
    const { live, bad } = await badText({ frames: false });
    const liveBad = live.find((e) => e.type === 'message' && e.dir === 'out' && e.index === 1);
    expect(liveBad).toMatchObject({ violations: [{ code: 'INVALID_UTF8' }] });
    expect(JSON.stringify(bad)).toBe(JSON.stringify(liveBad));
  });
});
