import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-util.js';

let dir: string;
let har: string;
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

/** A DevTools-style HAR file with two WebSocket entries; the second has an error frame. */
function devtoolsHar(): unknown {
  const entry = (url: string, messages: unknown[]): unknown => ({
    startedDateTime: new Date(T0).toISOString(),
    time: 1,
    _resourceType: 'websocket',
    request: { method: 'GET', url, headers: [{ name: 'Upgrade', value: 'websocket' }] },
    response: { status: 101, headers: [] },
    timings: { send: 0, wait: 0, receive: 0 },
    _webSocketMessages: messages,
  });
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      entries: [
        entry('wss://a.example/ws', [
          { type: 'send', time: T0 / 1000 + 0.01, opcode: 1, data: 'ping?' },
          { type: 'receive', time: T0 / 1000 + 0.02, opcode: 1, data: 'pong!' },
        ]),
        entry('wss://b.example/ws', [
          { type: 'receive', time: T0 / 1000 + 0.5, opcode: 2, data: 'AAE=' },
          { type: 'error', time: T0 / 1000 + 0.6, opcode: -1, data: 'net::ERR_FAILED' },
        ]),
      ],
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wstap-convert-'));
  har = join(dir, 'devtools.har');
  await writeFile(har, JSON.stringify(devtoolsHar()));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('wstap convert', () => {
  it('turns a DevTools HAR into a recording wstap show prints, with warnings on stderr', async () => {
    const out = join(dir, 'chat.jsonl');
    const run = await runCli(['convert', har, out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      'warning: log.entries[1]._webSocketMessages[1]: an error, not a message (net::ERR_FAILED): left out',
      `wrote ${out}: wstap, 2 connections, 3 messages from har chrome`,
      '',
    ]);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toMatch(
      /^\{"format":"wstap-recording","version":1,"tool":"wstap [^"]+","startedAt":"2026-03-01T10:00:00.000Z"/,
    );
    const show = await runCli(['show', out, '--no-color']);
    expect(show.stdout.split('\n')).toEqual([
      '> +0.010s [text 5 B] ping?',
      '< +0.020s [text 5 B] pong!',
      '< +0.500s [binary 2 B] 00 01',
      '',
    ]);
  });

  it('writes to standard output with --to, one connection with --connection', async () => {
    const run = await runCli(['convert', har, '-', '--to', 'messages', '--connection', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"conn":2,"from":"server","t":500,"opcode":"binary","base64":"AAE="}\n');
    const harOut = await runCli(['convert', har, '-', '--to', 'har', '--connection', '1']);
    expect(
      JSON.parse(harOut.stdout).log.entries.map((e: { request: { url: string } }) => e.request.url),
    ).toEqual(['wss://a.example/ws']);
  });

  it('refuses with exit 2 and one line: a file it cannot read, a wrong --from, a missing connection', async () => {
    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'hello');
    const cases: [string[], RegExp][] = [
      [
        ['convert', notes, join(dir, 'x.har')],
        /^wstap: .*notes\.txt is not a file wstap can read: expected a wstap recording/,
      ],
      [
        ['convert', har, join(dir, 'x.jsonl'), '--from', 'mitmproxy'],
        /^wstap: --from says mitmproxy flows, but .*devtools\.har is har chrome\n$/,
      ],
      [
        ['convert', har, join(dir, 'x.jsonl'), '--connection', '9'],
        /^wstap: --connection 9: no such connection; the file has 1, 2\n$/,
      ],
      [
        ['convert', join(dir, 'missing.har'), join(dir, 'x.jsonl')],
        /^wstap: cannot read .*missing\.har: no such file\n$/,
      ],
      [['convert', har, join(dir, 'no-such-dir', 'x.jsonl')], /^wstap: cannot write .*x\.jsonl: ENOENT/],
    ];
    for (const [argv, stderr] of cases) {
      const run = await runCli(argv);
      expect({ argv, code: run.code, stdout: run.stdout }).toEqual({ argv, code: 2, stdout: '' });
      expect(run.stderr).toMatch(stderr);
      expect(run.stderr).not.toMatch(/\n {4}at /);
    }
  });
});
