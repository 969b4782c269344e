// `wstap show` against a recording of a session with gorilla/websocket (test/peers/go/echo
// -compress): a server no one here wrote, compressing what it sends, pinging, fragmenting. The
// recording of a `connect` run must print exactly what that run printed live.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { describeWithPeers, requirePeers } from '../../../test/peers/available.js';
import { startGoPeer } from '../../../test/peers/build-go.js';
import type { RunningPeer } from '../../../test/peers/process.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';
import type { ShowStats } from './show-stats.js';

const go = await requirePeers('go');
const dir = mkdtempSync(join(tmpdir(), 'wstap-show-peers-'));
let peer: RunningPeer | null = null;
let files = 0;
beforeAll(() => buildCliOnce(), 180_000);
afterAll(async () => {
  await peer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const BIG = 'compress me '.repeat(200);
/** Text, a large compressible message, a server ping, a 3-frame message, our ping, and binary. */
const INPUT = `hello\n${BIG}\nping:from gorilla\nfrag:3:one two three\n/ping rtt?\n/binary 00ff10\n`;

async function echoUrl(): Promise<string> {
  peer ??= await startGoPeer('echo', ['-compress']);
  return `ws://127.0.0.1:${peer.port}/echo`;
}

async function recordAndShow(output: string[]) {
  const file = join(dir, `gorilla-${++files}.jsonl`);
  const live = await runBin(['connect', await echoUrl(), '--slash', '-w', '0.3', '--record', file, ...output], { input: INPUT });
  expect(live.code).toBe(0);
  const shown = await runBin(['show', file, ...output]);
  expect(shown.code).toBe(0);
  return { file, live, shown };
}

describeWithPeers(go, 'wstap show vs gorilla/websocket (-compress)', () => {
  it('--json: the recording shows exactly what connect --json printed, and every line parses', async () => {
    const { live, shown } = await recordAndShow(['--json']);
    expect(shown.stderr).toBe('');
    const lines = shown.stdout.trimEnd().split('\n');
    expect(lines).toEqual(live.stdout.trimEnd().split('\n'));
    const events = lines.map((line) => JSON.parse(line) as SessionEvent);
    const received = events.filter((e): e is Extract<SessionEvent, { type: 'message' }> => e.type === 'message' && e.dir === 'in');
    expect(received.map((m) => m.text ?? m.base64)).toEqual(['hello', BIG, 'one two three', 'AP8Q']);
    expect(received[1]).toMatchObject({ compressed: true, size: BIG.length });
    expect(events.some((e) => e.type === 'frame' && e.dir === 'in' && e.opcodeName === 'ping')).toBe(true);
  });

  it('human (-P --pretty) and --frames: the same stdout and stderr as the live run', async () => {
    for (const flags of [['-P', '--pretty'], ['--frames', '-P']]) {
      const { live, shown } = await recordAndShow(flags);
      expect(shown.stdout).toBe(live.stdout);
      expect(shown.stderr).toBe(live.stderr);
    }
  });

  it('--stats: compressed messages carry fewer bytes on the wire than in payload', async () => {
    const { file } = await recordAndShow([]);
    const stats = JSON.parse((await runBin(['show', file, '--stats', '--json'])).stdout) as ShowStats;
    expect(stats.in.messages.total).toBe(4);
    expect(stats.in.frames.byOpcode).toEqual({ text: 3, binary: 1, continuation: 2, ping: 1, pong: 1, close: 1 });
    expect(stats.in.payloadBytes).toBeGreaterThan(BIG.length);
    expect(stats.in.wireBytes).toBeLessThan(stats.in.payloadBytes);
    expect(stats.rtt?.count).toBe(1);
    expect(stats.closes).toEqual([expect.objectContaining({ code: 1000 })]);
  });
});
