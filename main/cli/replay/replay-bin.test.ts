// `wstap replay` through the real binary: the mistakes a user makes get one line and exit 2, an
// unreachable server exit 3, and a clean replay exit 0 with its report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../engine/client/ws-server.test-util.js';
import { apiVariant, recordApiSession, startApiServer } from '../../engine/replay/replay-runner.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';

const dir = mkdtempSync(join(tmpdir(), 'wstap-replay-bin-'));
let server: TestServer;
let recording: string;

beforeAll(async () => {
  await buildCliOnce();
  server = await startApiServer(apiVariant());
  ({ path: recording } = await recordApiSession(server, dir, [{ id: 1, op: 'greet', name: 'ann' }]));
}, 180_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('wstap replay (binary)', () => {
  it('replays a recording cleanly: report on stdout, exit 0, the live run recorded', async () => {
    const live = join(dir, 'live.jsonl');
    const run = await runBin(['replay', recording, '--ignore', '$.at', '--record', live]);
    expect(run.stdout).toMatch(
      /^replaying .*recorded\.jsonl → the recorded URLs \(lockstep, json match, ignoring \$\.at\): 1 connection, 2 messages to send, 2 expected$/m,
    );
    expect(run.stdout).toMatch(/✓ matched: 1 connection, 2 sent, 2 received as recorded/);
    expect(run.stderr).toBe(`live run recorded to ${live} (wstap show ${live})\n`);
    expect(run.code).toBe(0);
    const show = await runBin(['show', live]);
    expect(show.stdout).toContain('"greeting":"hello ann"');
  });

  it.each([
    [['replay', '/nonexistent/s.jsonl'], 'cannot read /nonexistent/s.jsonl: no such file'],
    [['replay', 'PLACEHOLDER_TEXT'], 'is not a file wstap can read'],
    [['replay', 'PLACEHOLDER_REC', '--connection', '7'], 'has no connection 7; it has #1 ws://127.0.0.1:'],
    [
      ['replay', 'PLACEHOLDER_REC', '--mode', 'slow'],
      "--mode takes one of lockstep, timed, fast, got 'slow'",
    ],
  ])('%j: one line, exit 2', async (args, message) => {
    const textFile = join(dir, 'notes.txt');
    writeFileSync(textFile, 'just some notes\n');
    const argv = args.map((a) =>
      a === 'PLACEHOLDER_TEXT' ? textFile : a === 'PLACEHOLDER_REC' ? recording : a,
    );
    const run = await runBin(argv);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(2);
  });

  it('a server that is not there: the failure in the report, exit 3', async () => {
    const gone = await startTestServer(() => undefined);
    const port = gone.port;
    await gone.close();
    const run = await runBin(['replay', recording, '--target', `ws://127.0.0.1:${port}`, '--no-record']);
    expect(run.stdout).toMatch(/failed: .*(ECONNREFUSED|could not connect)/);
    expect(run.code).toBe(3);
  });
});
