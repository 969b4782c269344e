// `wstap connect` end to end against gorilla/websocket (test/peers/go/echo): the real binary
// against a server no one here wrote — a refused handshake with its body, a dropped connection,
// a failure close code, and --json equal to the recording of the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { readRecordingEvents } from '../../engine/recording/recording-reader.js';
import { describeWithPeers, requirePeers } from '../../../test/peers/available.js';
import { startGoPeer } from '../../../test/peers/build-go.js';
import type { RunningPeer } from '../../../test/peers/process.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';

const go = await requirePeers('go');
const peers: RunningPeer[] = [];
const dir = mkdtempSync(join(tmpdir(), 'wstap-connect-'));
beforeAll(() => buildCliOnce(), 180_000);
afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function echo(args: string[] = []): Promise<RunningPeer> {
  const peer = await startGoPeer('echo', args);
  peers.push(peer);
  return peer;
}

describeWithPeers(go, 'wstap connect vs gorilla/websocket', () => {
  it('3: a 401 shows the status, the challenge and the body; the token gets in', async () => {
    const peer = await echo(['-token', 's3cret']);
    const url = `ws://127.0.0.1:${peer.port}/echo`;
    const refused = await runBin(['connect', url, '-x', 'hi'], { input: null });
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('< HTTP/1.1 401 Unauthorized\n');
    expect(refused.stderr).toContain('< Www-Authenticate: Bearer realm="wstap-test"\n');
    expect(refused.stderr).toContain('< body (25 B):\n<   {"error":"invalid token"}\n');
    expect(refused.stderr).toContain('server answered 401 Unauthorized instead of 101 Switching Protocols');
    await peer.waitForLine(/^REJECT 401$/);
    const allowed = await runBin(['connect', url, '-H', 'Authorization: Bearer s3cret', '-x', 'hi', '-w', '0.2'], { input: null });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^< \+\d+\.\d{3}s \[text 2 B\] hi$/m);
  });

  it('4: the server drops TCP without a Close frame (1006)', async () => {
    const peer = await echo(['-drop-after', '150ms']);
    const run = await runBin(['connect', `ws://127.0.0.1:${peer.port}/`, '-x', 'hi', '-w', '-1'], { input: null });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('without a Close frame (1006): no close handshake');
    expect(run.stderr).toContain('exit 4: abnormal closure (1006)');
  });

  it('5: the server closes with 4001; the verdict names it', async () => {
    const peer = await echo(['-compress']);
    const run = await runBin(['connect', `ws://127.0.0.1:${peer.port}/`, '-x', 'close:4001:x'], { input: null });
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/^< \+\d+\.\d{3}s close 4001 Private use "x"$/m);
    expect(run.stderr).toContain('closed: server closed with 4001 Private use "x"');
  });

  it('4: --ping-interval/--ping-timeout drop a server that stops answering pings', async () => {
    const peer = await echo(['-no-pong']);
    const run = await runBin(['connect', `ws://127.0.0.1:${peer.port}/`, '--ping-interval', '0.1', '--ping-timeout', '0.2', '-w', '-1'], { input: null });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/no pong for \d+ ms after 1 ping: dropping the connection/);
  });

  it('--reconnect: a 503 first, then the -x message and the expected reply on the next attempt', async () => {
    const peer = await echo(['-reject-first', '1']);
    const run = await runBin(['connect', `ws://127.0.0.1:${peer.port}/`, '--reconnect', '-x', 'again', '--expect', 'again'], { input: null });
    expect(run.stderr).toContain('< HTTP/1.1 503 Service Unavailable');
    expect(run.stderr).toMatch(/reconnecting in \d+ ms \(attempt 2\)/);
    expect(run.stderr).toContain('expected message 1/1 arrived: again');
    expect(run.code).toBe(0);
  });

  it('--json prints the same events the --record file of the run holds', async () => {
    const peer = await echo(['-compress']);
    const file = join(dir, 'session.jsonl');
    const big = 'compress me '.repeat(200);
    const run = await runBin(['connect', `ws://127.0.0.1:${peer.port}/`, '--json', '--record', file, '-w', '0.3'], {
      input: `hello\n${big}\nping:from gorilla\nfrag:3:one two three\n`,
    });
    expect(run.code).toBe(0);
    const printed = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as SessionEvent);
    const recorded = await readRecordingEvents(file);
    expect(recorded.truncated).toBeNull();
    expect(printed).toEqual(recorded.events);
    const types = new Set(printed.map((e) => e.type));
    for (const type of ['connecting', 'upgrade-request', 'upgrade-response', 'open', 'frame', 'message', 'closed']) expect(types).toContain(type);
    const messages = printed.filter((e): e is Extract<SessionEvent, { type: 'message' }> => e.type === 'message' && e.dir === 'in');
    expect(messages.map((m) => m.text)).toEqual(['hello', big, 'one two three']);
    expect(messages[1]).toMatchObject({ compressed: true, size: big.length });
    expect(messages[2]).toMatchObject({ frameCount: 3 });
  });
});
