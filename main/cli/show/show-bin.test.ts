// `wstap show` end to end: the real binary records a session against a ws server on 127.0.0.1
// (port 0) with `connect --record`, then `show` prints the recording; what show prints must be
// what connect printed live, in every format.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { echo, startTestServer, type TestServer } from '../../engine/client/ws-server.test-util.js';
import { readRecordingEvents } from '../../engine/recording/recording-reader.js';
import { asVersion1, recordTexts } from '../../engine/recording/recording.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';
import type { ShowStats } from './show-stats.js';

let server: TestServer | null = null;
const dir = mkdtempSync(join(tmpdir(), 'wstap-show-'));
let files = 0;
beforeAll(() => buildCliOnce(), 180_000);
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the session sends: text, JSON, binary, a ping of ours (a round trip), a fragmented message. */
const INPUT =
  'hello\n{"op":"subscribe","topic":"prices"}\n/binary 89504e470d0a1a0a\n/ping rtt?\n/frag 3 one two three\n';

/** Runs `connect --record` with these output flags and returns the recording and what connect printed. */
async function record(
  url: string,
  output: string[],
): Promise<{ file: string; stdout: string; stderr: string }> {
  const file = join(dir, `session-${++files}.jsonl`);
  const run = await runBin(['connect', url, '--slash', '-w', '0.3', '--record', file, ...output], {
    input: INPUT,
  });
  expect(run.code).toBe(0);
  return { file, stdout: run.stdout, stderr: run.stderr };
}

describe('wstap show: the same output as the live session', () => {
  it('--json: show prints the recording of a run exactly as connect --json printed it, line for line', async () => {
    server = await startTestServer(echo, { perMessageDeflate: true });
    const live = await record(server.url, ['--json']);
    const shown = await runBin(['show', live.file, '--json']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    const lines = shown.stdout.trimEnd().split('\n');
    expect(lines).toEqual(live.stdout.trimEnd().split('\n'));
    const events = lines.map((line) => JSON.parse(line) as SessionEvent);
    const types = new Set(events.map((e) => e.type));
    for (const type of ['connecting', 'open', 'frame', 'message', 'rtt', 'closed'])
      expect(types).toContain(type);
    const received = events.filter((e) => e.type === 'message' && e.dir === 'in');
    expect(received.map((m) => (m.type === 'message' ? [m.text ?? m.base64, m.compressed] : null))).toEqual([
      ['hello', true],
      ['{"op":"subscribe","topic":"prices"}', true],
      ['iVBORw0KGgo=', true],
      ['one two three', true],
    ]);
  });

  it('human, --pretty -P and --frames: the same stdout and stderr lines as connect printed live', async () => {
    server = await startTestServer(echo, { perMessageDeflate: true });
    for (const flags of [[], ['--pretty', '-P'], ['--frames', '-P', '-i']]) {
      const live = await record(server.url, flags);
      const shown = await runBin(['show', live.file, ...flags]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toBe(live.stdout);
      expect(shown.stderr).toBe(live.stderr);
    }
    const live = await record(server.url, []);
    expect(live.stdout).toMatch(
      /^> \+\d\.\d{3}s \[binary 8 B, \d+ B on the wire\] 89 50 4e 47 0d 0a 1a 0a$/m,
    );
    expect(live.stdout).toMatch(/^< \+\d\.\d{3}s \[text 13 B, \d+ B on the wire\] one two three$/m);
  });

  it('--stats: counts, bytes, round trips and the close verdict agree with the events', async () => {
    server = await startTestServer(echo, { perMessageDeflate: true });
    const { file } = await record(server.url, []);
    const { events } = await readRecordingEvents(file);
    const run = await runBin(['show', file, '--stats', '--json']);
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout) as ShowStats;
    const closed = events.find((e) => e.type === 'closed');
    if (closed?.type !== 'closed') throw new Error('the session has no closed event');
    const of = <T extends SessionEvent['type']>(type: T) =>
      events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
    for (const dir of ['in', 'out'] as const) {
      const messages = of('message').filter((m) => m.dir === dir);
      const frames = of('frame').filter((f) => f.dir === dir);
      expect(stats[dir].messages).toEqual({
        total: messages.length,
        text: messages.filter((m) => m.opcodeName === 'text').length,
        binary: messages.filter((m) => m.opcodeName === 'binary').length,
      });
      expect(stats[dir].frames.total).toBe(frames.length);
      for (const [name, count] of Object.entries(stats[dir].frames.byOpcode)) {
        expect(frames.filter((f) => f.opcodeName === name)).toHaveLength(count);
      }
      expect(stats[dir].payloadBytes).toBe(messages.reduce((n, m) => n + m.size, 0));
      // The engine's own byte count on the closed event: the bytes after the HTTP head.
      expect(stats[dir].wireBytes).toBe(dir === 'in' ? closed.bytesIn : closed.bytesOut);
    }
    expect(stats.out.messages).toEqual({ total: 4, text: 3, binary: 1 });
    expect(stats.out.frames.byOpcode).toMatchObject({
      text: 3,
      continuation: 2,
      binary: 1,
      ping: 1,
      close: 1,
    });
    const rtt = of('rtt')[0]?.rtt;
    expect(stats.rtt).toEqual({ count: 1, min: rtt, median: rtt, p95: rtt, max: rtt });
    expect(stats.closes).toEqual([
      { conn: 1, code: 1000, initiator: 'us', durationMs: closed.duration, explanation: closed.explanation },
    ]);
    expect(stats.violations).toEqual({});

    const human = await runBin(['show', file, '--stats']);
    expect(human.stdout).toMatch(/^messages {19}4 {11}4$/m);
    expect(human.stdout).toMatch(/^round trips {5}1: min [\d.]+ ms/m);
    expect(human.stdout).toContain(`: ${closed.explanation}\n`);
    expect(human.stdout).toMatch(/^closed {10}after [\d.]+ m?s: we closed with 1000 Normal Closure/m);
  });

  it('filters pick frames and messages; the timeline stays', async () => {
    server = await startTestServer(echo);
    const { file } = await record(server.url, []);
    const received = await runBin(['show', file, '--dir', 'in']);
    expect(
      received.stdout
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('< ')),
    ).toBe(true);
    expect(received.stderr).toContain('closed: we closed with 1000');
    const grep = await runBin(['show', file, '--grep', '/PRICES/i', '--json']);
    const kinds = grep.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as SessionEvent)
      .filter((e) => e.type === 'frame' || e.type === 'message');
    expect(kinds.map((e) => `${e.type} ${'dir' in e ? e.dir : ''}`)).toEqual([
      'frame out',
      'message out',
      'frame in',
      'message in',
    ]);
    const pings = await runBin(['show', file, '--frames', '-P', '--opcode', 'ping,pong']);
    expect(pings.stdout).toMatch(
      /^> \+\d\.\d{3}s FIN op=ping mask=[0-9a-f]{8} len=4\/7-bit {2}"rtt\?"\n< \+\d\.\d{3}s FIN op=pong unmasked len=4\/7-bit {2}"rtt\?"\n$/,
    );
  });

  it('--conn picks one attempt of a reconnecting session', async () => {
    let attempts = 0;
    server = await startTestServer(echo, {}, (_request, socket) => {
      if (++attempts > 1) return false;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy');
      return true;
    });
    const file = join(dir, 'reconnect.jsonl');
    const run = await runBin([
      'connect',
      server.url,
      '--reconnect',
      '-x',
      'again',
      '--expect',
      'again',
      '--record',
      file,
    ]);
    expect(run.code).toBe(0);
    const first = await runBin(['show', file, '--conn', '1']);
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toContain('< HTTP/1.1 503 Service Unavailable\n');
    expect(first.stderr).toMatch(/^reconnecting in [\d.]+ m?s \(attempt 2\)$/m);
    expect(first.stderr).not.toContain('connected in');
    const second = await runBin(['show', file, '--conn', '2', '--json']);
    const events = second.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as SessionEvent);
    expect(new Set(events.map((e) => e.conn))).toEqual(new Set([2]));
    expect(events[0]).toMatchObject({ type: 'connecting', attempt: 2 });
    const stats = JSON.parse((await runBin(['show', file, '--stats', '--json'])).stdout) as ShowStats;
    expect(stats.connections).toEqual([1, 2]);
    expect(stats.closes.map((c) => c.conn)).toEqual([1, 2]);
  });
});

