import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { harText, toHar } from '../../../shared/interchange/har/har-write.js';
import { recordingEvents, recordingFileBytes } from '../../../shared/interchange/recording-text.js';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { loadInterchange } from './load-interchange.js';
import { readRecordingEvents } from '../recording/recording-reader.js';
import { loadConversation } from './load-conversation.js';

let dir: string;
let server: TestServer;
let recordingPath: string;

/** A real session through the engine: compressed text, fragmented binary, a ping, a server close 4000; then a second connection. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wstap-interchange-'));
  server = await startTestServer(echo, { perMessageDeflate: { threshold: 0 } });
  const engine = createEngine();
  const log = new EventLog(engine);
  recordingPath = join(dir, 'session.jsonl');
  const recording = await engine.startRecording(recordingPath);
  const id = engine.connect({ url: `${server.url}/chat?room=red`, perMessageDeflate: { threshold: 0 } });
  await engine.opened(id);
  await engine.send(id, { kind: 'text', text: 'hello '.repeat(10) });
  await engine.send(
    id,
    { kind: 'binary', bytes: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
    { fragments: 2, compress: false },
  );
  engine.ping(id, 'rtt');
  await log.waitFor('rtt');
  await engine.send(id, { kind: 'text', text: 'close:4000:room closed' });
  await engine.done(id);
  const second = engine.connect({ url: `${server.url}/second` });
  await engine.opened(second);
  await engine.send(second, { kind: 'text', text: 'second' });
  await log.waitFor('message', (m) => m.conn === second && m.dir === 'in');
  engine.close(second, { code: 1000, reason: 'bye' });
  await engine.done(second);
  await recording.stop();
  await engine.dispose();
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function exportHar(
  name: string,
  edit?: (har: { log: { entries: { _webSocketMessages: { data: string }[] }[] } }) => void,
): Promise<string> {
  const read = await loadInterchange(recordingPath, { recordingText: true });
  const har = JSON.parse(
    harText(toHar(read.conversation, { tool: 'wstap 0.1.0', recording: read.recording })),
  );
  edit?.(har);
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(har));
  return path;
}

const modelOf = (c: Conversation): unknown => c.connections.map(({ sourceFields: _s, ...rest }) => rest);

describe('wstap recording → HAR → wstap recording', () => {
  it('gives back the recording byte for byte and the same conversation', async () => {
    const original = await readFile(recordingPath);
    const back = await loadInterchange(await exportHar('round.har'));
    expect(back.kind).toBe('har');
    expect(back.conversation.source).toBe('har-wstap');
    expect(back.conversation.warnings).toEqual([]);
    expect(Buffer.from(recordingFileBytes(back.recording!))).toEqual(original);
    const direct = await loadConversation(recordingPath);
    expect(modelOf(back.conversation)).toEqual(modelOf(direct));
    // The session had what a lossless trip must carry: compression, fragments, a 4000 close.
    const [first] = direct.connections;
    expect(first?.messages.some((m) => m.compressed === true)).toBe(true);
    expect(first?.messages.some((m) => (m.frames?.length ?? 0) === 2)).toBe(true);
    expect(first?.close).toMatchObject({ initiator: 'server', code: 4000, reason: 'room closed' });
  });

  it('takes edited messages over the embedded recording, and says so', async () => {
    const path = await exportHar('edited.har', (har) => {
      const message = har.log.entries[0]?._webSocketMessages[0];
      if (message) message.data = 'edited by hand';
    });
    const back = await loadInterchange(path);
    expect(back.conversation.warnings).toEqual([
      expect.stringMatching(
        /^log\.entries\[0\]\._webSocketMessages differs from the wstap recording.*connection 1/,
      ),
    ]);
    const [first, second] = back.conversation.connections;
    expect(first?.messages[0]).toMatchObject({ from: 'client', opcode: 'text', text: 'edited by hand' });
    expect(first?.messages.slice(1).map((m) => m.text ?? m.base64)).toEqual(
      (await loadConversation(recordingPath)).connections[0]?.messages
        .slice(1)
        .map((m) => m.text ?? m.base64),
    );
    // The rewritten recording reads back to the edited messages; the other connection keeps its wire records.
    const events = recordingEvents(back.recording!).events;
    expect(events.find((e) => e.type === 'message' && e.conn === 1)).toMatchObject({
      text: 'edited by hand',
      dir: 'out',
    });
    expect(events.some((e) => e.type === 'frame' && e.conn === 1)).toBe(false);
    // Its timeline stays as recorded: the round trip, the close verdict; sequence numbers counted again.
    const original = (await loadInterchange(recordingPath)).conversation;
    const recorded = (await readRecordingEvents(recordingPath)).events.filter(
      (e) => e.conn === 1 && e.type !== 'frame' && e.type !== 'message',
    );
    const kept = events.filter((e) => e.conn === 1 && e.type !== 'message');
    expect(kept.map(({ seq: _s, ...e }) => e)).toEqual(recorded.map(({ seq: _s, ...e }) => e));
    expect(kept.map((e) => e.type)).toEqual(
      expect.arrayContaining(['tcp', 'upgrade-response', 'open', 'rtt', 'closed']),
    );
    expect(events.filter((e) => e.conn === 1).map((e) => e.seq)).toEqual(
      events.filter((e) => e.conn === 1).map((_e, i) => i),
    );
    expect(first?.close).toEqual(original.connections[0]?.close);
    expect(events.some((e) => e.type === 'frame' && e.conn === second?.id)).toBe(true);
  });
});

describe('loadInterchange', () => {
  it('reads a zlib-compressed HAR (mitmproxy .zhar) like the plain one', async () => {
    const plain = await exportHar('plain.har');
    const zhar = join(dir, 'flows.zhar');
    await writeFile(zhar, deflateSync(await readFile(plain), { level: 9 }));
    expect(Buffer.from(recordingFileBytes((await loadInterchange(zhar)).recording!))).toEqual(
      await readFile(recordingPath),
    );
  });

  it('says what is wrong with files it cannot read', async () => {
    const write = async (name: string, content: string | Uint8Array): Promise<string> => {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    };
    const zip = await write('x.zip', Buffer.from('PK\x03\x04rest', 'latin1'));
    await expect(loadInterchange(zip)).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringMatching(/zip archive .*unzip it/),
    });
    const text = await write('notes.txt', 'hello\n');
    await expect(loadInterchange(text)).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      message: expect.stringMatching(/notes\.txt is not a file wstap can read/),
    });
    await expect(loadInterchange(join(dir, 'missing.har'))).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringMatching(/no such file/),
    });
    const broken = await write('broken.har', '{"log": {"entries": [');
    await expect(loadInterchange(broken)).rejects.toMatchObject({
      message: expect.stringMatching(/broken\.har: not JSON/),
    });
    const attach = {
      log: {
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            _resourceType: 'websocket',
            request: { url: 'ws://h/' },
            response: { status: 101, content: { _file: 'gone.jsonl' } },
          },
        ],
      },
    };
    await expect(loadInterchange(await write('attach.har', JSON.stringify(attach)))).rejects.toMatchObject({
      message: expect.stringMatching(
        /gone\.jsonl \(response\.content\._file\), which cannot be read next to the HAR: .*no such file/,
      ),
    });
    attach.log.entries[0]!.response.content._file = '../../etc/passwd.jsonl';
    await expect(loadInterchange(await write('escape.har', JSON.stringify(attach)))).rejects.toMatchObject({
      message: expect.stringMatching(/outside the HAR's directory/),
    });
  });
});
