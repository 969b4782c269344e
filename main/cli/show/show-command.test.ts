// `wstap show` in-process on recordings written by the recording writer: the formats, --stats,
// and what a corrupt, cut-short, foreign or missing file does.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleSession, type SessionSim } from '../../../shared/record/session-sim.test-util.js';
import {
  asVersion1,
  recordTexts,
  tempDir,
  writeSession,
} from '../../engine/recording/recording.test-util.js';
import { runCli } from '../run-cli.test-util.js';

let dir: string;
let cleanup: () => Promise<void>;
let sim: SessionSim;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  sim = exampleSession((bytes) => [bytes.subarray(0, 7), bytes.subarray(7)]);
  file = join(dir, 'session.jsonl');
  await writeSession(file, sim);
});
afterEach(() => cleanup());

const show = (...args: string[]) => runCli(['show', file, ...args]);

describe('wstap show', () => {
  it('--json prints every event of the session, one per line, frames derived from the wire bytes', async () => {
    const run = await show('--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(sim.expected);
  });

  it('prints messages and closes on stdout and the timeline on stderr, like connect', async () => {
    const run = await show();
    expect(run.code).toBe(0);
    // The sim's clock ticks 0.125 ms: every stamp rounds to +0.001s.
    expect(run.stdout.split('\n')).toEqual([
      '> +0.001s ✗ frame FIN RSV2 op=text mask=55667788 len=8/7-bit  "rsv2 set"',
      '   ✗ RSV_NOT_NEGOTIATED: RSV bit set without a negotiated extension that defines it: RSV2 — a strict peer closes with 1002 (RFC 6455 §5.2)',
      '> +0.001s close 1000 Normal Closure "bye"',
      '> +0.001s [text 5 B] hello',
      '> +0.001s [binary 300 B] 07 26 45 64 83 a2 c1 e0 ff 1e 3d 5c 7b 9a b9 d8 …',
      '> +0.001s [text 34 B, 3 frames] part one, part two, part three ✓',
      '> +0.001s [text 8 B] rsv2 set',
      '< +0.001s close 1000 Normal Closure',
      '< +0.001s [text 39 B] {"type":"welcome","users":["ana","bo"]}',
      '< +0.001s [binary 70000 B] 03 22 41 60 7f 9e bd dc fb 1a 39 58 77 96 b5 d4 …',
      '< +0.001s [binary 40 B, 3 frames] 09 28 47 66 85 a4 c3 e2 01 20 3f 5e 7d 9c bb da …',
      '< +0.001s [text 22 B] héllo ✓ 中文 😀',
      '',
    ]);
    expect(run.stderr).toBe(
      'connecting to ws://127.0.0.1:8080/chat\nconnected in 1.5 ms\nerror SOCKET_ERROR: line one\nline two "quoted"\n',
    );
  });

  it('--frames and -P show every frame with its bits', async () => {
    const run = await show('--frames', '--dir', 'out', '--opcode', 'ping,close');
    expect(run.stdout).toBe(
      '> +0.001s FIN op=ping mask=11223344 len=4/7-bit  "hb-1"\n> +0.001s FIN op=close mask=99887766 len=5/7-bit  1000 Normal Closure "bye"\n',
    );
    expect((await show('-P', '--opcode', 'pong')).stdout).toBe('< +0.001s pong "hb-1"\n');
  });

  it('--stats --json prints one object', async () => {
    const run = await show('--stats', '--json');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const stats = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(stats).toMatchObject({
      type: 'stats',
      file,
      tool: 'wstap test',
      events: sim.expected.length,
      truncated: null,
      skipped: 0,
    });
    expect(stats.out).toMatchObject({ messages: { total: 4, text: 3, binary: 1 }, frames: { total: 8 } });
    expect((await show('--stats', '--dir', 'in', '--json')).stdout).toContain(
      '"out":{"messages":{"total":0,',
    );
  });

  it('says so when the filters match no frame or message', async () => {
    const run = await show('--grep', 'nowhere');
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain(
      `no frame or message matched the filters (${sim.expected.length} events read)\n`,
    );
  });

  it('a corrupt line: what came before is printed, then one line naming it, exit 2', async () => {
    // Edited as text: the same records as a version 1 file (wire bytes as base64 in the line).
    const lines = await asVersion1(file);
    // The second wire record of the server's bytes: everything the client sent comes before it.
    const bad = lines.findIndex(
      (l) => l.startsWith('{"type":"wire","conn":1,"dir":"in"') && !l.includes('"offset":0,'),
    );
    lines[bad] = (lines[bad] as string).replace(/"offset":\d+/, '"offset":3');
    await writeFile(file, lines.join('\n'));
    const run = await show();
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('> +0.001s [text 5 B] hello\n');
    expect(run.stdout).not.toContain('welcome');
    expect(run.stderr.split('\n').at(-2)).toBe(
      `wstap: ${file}, line ${bad + 1}: wire record of connection 1 direction in starts at stream offset 3, but the records before it carried 7 bytes (RECORDING_WIRE_GAP)`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a last line cut by a crash: everything before it, a note, exit 0', async () => {
    const text = await readFile(file);
    const cut = text.subarray(0, -15);
    await writeFile(file, cut);
    const run = await show();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('héllo ✓ 中文 😀');
    const line = (await recordTexts(file)).length;
    const bytes = cut.length - (cut.lastIndexOf(10) + 1);
    expect(
      run.stderr.endsWith(
        `the recording ends with a cut line ${line} (${bytes} B): the writer was killed mid-write\n`,
      ),
    ).toBe(true);
    expect((await show('--stats', '--json')).stdout).toContain(
      `"truncated":{"line":${line},"bytes":${bytes}}`,
    );
  });

  it('skips and names record types a newer wstap wrote', async () => {
    await appendFile(file, '{"type":"bookmark","conn":1,"t":9,"wall":9,"note":"x"}\n');
    const run = await show();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'skipped lines of record types this wstap does not know (bookmark ×1): a newer wstap wrote them\n',
    );
  });

  it('a missing file, a directory, or not a recording: one line, exit 2', async () => {
    expect(await runCli(['show', join(dir, 'nope.jsonl')])).toEqual({
      code: 2,
      stdout: '',
      stderr: `wstap: cannot read the recording ${join(dir, 'nope.jsonl')}: no such file\n`,
    });
    expect(await runCli(['show', dir])).toMatchObject({
      code: 2,
      stderr: `wstap: cannot read the recording ${dir}: it is a directory\n`,
    });
    await writeFile(file, 'GET / HTTP/1.1\n');
    const run = await show();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^wstap: .*session\.jsonl, line 1: not JSON .* \(RECORDING_BAD_HEADER\)\n$/);
  });

  it('refuses flags that cannot go together, and explains itself in --help', async () => {
    expect((await show('--stats', '--frames')).code).toBe(2);
    expect((await show('--json', '--pretty')).code).toBe(2);
    const help = await runCli(['show', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--grep <regex>');
  });
});
