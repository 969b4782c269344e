// Every script in examples/scripts/ run by the real binary against the servers its header names:
// the Go guides' gorilla echo and chat (test/peers/go) and wstap's own mocks (examples/mock), all
// on 127.0.0.1 port 0. Each one through `wstap run FILE -- URL`, then all of them at once through
// `wstap test examples/scripts` with the URLs in environment variables (wstap test passes no args).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCliOnce, ROOT, runBin, type BinRun } from '../../main/cli/bin.test-util.js';
import { startServeBin, type ServeBin } from '../../main/cli/serve/serve-bin.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import type { RunningPeer } from '../peers/process.js';

const peers = await requirePeers('go');
const SCRIPTS = 'examples/scripts';

interface Servers {
  /** gorilla echo with compression: echo, binary-protocol. */
  readonly echo: RunningPeer;
  /** A gorilla echo of its own for reconnect (its drop:2 refuses whoever connects next). */
  readonly reconnect: RunningPeer;
  /** gorilla echo with the Go guides' server heartbeat. */
  readonly heartbeat: RunningPeer;
  readonly chat: RunningPeer;
  readonly auth: ServeBin;
  readonly api: ServeBin;
  readonly mockHeartbeat: ServeBin;
}

let servers: Servers | null = null;
const started: { stop(): Promise<unknown> }[] = [];

async function keep<T extends { stop(): Promise<unknown> }>(starting: Promise<T>): Promise<T> {
  const server = await starting;
  started.push(server);
  return server;
}

beforeAll(async () => {
  await buildCliOnce();
  if (!peers.ok) return;
  const mock = (file: string): Promise<ServeBin> =>
    keep(startServeBin(['serve', '--mock', join('examples/mock', file), '-q']));
  const [echo, reconnect, heartbeat, chat, auth, api, mockHeartbeat] = await Promise.all([
    keep(startGoPeer('echo', ['-compress'])),
    keep(startGoPeer('echo')),
    // Generous for a loaded machine: a client that answers is dropped only after 1 s of silence.
    keep(startGoPeer('echo', ['-ping-interval', '200ms', '-pong-wait', '1s'])),
    keep(startGoPeer('chat')),
    mock('auth.yaml'),
    mock('json-api.yaml'),
    mock('heartbeat.yaml'),
  ]);
  servers = { echo, reconnect, heartbeat, chat, auth, api, mockHeartbeat };
});

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
});

const ws = (peer: RunningPeer, path = ''): string => `ws://127.0.0.1:${peer.port}${path}`;
/** The servers, started by beforeAll. */
const running = (): Servers => servers!;

/** `wstap run examples/scripts/FILE -- ARGS`: exit code 0, and the script's own verdict line. */
async function run(file: string, ...args: string[]): Promise<BinRun> {
  const result = await runBin(['run', join(SCRIPTS, file), '--', ...args], { timeoutMs: 25_000 });
  const output = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
  expect(result.code, output).toBe(0);
  expect(result.stderr, output).toMatch(
    new RegExp(`✓ ${file.replace(/\./g, '\\.')}: \\d+ expectations passed, 0 failed`),
  );
  return result;
}

