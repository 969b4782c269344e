// The issue's must-show for replay: a session of several clients recorded through `wstap proxy
// --record` in front of the Go guides' chat server (gorilla/websocket, two rooms, JSON broadcasts
// with volatile fields), replayed with the real binary lockstep and timed against the same server
// (clean, exit 0), then against a server that changed its replies (a precise diff, exit 8).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCliOnce, runBin } from '../../main/cli/bin.test-util.js';
import { startServeBin } from '../../main/cli/serve/serve-bin.test-util.js';
import { openClient, type TestClient } from '../../main/engine/server/server.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import type { RunningPeer } from '../peers/process.js';

const peers = await requirePeers('go');
const dir = mkdtempSync(join(tmpdir(), 'wstap-replay-chat-'));
const recording = join(dir, 'chat.jsonl');
let chat: RunningPeer | null = null;
let shouting: RunningPeer | null = null;

const text = async (client: TestClient): Promise<Record<string, unknown>> => {
  const got = await client.next();
  if (!('text' in got)) throw new Error('expected text');
  return JSON.parse(got.text) as Record<string, unknown>;
};

beforeAll(async () => {
  await buildCliOnce();
  if (!peers.ok) return;
  [chat, shouting] = await Promise.all([
    startGoPeer('chat', ['-json']),
    startGoPeer('chat', ['-json', '-shout']),
  ]);
  // Record: ann and bob in room red, cy in blue, through the recording proxy.
  const proxy = await startServeBin([
    'proxy',
    '--target',
    `ws://127.0.0.1:${chat.port}`,
    '-q',
    '--record',
    recording,
  ]);
  const ann = await openClient(`${proxy.url}/ws/red`);
  await chat.waitForLine(/^JOIN red 1$/);
  const bob = await openClient(`${proxy.url}/ws/red`);
  await chat.waitForLine(/^JOIN red 2$/);
  const cy = await openClient(`${proxy.url}/ws/blue`);
  await chat.waitForLine(/^JOIN blue 1$/);
  ann.ws.send('hi bob');
  expect((await text(ann)).text).toBe('hi bob');
  expect((await text(bob)).text).toBe('hi bob');
  bob.ws.send('hi ann, I am in red too');
  await text(ann);
  await text(bob);
  cy.ws.send('anyone in blue?');
  expect(await text(cy)).toMatchObject({ room: 'blue', text: 'anyone in blue?' });
  ann.ws.send('bye');
  await text(ann);
  await text(bob);
  for (const client of [cy, bob, ann]) {
    client.ws.close(1000, 'done');
    await client.closed;
  }
  await chat.waitForLine(/^LEAVE red 0$/);
  expect(await proxy.stop()).toBe(0);
}, 180_000);

afterAll(async () => {
  await Promise.all([chat?.stop(), shouting?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const volatile = ['--ignore', '$.from', '--ignore', '$.at', '--ignore', '$.seq'];

describeWithPeers(peers, 'wstap replay of a recorded chat against gorilla/websocket', () => {
  it('lockstep against the same server: clean, exit 0', async () => {
    const run = await runBin(
      [
        'replay',
        recording,
        '--target',
        `ws://127.0.0.1:${chat!.port}`,
        ...volatile,
        '--record',
        join(dir, 'live.jsonl'),
      ],
      { timeoutMs: 30_000 },
    );
    expect(run.stderr).toContain(`live run recorded to ${join(dir, 'live.jsonl')}`);
    expect(run.stdout).toMatch(/3 connections, 4 messages to send, 7 expected/);
    expect(run.stdout).toMatch(
      /✓ #1 ws:\/\/127\.0\.0\.1:\d+\/ws\/red \(live #\d+\): 2 sent, 3\/3 expected messages matched, 3 received/,
    );
    expect(run.stdout).toMatch(/✓ #3 ws:\/\/127\.0\.0\.1:\d+\/ws\/blue .*1 sent, 1\/1 expected/);
    expect(run.stdout).toMatch(/✓ matched: 3 connections, 4 sent, 7 received as recorded \(lockstep/);
    expect(run.code).toBe(0);
    // The live run's own recording replays cleanly too: it is a recording like any other.
    const again = await runBin(
      ['replay', join(dir, 'live.jsonl'), '-t', `ws://127.0.0.1:${chat!.port}`, ...volatile, '--no-record'],
      { timeoutMs: 30_000 },
    );
    expect(again.code).toBe(0);
  });

  it('timed against the same server: clean, exit 0', async () => {
    const run = await runBin(
      [
        'replay',
        recording,
        '-t',
        `ws://127.0.0.1:${chat!.port}`,
        '--mode',
        'timed',
        '--speed',
        '2',
        ...volatile,
        '--no-record',
        '--json',
      ],
      { timeoutMs: 30_000 },
    );
    const report = JSON.parse(run.stdout) as {
      differences: number;
      mode: string;
      connections: { matched: number }[];
    };
    expect(report).toMatchObject({ mode: 'timed', differences: 0 });
    expect(report.connections.map((c) => c.matched)).toEqual([3, 3, 1]);
    expect(run.code).toBe(0);
  });

  it('without ignoring the volatile fields, every broadcast differs in exactly those fields', async () => {
    const run = await runBin(
      ['replay', recording, '-t', `ws://127.0.0.1:${chat!.port}`, '--no-record', '--json'],
      { timeoutMs: 60_000 },
    );
    const report = JSON.parse(run.stdout) as {
      connections: { findings: { kind: string; fields?: { path: string }[] }[] }[];
    };
    const findings = report.connections.flatMap((c) => c.findings);
    expect(findings).toHaveLength(7);
    for (const f of findings) {
      expect(f.kind).toBe('different');
      expect(f.fields?.map((d) => d.path).filter((p) => !['$.from', '$.at', '$.seq'].includes(p))).toEqual(
        [],
      );
    }
    expect(run.code).toBe(8);
  });

  it('a server that changed its replies: a precise diff and exit 8', async () => {
    const run = await runBin(
      ['replay', recording, '-t', `ws://127.0.0.1:${shouting!.port}`, ...volatile, '--no-record'],
      { timeoutMs: 60_000 },
    );
    expect(run.code).toBe(8);
    expect(run.stdout).toContain('step 1 (after sending hi bob): different');
    expect(run.stdout).toContain('$.text: "hi bob" → "HI BOB"');
    expect(run.stdout).toContain('$.text: "anyone in blue?" → "ANYONE IN BLUE?"');
    expect(run.stdout).toMatch(/✗ 7 differences in 3 of 3 connections/);
  });
});
