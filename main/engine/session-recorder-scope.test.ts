import { mkdtemp, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from './client/ws-server.test-util.js';
import { createEngine, type Engine } from './engine.js';
import { EventLog } from './engine.test-util.js';
import { readRecordingEvents } from './recording/recording-reader.js';

let dir: string;
let engine: Engine;
let server: TestServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wstap-scope-'));
});
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The text frames of a recording as `conn:dir:text`. */
async function texts(path: string): Promise<string[]> {
  const read = await readRecordingEvents(path);
  expect(read.truncated).toBeNull();
  return read.events.flatMap((e) =>
    e.type === 'frame' && e.opcode === 1 ? [`${e.conn}:${e.dir}:${e.text}`] : [],
  );
}

describe('scoped recordings', () => {
  it('record one session while another records everything, each file with its own connections', async () => {
    server = await startTestServer(echo);
    engine = createEngine();
    const log = new EventLog(engine);
    const a = engine.connect({ url: `${server.url}/a` });
    const b = engine.connect({ url: `${server.url}/b` });
    await Promise.all([engine.opened(a), engine.opened(b)]);
    await engine.send(a, { kind: 'text', text: 'a-before' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'a-before');
    const onlyB = join(dir, 'b.jsonl');
    const all = join(dir, 'all.jsonl');
    const recB = await engine.startRecording(onlyB, { sessions: [b] });
    const recAll = await engine.startRecording(all);
    await engine.send(a, { kind: 'text', text: 'a-after' });
    await engine.send(b, { kind: 'text', text: 'b-after' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'a-after');
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'b-after');
    engine.close(a);
    engine.close(b);
    await Promise.all([engine.done(a), engine.done(b)]);
    await Promise.all([recB.stop(), recAll.stop()]);

    const connB = log.of('connecting').find((c) => c.session === b)!.conn;
    const connA = log.of('connecting').find((c) => c.session === a)!.conn;
    const readB = await readRecordingEvents(onlyB);
    expect(readB.header.connections).toEqual([{ conn: connB, role: 'client', url: `${server.url}/b` }]);
    expect(new Set(readB.events.map((e) => e.conn))).toEqual(new Set([connB]));
    expect(readB.events.some((e) => e.type === 'closed')).toBe(true);
    expect(await texts(onlyB)).toEqual([`${connB}:out:b-after`, `${connB}:in:b-after`]);
    expect((await texts(all)).sort()).toEqual(
      [`${connA}:out:a-after`, `${connA}:in:a-after`, `${connB}:out:b-after`, `${connB}:in:b-after`].sort(),
    );
  });

  it('keeps every attempt of a reconnecting session, and names single connections', async () => {
    let dropped = 0;
    server = await startTestServer((ws) => {
      ws.on('message', (data, isBinary) => {
        ws.send(data, { binary: isBinary });
        // The first connection is cut after its first echo: the session reconnects.
        if (dropped === 0) {
          dropped += 1;
          setImmediate(() => (ws as unknown as { _socket: Socket })._socket.destroy());
        }
      });
    });
    engine = createEngine({ random: () => 0 });
    const log = new EventLog(engine);
    const other = engine.connect({ url: `${server.url}/other` });
    await engine.opened(other);
    const otherConn = log.of('connecting')[0]!.conn;
    const id = engine.connect({ url: `${server.url}/flaky`, reconnect: { initialDelay: 10, maxDelay: 20 } });
    const session = join(dir, 'session.jsonl');
    const single = join(dir, 'single.jsonl');
    const rec = await engine.startRecording(session, { sessions: [id] });
    const recOther = await engine.startRecording(single, { conns: [otherConn] });
    await engine.opened(id);
    await engine.send(id, { kind: 'text', text: 'first' });
    const second = await log.waitFor('open', (e) => e.conn !== otherConn && log.of('reconnect').length > 0);
    await engine.send(id, { kind: 'text', text: 'second' });
    await log.waitFor('message', (m) => m.conn === second.conn && m.dir === 'in' && m.text === 'second');
    await engine.send(other, { kind: 'text', text: 'other' });
    await log.waitFor('message', (m) => m.conn === otherConn && m.dir === 'in');
    engine.close(id);
    await engine.done(id);
    await Promise.all([rec.stop(), recOther.stop()]);

    const attempts = log
      .of('connecting')
      .filter((c) => c.session === id)
      .map((c) => c.conn);
    expect(attempts.length).toBe(2);
    const read = await readRecordingEvents(session);
    // The first attempt was already connecting when the recording began: the header names it.
    expect(read.header.connections.map((c) => c.conn)).toEqual([attempts[0]]);
    expect(read.events.filter((e) => e.type === 'connecting').map((e) => e.conn)).toEqual([attempts[1]]);
    expect(read.events.some((e) => e.type === 'reconnect')).toBe(true);
    expect(read.events.some((e) => e.type === 'session-end')).toBe(true);
    expect(await texts(session)).toEqual([
      `${attempts[0]}:out:first`,
      `${attempts[0]}:in:first`,
      `${attempts[1]}:out:second`,
      `${attempts[1]}:in:second`,
    ]);
    expect(await texts(single)).toEqual([`${otherConn}:out:other`, `${otherConn}:in:other`]);
  });

  it('refuses a scope that names nothing', async () => {
    engine = createEngine();
    await expect(engine.startRecording(join(dir, 'x.jsonl'), {})).rejects.toThrow(/session or a connection/);
  });
});
