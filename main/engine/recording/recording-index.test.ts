import { mkdtemp, rm, truncate, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { FrameStore } from '../frame-store/frame-store.js';
import { indexRecording } from './recording-index.js';

let dir: string;
let engine: Engine;
let server: TestServer;
const stores: FrameStore[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wstap-index-'));
});
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('indexing a recording into a frame store', () => {
  it('gives every frame its live id and serves the same payloads as the live session', async () => {
    server = await startTestServer(echo, { perMessageDeflate: { threshold: 0 } });
    engine = createEngine();
    const log = new EventLog(engine);
    const path = join(dir, 'live.jsonl');
    const recording = await engine.startRecording(path);
    const id = engine.connect({ url: server.url, perMessageDeflate: { threshold: 0 } });
    await engine.opened(id);
    await engine.send(
      id,
      { kind: 'binary', bytes: Buffer.alloc(3000, 7) },
      { fragments: 3, compress: false },
    );
    await engine.send(id, { kind: 'text', text: 'compressed '.repeat(30) });
    await log.waitFor('message', (m) => m.dir === 'in' && m.compressed);
    engine.close(id, { code: 4000, reason: 'bye' });
    await engine.done(id);
    await recording.stop();

    const store = new FrameStore({ flushMs: 5 });
    stores.push(store);
    const others: string[] = [];
    const index = await indexRecording(path, store, (e) => others.push(e.type));
    const live = log.of('frame');
    expect(index.frames).toBe(live.length);
    expect(index.truncated).toBeNull();
    expect(others).toContain('closed');
    for (const frame of live) {
      expect(store.get(frame.id)).toMatchObject({
        id: frame.id,
        conn: frame.conn,
        seq: frame.seq,
        dir: frame.dir,
        opcode: frame.opcode,
        payloadLength: frame.payloadLength,
        t: frame.t,
      });
      const payload = await store.payload(frame.id);
      const expected =
        frame.text !== undefined ? Buffer.from(frame.text) : Buffer.from(frame.base64 ?? '', 'base64');
      expect(payload.ok && Buffer.from(payload.bytes).equals(expected)).toBe(true);
    }
  });

  it('reports a cut last line and keeps everything before it', async () => {
    server = await startTestServer(echo);
    engine = createEngine();
    const path = join(dir, 'cut.jsonl');
    const recording = await engine.startRecording(path);
    const id = engine.connect({ url: server.url });
    await engine.opened(id);
    engine.close(id);
    await engine.done(id);
    await recording.stop();
    await truncate(path, (await stat(path)).size - 5);
    const store = new FrameStore();
    stores.push(store);
    const index = await indexRecording(path, store);
    expect(index.truncated).not.toBeNull();
    expect(index.frames).toBeGreaterThan(0);
  });
});
