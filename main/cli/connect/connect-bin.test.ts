// `wstap connect` end to end: the real binary (bin/wstap.cjs on the compiled build) against ws
// servers on 127.0.0.1, port 0 — piped input before open, binary output, every exit code a local
// server can produce, and colors.
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { echo, startTestServer, type TestServer } from '../../engine/client/ws-server.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';
import { startRawServer, type RawServer } from './servers.test-util.js';

let server: TestServer | null = null;
let raw: RawServer | null = null;
afterEach(async () => {
  await server?.close();
  await raw?.close();
  server = raw = null;
});
beforeAll(() => buildCliOnce(), 180_000);

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(70_000 - 16, 7)]);

describe('wstap connect: input', () => {
  /** A ws server that holds its 101 back for `delayMs` after the upgrade request arrived. */
  async function slowUpgrade(delayMs: number, got: string[]): Promise<{ url: string; requested: Promise<void> }> {
    let requested!: () => void;
    const seen = new Promise<void>((resolve) => (requested = resolve));
    const srv = await startTestServer(
      () => undefined,
      {},
      (request: IncomingMessage, socket) => {
        requested();
        setTimeout(() => srv.wss.handleUpgrade(request, socket, Buffer.alloc(0), (ws) => ws.on('message', (data) => got.push(String(data)))), delayMs);
        return true;
      },
    );
    server = srv;
    return { url: srv.url, requested: seen };
  }

  it('delivers every piped line written before the connection opened, in order', async () => {
    const got: string[] = [];
    const { url, requested } = await slowUpgrade(300, got);
    const lines = Array.from({ length: 25 }, (_, i) => `line ${i} ${'x'.repeat(i)}`);
    const run = await runBin(['connect', url, '-w', '0.5'], {
      input: null,
      // The lines are piped while the handshake is pending.
      onSpawn: (stdin) => void requested.then(() => stdin.end(`${lines.join('\n')}\n`)),
    });
    expect(run.stderr).toContain('connected in');
    expect(got).toEqual(lines);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('> ') && l.includes(' [text '))).toHaveLength(25);
    expect(run.code).toBe(0);
  });

  it('-w counts from the open: empty input and a handshake slower than the wait still connect', async () => {
    const run = await runBin(['connect', (await slowUpgrade(600, [])).url, '-w', '0.1'], { input: '' });
    expect(run.stderr).toContain('connected in');
    expect(run.code).toBe(0);
  });

  it('sends piped binary chunks with -b and base64 lines with --base64', async () => {
    const got: Buffer[] = [];
    server = await startTestServer((ws) => ws.on('message', (data: Buffer, isBinary) => isBinary && got.push(data)));
    expect((await runBin(['connect', server.url, '-b', '-w', '0.2'], { input: Buffer.from([0, 1, 2, 255]) })).code).toBe(0);
    expect((await runBin(['connect', server.url, '--base64', '-w', '0.2'], { input: 'AAEC/w==\n' })).code).toBe(0);
    expect(got).toEqual([Buffer.from([0, 1, 2, 255]), Buffer.from([0, 1, 2, 255])]);
  });


  it('-E closes as soon as piped input ends, whatever -w says', async () => {
    server = await startTestServer(echo);
    const started = Date.now();
    const run = await runBin(['connect', server.url, '-E', '-w', '30'], { input: 'bye\n' });
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.stdout).toMatch(/^> \+\d+\.\d{3}s close 1000 Normal Closure$/m);
  });
});

