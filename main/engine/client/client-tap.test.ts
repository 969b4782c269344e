import { afterEach, describe, expect, it } from 'vitest';
import { decodeAll } from '../../../shared/protocol/decode-all.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog, MemoryRecording } from '../engine.test-util.js';
import { afterHead, echo, startTestServer, type TestServer } from './ws-server.test-util.js';

let engine: Engine;
let server: TestServer;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
});

async function session(options: { deflate: boolean }) {
  server = await startTestServer(echo, { perMessageDeflate: options.deflate ? { threshold: 0 } : false });
  engine = createEngine();
  const log = new EventLog(engine);
  const recording = new MemoryRecording();
  engine.record(recording);
  const id = engine.connect({ url: `${server.url}/tap`, perMessageDeflate: options.deflate ? { threshold: 0 } : false });
  expect(await engine.opened(id)).toBe(true);
  return { id, log, recording };
}

describe('wire tap', () => {
  it('never changes a byte: what the server read and wrote is exactly what the tap saw', async () => {
    const { id, log, recording } = await session({ deflate: true });
    const received: string[] = [];
    server.wss.clients.forEach((ws) => ws.on('message', (data) => received.push(String(data))));
    await engine.send(id, { kind: 'text', text: 'héllo wörld' });
    await engine.send(id, { kind: 'binary', bytes: Uint8Array.of(0, 1, 2, 255) });
    await engine.send(id, { kind: 'text', text: 'z'.repeat(5000) }, { fragments: 4 });
    await engine.send(id, { kind: 'json', value: { a: [1, 2] } });
    engine.ping(id, 'are you there');
    await log.waitFor('rtt');
    engine.close(id, { code: 4000, reason: 'done' });
    await engine.done(id);

    const raw = server.raw[0];
    expect(raw).toBeDefined();
    const conn = log.of('open')[0]!.conn;
    // Byte-exact in both directions, the request and 101 heads aside.
    expect(recording.stream(conn, 'out').equals(Buffer.concat(raw!.received))).toBe(true);
    expect(recording.stream(conn, 'in').equals(afterHead(raw!.written))).toBe(true);
    // ws on the other side got the messages intact: the tap took nothing away.
    expect(received).toEqual(['héllo wörld', '\u0000\u0001\u0002\ufffd', 'z'.repeat(5000), '{"a":[1,2]}']);
  });

  it('frame events carry the real bits: the random mask keys ws chose, RSV1 on compressed frames, fragments', async () => {
    const { id, log, recording } = await session({ deflate: true });
    await engine.send(id, { kind: 'text', text: 'y'.repeat(3000) }, { fragments: [1000, 1000, 1000] });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'y'.repeat(3000));
    engine.close(id, { code: 1000 });
    await engine.done(id);
    const conn = log.of('open')[0]!.conn;

    // Decode the recorded bytes independently and compare with the live events.
    const out = decodeAll(recording.stream(conn, 'out'), { sender: 'client', perMessageDeflate: true });
    const live = log.of('frame').filter((f) => f.dir === 'out');
    expect(live.map((f) => f.maskKey)).toEqual(out.frames.map((f) => (f.maskKey! >>> 0).toString(16).padStart(8, '0')));
    expect(new Set(live.map((f) => f.maskKey)).size).toBe(live.length);
    const data = live.filter((f) => f.opcode <= 2);
    expect(data.map((f) => [f.opcode, f.fin, f.rsv1])).toEqual([
      [1, false, true],
      [0, false, false],
      [0, true, false],
    ]);
    expect(live.every((f) => f.masked && f.violations.length === 0)).toBe(true);
    const sent = log.of('message').find((m) => m.dir === 'out')!;
    expect(sent).toMatchObject({ compressed: true, frameCount: 3, text: 'y'.repeat(3000), size: 3000 });
    const echoed = log.of('frame').filter((f) => f.dir === 'in' && f.opcode === 1);
    expect(echoed[0]).toMatchObject({ rsv1: true, masked: false, maskKey: null, compressed: true });
  });

  it('numbers frames of one chunk consecutively, so a recording can derive them from the wire chunk', async () => {
    const { id, log, recording } = await session({ deflate: false });
    for (let i = 0; i < 20; i++) void engine.send(id, { kind: 'text', text: `m${i}` });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'm19');
    engine.close(id);
    await engine.done(id);
    const frames = log.of('frame');
    for (const chunk of recording.chunks) {
      const mine = frames.filter((f) => f.conn === chunk.conn && f.dir === chunk.dir && f.seq >= chunk.seq && f.seq < chunk.seq + chunk.frames);
      expect(mine).toHaveLength(chunk.frames);
      expect(mine.map((f) => f.id)).toEqual(Array.from({ length: chunk.frames }, (_, i) => chunk.id + i));
      expect(mine.every((f) => f.t === chunk.t)).toBe(true);
    }
    expect(recording.chunks.reduce((n, c) => n + c.frames, 0)).toBe(frames.length);
    expect(recording.events.some((e) => e.type === 'frame')).toBe(false);
    expect(recording.setups.map((s) => [s.dir, s.sender, s.perMessageDeflate])).toEqual([
      ['in', 'server', false],
      ['out', 'client', false],
    ]);
  });
});
