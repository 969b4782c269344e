// wstap → HAR → wstap is lossless: a real session against gorilla/websocket's echo server (text,
// binary, fragments both ways, compression, a ping, a 4000 close) recorded by the engine, converted
// to HAR and back by the `wstap convert` binary, gives the same file byte for byte, and `wstap show`
// prints the same for both. The HAR has every field Chrome DevTools' importer requires.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEngine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { buildCliOnce, runBin } from '../../main/cli/bin.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import type { RunningPeer } from '../peers/process.js';

const peers = await requirePeers('go');

let dir: string;
let peer: RunningPeer;
let recording: string;

beforeAll(async () => {
  if (!peers.ok) return;
  dir = await mkdtemp(join(tmpdir(), 'wstap-har-round-'));
  [peer] = await Promise.all([startGoPeer('echo', ['-compress']), buildCliOnce()]);
  const engine = createEngine();
  const log = new EventLog(engine);
  recording = join(dir, 'session.jsonl');
  const active = await engine.startRecording(recording);
  const id = engine.connect({
    url: `ws://127.0.0.1:${peer.port}/echo?room=blue`,
    perMessageDeflate: { threshold: 16 },
  });
  await engine.opened(id);
  const echoed = (test: (m: { text?: string; opcodeName: string }) => boolean) =>
    log.waitFor('message', (m) => m.dir === 'in' && test(m));
  await engine.send(id, { kind: 'text', text: 'short' });
  await echoed((m) => m.text === 'short');
  await engine.send(
    id,
    { kind: 'binary', bytes: Uint8Array.from({ length: 300 }, (_, i) => i % 256) },
    { fragments: 3, compress: false },
  );
  await echoed((m) => m.opcodeName === 'binary');
  await engine.send(id, { kind: 'text', text: 'compress me '.repeat(50) });
  await echoed((m) => m.text === 'compress me '.repeat(50));
  // gorilla writes these three frames itself: a fragmented message from the server.
  await engine.send(id, { kind: 'text', text: 'frag:3:abcdefghi' });
  await echoed((m) => m.text === 'abcdefghi');
  engine.ping(id, 'rtt?');
  await log.waitFor('rtt');
  await engine.send(id, { kind: 'text', text: 'close:4000:room closed' });
  await engine.done(id);
  await active.stop();
  await engine.dispose();
});
afterAll(async () => {
  await peer?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A `_webSocketMessages` item as wstap writes it. */
interface HarMessage {
  readonly type: string;
  readonly time: number;
  readonly opcode: number;
  readonly data: string;
  readonly _frames?: readonly { readonly fin: boolean; readonly opcode: number; readonly masked: boolean }[];
  readonly _compressed?: boolean;
}

/** What Chrome DevTools' HAR importer (front_end/models/har/HARFormat.ts) throws on: missing dates and numbers. */
function chromeImportProblems(har: { log: { entries: Record<string, unknown>[] } }): string[] {
  const problems: string[] = [];
  const number = (value: unknown, where: string): void =>
    void (Number.isNaN(Number(value)) || value === undefined ? problems.push(where) : null);
  har.log.entries.forEach((entry, i) => {
    const at = `entries[${i}]`;
    if (Number.isNaN(new Date(entry.startedDateTime as string).getTime()))
      problems.push(`${at}.startedDateTime`);
    number(entry.time, `${at}.time`);
    const request = entry.request as Record<string, unknown>;
    const response = entry.response as Record<string, unknown>;
    const timings = entry.timings as Record<string, unknown>;
    for (const name of ['headersSize', 'bodySize']) number(request[name], `${at}.request.${name}`);
    for (const name of ['status', 'headersSize', 'bodySize'])
      number(response[name], `${at}.response.${name}`);
    number((response.content as Record<string, unknown>).size, `${at}.response.content.size`);
    for (const name of ['send', 'wait', 'receive']) number(timings[name], `${at}.timings.${name}`);
  });
  return problems;
}

describeWithPeers(peers, 'wstap → HAR → wstap with a gorilla/websocket session', () => {
  it('gives back the recording byte for byte, and wstap show prints the same', async () => {
    const har = join(dir, 'session.har');
    const back = join(dir, 'back.jsonl');
    const toHar = await runBin(['convert', recording, har]);
    expect(toHar).toMatchObject({ code: 0, stdout: '' });
    expect(toHar.stderr).toMatch(
      /^wrote .*session\.har: har, 1 connection, 9 messages from wstap recording\n$/,
    );
    expect((await runBin(['convert', har, back])).code).toBe(0);
    expect(await readFile(back, 'utf8')).toBe(await readFile(recording, 'utf8'));
    for (const flags of [[], ['--frames', '-P', '-i'], ['--json'], ['--stats']]) {
      const [a, b] = await Promise.all([
        runBin(['show', recording, ...flags]),
        runBin(['show', back, ...flags]),
      ]);
      // --stats names the file it read; everything else is the same.
      expect({ ...b, stdout: b.stdout.replace(back, recording) }).toEqual(a);
      expect(a.stdout.length).toBeGreaterThan(100);
    }
  });

  it('writes what Chrome reads: websocket entries, messages in seconds, wstap extras beside them', async () => {
    const har = join(dir, 'chrome.har');
    expect((await runBin(['convert', recording, har])).code).toBe(0);
    const parsed = JSON.parse(await readFile(har, 'utf8'));
    expect(chromeImportProblems(parsed)).toEqual([]);
    expect(parsed.log).toMatchObject({ version: '1.2', creator: { name: 'wstap' } });
    const [entry] = parsed.log.entries;
    expect(entry).toMatchObject({
      _resourceType: 'websocket',
      request: { method: 'GET', url: `ws://127.0.0.1:${peer.port}/echo?room=blue` },
      response: { status: 101 },
    });
    expect(entry._closeInitiator).toBe('server');
    expect([entry._closeCode, entry._closeReason]).toEqual([4000, 'room closed']);
    const messages = entry._webSocketMessages as HarMessage[];
    // short, binary, compressed (each echoed), the frag command and gorilla's 3-frame answer, the close command.
    // (A compressed message's event comes when the tap has inflated it, so a quick answer may come first.)
    const side = (type: string): string[] =>
      messages.filter((m) => m.type === type).map((m) => `${m.opcode}:${m.data.slice(0, 9)}`);
    expect(side('send')).toEqual(['1:short', '2:AAECAwQFB', '1:compress ', '1:frag:3:ab', '1:close:400']);
    expect(side('receive')).toEqual(['1:short', '2:AAECAwQFB', '1:compress ', '1:abcdefghi']);
    const started = Date.parse(entry.startedDateTime) / 1000;
    for (const m of messages) expect(m.time - started).toBeGreaterThanOrEqual(-0.001);
    const fragmented = messages.find((m) => m._frames?.length === 3 && m.type === 'send');
    expect(fragmented?._frames?.map((f) => [f.fin, f.opcode, f.masked])).toEqual([
      [false, 2, true],
      [false, 0, true],
      [true, 0, true],
    ]);
    expect(messages.find((m) => m._compressed === true && m.type === 'receive')).toBeDefined();
    expect(entry._wstapTimeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['connecting', 'upgrade-request', 'upgrade-response', 'open', 'rtt', 'closed']),
    );
  });

  it('picks one format by extension or --to, and refuses what it cannot write', async () => {
    const messages = await runBin(['convert', recording, '-', '--to', 'messages']);
    expect(messages.code).toBe(0);
    const lines = messages.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      lines.filter((line) => line.from === 'server').map((line) => line.text ?? line.base64.slice(0, 8)),
    ).toEqual(['short', 'AAECAwQF', 'compress me '.repeat(50), 'abcdefghi']);
    expect(lines.filter((line) => line.from === 'client')).toHaveLength(5);
    const unknown = await runBin(['convert', recording, join(dir, 'out.txt')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^wstap: cannot tell the output format from the name '.*out\.txt': name it with one of \.har, .*--to har\|wstap\|messages\|k6\|playwright\|mock\n$/,
    );
    const noConn = await runBin(['convert', recording, join(dir, 'x.har'), '--connection', '7']);
    expect(noConn).toMatchObject({
      code: 2,
      stderr: 'wstap: --connection 7: no such connection; the file has 1\n',
    });
  });
});