describe('wstap connect: output', () => {
  it('shows binary messages as a hex preview, or in full as base64', async () => {
    server = await startTestServer((ws) => ws.send(PNG));
    const hex = await runBin(['connect', server.url, '-1'], { input: null });
    expect(hex.stdout).toMatch(/^< \+\d+\.\d{3}s \[binary 70000 B\] 89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52 …$/m);
    expect(hex.code).toBe(0);
    const b64 = await runBin(['connect', server.url, '-1', '--base64'], { input: null });
    expect(b64.stdout).toContain(`[binary 70000 B] ${PNG.toString('base64')}\n`);
  });

  it('--frames prints each frame with its header bits', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    const run = await runBin(['connect', server.url, '--frames', '--no-deflate', '-x', 'hello', '-w', '0.2'], { input: null });
    expect(run.stdout).toMatch(/^> \+\d+\.\d{3}s FIN op=text mask=[0-9a-f]{8} len=5\/7-bit {2}"hello"$/m);
    expect(run.stdout).toMatch(/^< \+\d+\.\d{3}s FIN op=text unmasked len=5\/7-bit {2}"hello"$/m);
    expect(run.stdout).toMatch(/^> \+\d+\.\d{3}s FIN op=close mask=[0-9a-f]{8} len=2\/7-bit {2}1000 Normal Closure$/m);
  });

  it('NO_COLOR wins over FORCE_COLOR; FORCE_COLOR alone colors even a pipe', async () => {
    server = await startTestServer(echo);
    const args = ['connect', server.url, '-x', 'hi', '-w', '0.1'];
    const forced = await runBin(args, { input: null, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout + forced.stderr).toContain('\u001b[');
    const both = await runBin(args, { input: null, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(both.stdout).toContain('[text 2 B] hi');
    expect(both.stdout + both.stderr).not.toContain('\u001b[');
    const flag = await runBin([...args, '--no-color'], { input: null, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(flag.stdout + flag.stderr).not.toContain('\u001b[');
  });
});

describe('wstap connect: exit codes', () => {
  it('0: a clean close after -x and -w', async () => {
    server = await startTestServer(echo);
    const run = await runBin(['connect', server.url, '-x', 'hi', '-w', '0.2'], { input: null });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^< \+\d+\.\d{3}s \[text 2 B\] hi$/m);
    expect(run.stderr).toMatch(/closed: we closed with 1000 Normal Closure; the server answered 1000/);
  });

  it('0: the expected message arrived (JSON path), after a non-matching one', async () => {
    server = await startTestServer((ws) => {
      ws.send('{"type":"hello"}');
      ws.on('message', () => ws.send(JSON.stringify({ type: 'pong', seq: 7 })));
    });
    const run = await runBin(['connect', server.url, '-x', 'ping', '--expect', '$.type=pong', '--expect', '/"seq":7/'], { input: null });
    expect(run.stderr).toContain('expected message 2/2 arrived: /"seq":7/');
    expect(run.code).toBe(0);
  });

  it('2: a usage error is one line, no stack trace', async () => {
    const run = await runBin(['connect', 'ftp://example.org', '-x', 'hi'], { input: null });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe("wstap: 'ftp://example.org': the scheme must be ws:// or wss:// (got ftp://)\n");
    expect((await runBin(['connect', ':1', '--close-status-code', '1006'], { input: null })).stderr).toContain('may not be sent in a Close frame');
  });

  it('3: nothing listening', async () => {
    const closed = await startTestServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const run = await runBin(['connect', url, '-x', 'hi'], { input: null });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('TCP connect failed: connect ECONNREFUSED');
  });

  it('5: the server closed with a failure code; --fail-on none accepts it', async () => {
    server = await startTestServer(echo);
    const run = await runBin(['connect', server.url, '-x', 'close:4001:x'], { input: null });
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/^< \+\d+\.\d{3}s close 4001 Private use "x"$/m);
    expect(run.stderr).toContain('exit 5: the peer closed with 4001 Private use, a failure code');
    expect((await runBin(['connect', server.url, '-x', 'close:4001:x', '--fail-on', 'none'], { input: null })).code).toBe(0);
    expect((await runBin(['connect', server.url, '-x', 'close:1011:x', '--fail-on', '4000-4999'], { input: null })).code).toBe(0);
  });

  it('6: the expected message did not arrive in time', async () => {
    server = await startTestServer(echo);
    const started = Date.now();
    const run = await runBin(['connect', server.url, '-x', 'hello', '--expect', 'goodbye', '--timeout', '0.5'], { input: null });
    expect(run.code).toBe(6);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.stderr).toContain('no message matched "goodbye" within 500 ms');
  });

  it('7: the server sent a frame with RSV2 set (shown with the rule it broke)', async () => {
    raw = await startRawServer([{ opcode: 1, rsv2: true, payload: 'bad bits' }]);
    const run = await runBin(['connect', raw.url, '-w', '-1'], { input: null });
    expect(run.code).toBe(7);
    expect(run.stdout).toMatch(/✗ frame FIN RSV2 op=text unmasked len=8\/7-bit {2}"bad bits"/);
    expect(run.stdout).toContain('✗ RSV_NOT_NEGOTIATED');
    expect(run.stderr).toContain('we failed the connection: 1002 Protocol Error after the server sent RSV2 text frame');
    expect(run.stderr).toContain('exit 7: the peer broke the protocol (RSV_NOT_NEGOTIATED)');
  });
});

describe('wstap -c (wscat compatibility)', () => {
  it('-c URL connects like `connect URL` (-l PORT: main/cli/serve/serve-bin.test.ts)', async () => {
    server = await startTestServer((ws: WebSocket) => echo(ws));
    const run = await runBin(['-n', '-c', server.url, '-x', 'hi', '-w', '0.1'], { input: null });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[text 2 B] hi');
  });
});