describe('wstap show: broken files', () => {
  it('a corrupt line exits 2 with one line naming it, after printing what came before', async () => {
    server = await startTestServer(echo);
    const { file, stdout } = await record(server.url, []);
    // Edited as text: the same records as a version 1 file (wire bytes as base64 in the line).
    const lines = await asVersion1(file);
    const bad = lines.findIndex((line) => line.startsWith('{"type":"wire","conn":1,"dir":"in"'));
    lines[bad] = (lines[bad] as string).replace(
      /"frames":(\d+)/,
      (_, n: string) => `"frames":${Number(n) + 1}`,
    );
    writeFileSync(file, lines.join('\n'));
    const run = await runBin(['show', file]);
    expect(run.code).toBe(2);
    // Everything wstap sent before the server's first bytes is shown.
    expect(stdout.startsWith(run.stdout)).toBe(true);
    expect(run.stdout).toContain('[text 5 B] hello');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^wstap: ${file.replace(/[.\\/]/g, '\\$&')}, line ${bad + 1}: wire record of connection 1 direction in says its \\d+ bytes completed \\d+ frames; decoding them completed \\d+ \\(RECORDING_FRAME_MISMATCH\\)$`,
      ),
    );
  });

  it('a last line cut mid-write: everything before it, a note on stderr, exit 0; a missing file exits 2', async () => {
    server = await startTestServer(echo);
    const { file, stdout } = await record(server.url, []);
    const text = readFileSync(file);
    writeFileSync(file, text.subarray(0, text.length - 40));
    const run = await runBin(['show', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(stdout);
    const cutLine = (await recordTexts(file)).length;
    expect(run.stderr).toMatch(
      new RegExp(
        `the recording ends with a cut line ${cutLine} \\(\\d+ B\\): the writer was killed mid-write\\n$`,
      ),
    );
    const missing = await runBin(['show', join(dir, 'missing.jsonl')]);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: `wstap: cannot read the recording ${join(dir, 'missing.jsonl')}: no such file\n`,
    });
  });
});
