// `wstap serve` end to end: the real binary with real ws clients on loopback.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openClient } from '../../engine/server/server.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';
import { startServeBin, type ServeBin } from './serve-bin.test-util.js';

let serve: ServeBin | null = null;
afterEach(async () => {
  await serve?.stop('SIGKILL');
  serve = null;
});

describe('wstap serve (the binary)', () => {
  beforeAll(() => buildCliOnce(), 180_000);

  it('wscat -l style: echoes on 127.0.0.1, prints each connection with its id, stops cleanly on Ctrl-C', async () => {
    serve = await startServeBin(['-l', '0']);
    expect(serve.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const client = await openClient(`${serve.url}/chat?v=1`);
    client.ws.send('hello');
    expect(await client.next()).toEqual({ text: 'hello' });
    await serve.waitFor(/#\d+ > \+\d+\.\d{3}s \[text 5 B\] hello/);
    expect(serve.stderr()).toMatch(/#\d+ GET \/chat\?v=1 HTTP\/1\.1/);
    const closed = client.closed;
    expect(await serve.stop()).toBe(0);
    expect(await closed).toMatchObject({ code: 1001 });
    expect(serve.stderr()).toMatch(/stopped ws:\/\/127\.0\.0\.1:\d+: 1 connection served/);
  });

  it('sends console lines to every client, and /send, /close to one', async () => {
    serve = await startServeBin(['serve', '--broadcast']);
    const a = await openClient(`${serve.url}/room`);
    const b = await openClient(`${serve.url}/room`);
    await serve.waitFor(/joined room \/room \(2 members\)/);
    serve.type('to everyone');
    expect(await a.next()).toEqual({ text: 'to everyone' });
    expect(await b.next()).toEqual({ text: 'to everyone' });
    serve.type('/clients');
    await serve.waitFor(/id\s+remote\s+path\s+subprotocol\s+rooms\s+age\s+in\s+out/);
    const ids = [...serve.stderr().matchAll(/^#(\d+)\s+127\.0\.0\.1:\d+\s+\/room/gm)].map((m) =>
      Number(m[1]),
    );
    expect(ids).toHaveLength(2);
    serve.type(`/send #${ids[1]} just you`);
    expect(await b.next()).toEqual({ text: 'just you' });
    serve.type(`/close #${ids[0]} 4001 kicked`);
    expect(await a.closed).toEqual({ code: 4001, reason: 'kicked' });
    serve.type('/nonsense');
    await serve.waitFor(/unknown command \/nonsense: \/help lists them/);
  });

  it('--json prints the listening event and every event as JSON lines on stdout', async () => {
    serve = await startServeBin(['serve', '--json']);
    const client = await openClient(serve.url);
    client.ws.send('hi');
    await client.next();
    client.ws.close(1000);
    await client.closed;
    await serve.waitFor(/"type":"closed"/);
    expect(await serve.stop()).toBe(0);
    const events = serve
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; conn: number; role?: string });
    expect(events[0]).toMatchObject({ type: 'listening', conn: 0, url: serve.url, behaviour: 'echo' });
    expect(events.find((e) => e.type === 'connecting')).toMatchObject({ role: 'server' });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'upgrade-request',
        'upgrade-response',
        'open',
        'frame',
        'message',
        'closed',
        'server-stopped',
      ]),
    );
  });

  it('refuses to start with a clear message when the port is taken (exit 2)', async () => {
    serve = await startServeBin(['serve']);
    const port = new URL(serve.url).port;
    const second = await runBin(['serve', '--port', port]);
    expect(second).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `wstap: cannot listen on 127.0.0.1:${port}: the port is in use (choose another, or 0 for a free one)\n`,
    });
  });
});
