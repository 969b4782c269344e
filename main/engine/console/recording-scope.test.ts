import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { readRecordingEvents } from '../recording/recording-reader.js';
import { hasFlag, startTestConsole, type TestConsole } from './console.test-util.js';
import { scopeName } from './recording-files.js';

let console_: TestConsole | null = null;
let wss: WebSocketServer | null = null;
afterEach(async () => {
  await console_?.close();
  console_ = null;
  await new Promise((resolve) => (wss === null ? resolve(null) : wss.close(resolve)));
  wss = null;
});

async function echoUrl(): Promise<string> {
  const server = (wss = new WebSocketServer({ host: '127.0.0.1', port: 0 }));
  server.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
  await new Promise((resolve) => server.once('listening', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
}

/** Sends `text` on a session and waits for its echo's row. */
async function roundTrip(c: TestConsole, session: number, conn: number, text: string): Promise<void> {
  await c.value('session.send', { session, message: { kind: 'text', text } });
  await c.until(
    () => c.rows.some((r) => r.conn === conn && hasFlag(r, ROW_FLAG.IN) && r.preview === text),
    text,
  );
}

describe('recording single sessions in the console', () => {
  it('records one session beside an all-connections recording; batches push the list as it changes', async () => {
    const c = (console_ = await startTestConsole());
    const url = await echoUrl();
    const a = await c.connect({ url });
    const b = await c.connect({ url });
    const one = await c.value('recording.start', { sessions: [b.session] });
    expect(one.active).toHaveLength(1);
    const [onlyB] = one.active;
    expect(onlyB!.scope).toEqual({ sessions: [b.session], conns: [] });
    expect(onlyB!.path).toMatch(new RegExp(`-${scopeName([b.session], [])}\\.jsonl$`));
    await c.until(() => c.batches.some((x) => x.recordings?.length === 1), 'the pushed list');
    const both = await c.value('recording.start', { path: join(c.dir, 'all.jsonl') });
    expect(both.active.map((r) => r.scope)).toEqual([onlyB!.scope, null]);
    // The same file twice is refused: two writers would interleave their lines.
    const twice = await c.call('recording.start', { path: join(c.dir, 'all.jsonl'), conns: [a.conn] });
    expect(twice.ok ? null : twice.error).toMatchObject({ code: 'RECORDING_BUSY' });

    await roundTrip(c, a.session, a.conn, 'from a');
    await roundTrip(c, b.session, b.conn, 'from b');
    const stopped = await c.value('recording.stop', { recording: onlyB!.recording });
    expect(stopped).toMatchObject({ last: onlyB!.path });
    expect(stopped.active.map((r) => r.path)).toEqual([join(c.dir, 'all.jsonl')]);
    const pushed = () => c.batches.filter((x) => x.recordings !== undefined).at(-1)?.recordings;
    await c.until(() => pushed()?.length === 1 && pushed()![0]!.scope === null, 'the list after stop');
    await c.value('recording.stop', { recording: both.active[1]!.recording });

    const readB = await readRecordingEvents(onlyB!.path);
    expect(new Set(readB.events.map((e) => e.conn))).toEqual(new Set([b.conn]));
    const frames = (events: typeof readB.events) =>
      events.flatMap((e) => (e.type === 'frame' && e.opcode === 1 ? [`${e.conn}:${e.dir}:${e.text}`] : []));
    expect(frames(readB.events)).toEqual([`${b.conn}:out:from b`, `${b.conn}:in:from b`]);
    // Opened, a connection that was open before the recording began still gets its URL and sidebar entry.
    const opened = await c.value('recording.open', { path: onlyB!.path });
    expect(opened.connections).toMatchObject([{ recorded: b.conn, url, messages: 2 }]);
    const connecting = await c.event('connecting', (e) => e.conn === opened.connections[0]!.conn);
    expect(connecting).toMatchObject({ url, role: 'client', attempt: 1 });
    const readAll = await readRecordingEvents(join(c.dir, 'all.jsonl'));
    expect(frames(readAll.events).sort()).toEqual(
      [`${a.conn}:out:from a`, `${a.conn}:in:from a`, `${b.conn}:out:from b`, `${b.conn}:in:from b`].sort(),
    );
  });

  it('refuses ids that are not numbers and a file it cannot write, with nothing left running', async () => {
    const c = (console_ = await startTestConsole());
    const bad = await c.call('recording.start', { sessions: ['1'] } as never);
    expect(bad.ok ? null : bad.error.code).toBe('BAD_INPUT');
    const file = join(c.dir, 'a-file');
    await writeFile(file, 'not a folder');
    const refused = await c.call('recording.start', { path: join(file, 'x.jsonl'), conns: [1] });
    expect(refused.ok ? null : refused.error.code).toBe('RECORDING_FILE');
    expect((await c.value('recording.status', null)).active).toEqual([]);
  });
});
