// `wstap proxy` end to end: the real binary between a ws client and a ws echo server, printing
// both directions and recording a file that `wstap show` reads back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { echo, startTestServer, type TestServer } from '../../engine/client/ws-server.test-util.js';
import { openClient } from '../../engine/server/server.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';
import { startServeBin, type ServeBin } from '../serve/serve-bin.test-util.js';

let proxy: ServeBin | null = null;
let server: TestServer | null = null;
let dir = '';
afterEach(async () => {
  await proxy?.stop('SIGKILL');
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  proxy = null;
  server = null;
});

describe('wstap proxy (the binary)', () => {
  beforeAll(() => buildCliOnce(), 180_000);

  it('relays a session, prints both directions with the connection id, and records it', async () => {
    server = await startTestServer((ws) => echo(ws));
    dir = mkdtempSync(join(tmpdir(), 'wstap-proxy-'));
    const file = join(dir, 'session.jsonl');
    proxy = await startServeBin(['proxy', '--listen', '0', '--target', server.url, '--record', file]);
    expect(proxy.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const client = await openClient(`${proxy.url}/room`);
    client.ws.send('via wstap');
    expect(await client.next()).toEqual({ text: 'via wstap' });
    client.ws.close(1000);
    await client.closed;
    await proxy.waitFor(/#\d+ closed: the app closed with 1000 Normal Closure/);
    expect(proxy.stdout()).toMatch(/#\d+ > \+\d+\.\d{3}s \[text 9 B\] via wstap/);
    expect(proxy.stdout()).toMatch(/#\d+ < \+\d+\.\d{3}s \[text 9 B\] via wstap/);
    expect(await proxy.stop()).toBe(0);
    expect(proxy.stderr()).toMatch(/stopped ws:\/\/127\.0\.0\.1:\d+: 1 connection served/);
    const shown = await runBin(['show', file, '--stats']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/messages/);
    const json = await runBin(['show', file, '--json']);
    const messages = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; dir?: string; text?: string })
      .filter((e) => e.type === 'message');
    expect(messages.map((m) => [m.dir, m.text])).toEqual([
      ['out', 'via wstap'],
      ['in', 'via wstap'],
    ]);
  });

  it('takes interventions at its console: inject toward the app, hold and release, close with a code', async () => {
    server = await startTestServer((ws) => echo(ws));
    proxy = await startServeBin(['proxy', '--target', server.url]);
    const client = await openClient(proxy.url);
    const conn = Number(/#(\d+) connected/.exec(await proxy.waitFor(/#\d+ connected/))?.[1]);
    proxy.type(`/send #${conn} app hello from the console`);
    expect(await client.next()).toEqual({ text: 'hello from the console' });
    proxy.type(`/hold #${conn} app`);
    await proxy.waitFor(/holding everything toward the app/);
    client.ws.send('echo me');
    await expect(client.next(300)).rejects.toThrow(/no message/);
    proxy.type('/connections');
    await proxy.waitFor(new RegExp(`#${conn}  holding \\d+ B toward the app`));
    proxy.type(`/release #${conn} app`);
    expect(await client.next()).toEqual({ text: 'echo me' });
    proxy.type(`/close #${conn} app 4003 bye from wstap`);
    expect(await client.closed).toEqual({ code: 4003, reason: 'bye from wstap' });
    proxy.type('/nope');
    await proxy.waitFor(/unknown command \/nope: \/help lists them/);
  });

  it('says what is wrong with the arguments (exit 2)', async () => {
    expect(await runBin(['proxy', '--listen', '0'])).toMatchObject({
      code: 2,
      stderr:
        'wstap: --target is required: the server the app should reach, e.g. --target ws://localhost:9000\n',
    });
    expect(await runBin(['proxy', '--listen', 'x:y', '--target', 'ws://h:1'])).toMatchObject({
      code: 2,
      stderr: "wstap: --listen takes PORT or HOST:PORT (e.g. 8080 or 127.0.0.1:8080), got 'x:y'\n",
    });
    expect(await runBin(['proxy', '--target', 'ftp://h'])).toMatchObject({
      code: 2,
      stderr: 'wstap: --target ftp://h: the scheme must be ws:// or wss://\n',
    });
  });
});
