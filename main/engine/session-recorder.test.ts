import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from './client/ws-server.test-util.js';
import { createEngine, type Engine } from './engine.js';
import { EventLog } from './engine.test-util.js';
import { readRecordingEvents } from './recording/recording-reader.js';
import { RECORDING_VERSION } from '../../shared/record/types.js';

let dir: string;
let engine: Engine;
let server: TestServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wstap-rec-'));
});
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('session recordings', () => {
  it('read back exactly the events the live session emitted, frames included', async () => {
    server = await startTestServer(echo, { perMessageDeflate: { threshold: 0 } });
    engine = createEngine();
    const log = new EventLog(engine);
    const path = join(dir, 'session.wstap.jsonl');
    const recording = await engine.startRecording(path);
    const id = engine.connect({ url: `${server.url}/rec`, perMessageDeflate: { threshold: 0 } });
    await engine.opened(id);
    await engine.send(id, { kind: 'text', text: 'compressed hello '.repeat(20) });
    await engine.send(
      id,
      { kind: 'binary', bytes: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
      { fragments: 2, compress: false },
    );
    engine.ping(id, 'rtt');
    await log.waitFor('rtt');
    await engine.send(id, { kind: 'text', text: 'close:4000:bye' });
    await engine.done(id);
    await recording.stop();

    const read = await readRecordingEvents(path);
    expect(read.truncated).toBeNull();
    expect(read.header).toMatchObject({
      format: 'wstap-recording',
      version: RECORDING_VERSION,
      anchor: engine.clock.anchor,
      connections: [],
    });
    expect(read.header.tool).toMatch(/^wstap \d+\.\d+\.\d+/);
    // Same events, same order, same values: the shapes --json prints are the shapes stored.
    const byKey = (events: readonly { conn: number; seq: number }[]) =>
      [...events].sort((a, b) => a.conn - b.conn || a.seq - b.seq);
    expect(byKey(read.events)).toEqual(byKey(log.events));
    expect(read.events.filter((e) => e.type === 'frame').length).toBeGreaterThan(6);
  });

  it('names the connections already open in the header of a recording started mid-session', async () => {
    server = await startTestServer(echo);
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url });
    await engine.opened(id);
    await engine.send(id, { kind: 'text', text: 'before' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'before');
    const path = join(dir, 'late.wstap.jsonl');
    const recording = await engine.startRecording(path);
    await engine.send(id, { kind: 'text', text: 'after' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'after');
    engine.close(id);
    await engine.done(id);
    await recording.stop();
    const read = await readRecordingEvents(path);
    expect(read.header.connections).toEqual([{ conn: 1, role: 'client', url: `${server.url}/` }]);
    const texts = read.events.flatMap((e) =>
      e.type === 'frame' && e.opcode === 1 ? [`${e.dir}:${e.text}`] : [],
    );
    expect(texts).toEqual(['out:after', 'in:after']);
    // Frame events read back carry the ids and sequence numbers they had live.
    const live = log.events.filter((e) => e.type === 'frame' && e.opcode === 1 && e.text === 'after');
    expect(read.events.filter((e) => e.type === 'frame' && e.opcode === 1)).toEqual(live);
  });

  it('reports a recording that cannot be written and keeps the session going', async () => {
    engine = createEngine();
    await expect(engine.startRecording(join(dir, 'missing', 'x.jsonl'))).rejects.toThrow(/missing/);
  });
});