/** What each example is run with, and what it must print. */
const EXAMPLES: Record<string, (s: Servers) => Promise<void>> = {
  'echo.ws.ts': async (s) => {
    const { stdout } = await run('echo.ws.ts', ws(s.echo, '/echo'));
    expect(stdout).toMatch(/^round trips ok: text, JSON, 6 binary bytes \(compressed: true\)$/m);
    expect(stdout).toMatch(/^ping rtt \d+\.\d\d ms$/m);
    expect(stdout).toMatch(/^closed: we closed with 1000 Normal Closure "done"; the server answered 1000/m);
  },

  'reconnect.ws.ts': async (s) => {
    const { stdout } = await run('reconnect.ws.ts', ws(s.reconnect, '/echo'));
    expect(stdout).toMatch(/^attempt 2 in 100 ms \(.*\(1006\)/m);
    expect(stdout).toMatch(/^attempt 3 in 200 ms \(server answered 503 Service Unavailable/m);
    expect(stdout).toMatch(/^attempt 4 in 400 ms \(server answered 503 Service Unavailable/m);
    expect(stdout).toMatch(/^open again on attempt 4 after waiting 100 \+ 200 \+ 400 ms$/m);
    // The server's side: the drop, both refusals, and the message sent after the outage.
    await s.reconnect.waitForLine(/^DROP$/);
    await s.reconnect.waitForNthLine(/^REJECT 503$/, 2);
    await s.reconnect.waitForLine(/^MSG after the outage$/);
  },

  'heartbeat.ws.ts': async (s) => {
    const { stdout } = await run('heartbeat.ws.ts', ws(s.heartbeat, '/echo'), '1000');
    expect(stdout).toMatch(
      /^silent client dropped after \d+ ms: server closed TCP without a Close frame \(1006\)/m,
    );
    expect(stdout).toMatch(/^answering client still open after \d+ ms$/m);
    // gorilla saw its pings answered (payloads 1, 2, ...) and one client miss its deadline.
    await s.heartbeat.waitForLine(/^PONG 1$/);
    await s.heartbeat.waitForLine(/^DEADLINE$/);
    await s.heartbeat.waitForLine(/^MSG still here$/);
  },

  'auth-subscribe.ws.ts': async (s) => {
    const { stdout } = await run('auth-subscribe.ws.ts', s.auth.url);
    expect(stdout).toMatch(
      /^refused as expected: ws:\/\/127\.0\.0\.1:\d+\/secure: the server answered HTTP\/1\.1 401 Unauthorized/m,
    );
    expect(stdout).toMatch(/^subscribed: \{"type":"subscribe","topic":"prices"\}$/m);
    expect(stdout).toMatch(/^wrong auth message: 1008 bad token$/m);
  },

  'chat.ws.ts': async (s) => {
    const { stdout } = await run('chat.ws.ts', ws(s.chat));
    expect(stdout).toMatch(/^ana heard bob: fine, thanks!$/m);
    await s.chat.waitForLine(/^JOIN red 2$/);
    await s.chat.waitForLine(/^JOIN blue 1$/);
  },

  'json-rpc.ws.mjs': async (s) => {
    const { stdout } = await run('json-rpc.ws.mjs', `${s.api.url}/api`);
    expect(stdout).toMatch(/^3 replies in \d+ ms, matched by id: \[\{"id":1,"result":"done"\},\{"id":2,/m);
    expect(stdout).toMatch(/^arrival order of ids: [23], [23], 1$/m);
    expect(stdout).toMatch(/^error reply: method not found: nope$/m);
  },

  'binary-protocol.ws.ts': async (s) => {
    const { stdout } = await run('binary-protocol.ws.ts', ws(s.echo, '/echo'));
    expect(stdout).toMatch(/^seq 1 hello: "client v1"$/m);
    expect(stdout).toMatch(/^seq 2 data: "temperature=21\.5"$/m);
    expect(stdout).toMatch(/^seq 4294967294 data: "ünïcödé ✓"$/m);
    expect(stdout).toMatch(/^seq 3 bye: ""$/m);
  },
};

describeWithPeers(peers, 'examples/scripts against real servers', () => {
  it('has a case for every example script', () => {
    const files = readdirSync(join(ROOT, SCRIPTS)).filter((f) => /\.ws\.m?[jt]s$/.test(f));
    expect(files.sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  for (const [file, example] of Object.entries(EXAMPLES)) it(file, () => example(running()));

  it('heartbeat.ws.ts also passes against the mock heartbeat (examples/mock/heartbeat.yaml)', async () => {
    // Pings every 1 s, drops a client whose pong is 1 s late: the silent one goes after about 2 s.
    const { stdout } = await run('heartbeat.ws.ts', running().mockHeartbeat.url);
    expect(stdout).toMatch(/^silent client dropped after \d+ ms: server closed TCP without a Close frame/m);
  });

  it('heartbeat.ws.ts fails (exit 6) against a server without a liveness check', async () => {
    // The plain echo never pings, so the silent client is never dropped: the check is not vacuous.
    const result = await runBin([
      'run',
      join(SCRIPTS, 'heartbeat.ws.ts'),
      '-q',
      '--',
      ws(running().echo),
      '300',
    ]);
    expect(result.code, result.stderr).toBe(6);
    expect(result.stderr).toMatch(
      /heartbeat\.ws\.ts:\d+:\d+: #\d+: expected a close with 1006 \(Abnormal Closure\) within 600 ms; the connection is still open/,
    );
  });

  it('wstap test examples/scripts runs them all, the URLs taken from the environment', async () => {
    const { echo, reconnect, heartbeat, chat, auth, api } = running();
    const result = await runBin(['test', SCRIPTS], {
      timeoutMs: 45_000,
      env: {
        WSTAP_ECHO_URL: ws(echo, '/echo'),
        WSTAP_RECONNECT_URL: ws(reconnect, '/echo'),
        WSTAP_HEARTBEAT_URL: ws(heartbeat, '/echo'),
        WSTAP_PONG_WAIT: '1000',
        WSTAP_CHAT_URL: ws(chat),
        WSTAP_AUTH_URL: auth.url,
        WSTAP_API_URL: `${api.url}/api`,
        WSTAP_TOKEN: undefined,
      },
    });
    const output = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    const count = Object.keys(EXAMPLES).length;
    expect(result.stderr, output).toMatch(new RegExp(`^running ${count} scripts, 4 at a time$`, 'm'));
    for (const file of Object.keys(EXAMPLES))
      expect(result.stderr, output).toContain(`✓ ${SCRIPTS}/${file} (`);
    expect(result.stderr, output).toMatch(
      new RegExp(`^${count} scripts: ${count} passed, 0 failed \\(\\d+\\.\\d s\\)$`, 'm'),
    );
  }, 60_000);
});
