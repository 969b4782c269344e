import { afterEach, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from './client/ws-server.test-util.js';
import { createEngine, type Engine } from './engine.js';
import { EventLog } from './engine.test-util.js';
import { FrameStore } from './frame-store/frame-store.js';

let engine: Engine;
let server: TestServer;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
});

describe('engine with a frame store', () => {
  it('indexes every frame under its event id and serves the payload when a row is opened', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    engine = createEngine({ store: new FrameStore({ flushMs: 5 }) });
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, perMessageDeflate: false });
    await engine.opened(id);
    const big = Buffer.alloc(200_000, 'abcdefgh');
    await engine.send(id, { kind: 'binary', bytes: big }, { fragments: 3 });
    await engine.send(id, { kind: 'text', text: 'small' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'small');
    engine.close(id, { code: 4000, reason: 'bye' });
    await engine.done(id);

    const frames = log.of('frame');
    expect(engine.store!.stats()).toMatchObject({ frames: frames.length, droppedFrames: 0 });
    for (const frame of frames) {
      expect(engine.store!.get(frame.id)).toMatchObject({ id: frame.id, conn: frame.conn, seq: frame.seq, dir: frame.dir, opcode: frame.opcode, payloadLength: frame.payloadLength });
    }
    // The masked fragments we sent and the echo come back unmasked and whole.
    const outFragments = frames.filter((f) => f.dir === 'out' && f.opcode <= 2 && f.payloadLength > 1000);
    const parts = await Promise.all(outFragments.map((f) => engine.store!.payload(f.id)));
    expect(Buffer.concat(parts.map((p) => (p.ok ? p.bytes : new Uint8Array()))).equals(big)).toBe(true);
    const close = frames.find((f) => f.dir === 'in' && f.opcode === 8)!;
    const payload = await engine.store!.payload(close.id);
    expect(payload.ok && Buffer.from(payload.bytes).subarray(2).toString()).toBe('bye');
  });
});
