// The peers' scenario flags (auth, heartbeats, drops, TLS) do on the wire what test/peers/README.md
// says, checked with the plain `ws` client. Each block skips (with the reason) when its peers are
// not installed, unless REQUIRE_PEERS=1.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import { connectLockstep, expectConnectError, expectRejectedUpgrade } from '../peers/node-client.js';
import type { RunningPeer } from '../peers/process.js';
import { startPythonServer } from '../peers/python.js';
import { makeTestPki, type TestPki } from '../peers/tls.js';

const [go, python, goTls] = await Promise.all([
  requirePeers('go'),
  requirePeers('python'),
  requirePeers('go', 'openssl'),
]);

const running: RunningPeer[] = [];
afterAll(() => Promise.all(running.map((peer) => peer.stop())));
const start = async (...args: Parameters<typeof startGoPeer>): Promise<RunningPeer> => {
  const peer = await startGoPeer(...args);
  running.push(peer);
  return peer;
};

/** Resolves when `event` fires on `ws`, or with 'timeout' after `ms` (for "does not happen" checks). */
function within(ws: WebSocket, event: 'pong', ms: number): Promise<'fired' | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    ws.once(event, () => {
      clearTimeout(timer);
      resolve('fired');
    });
  });
}

describeWithPeers(go, 'gorilla echo: token and basic auth', () => {
  it('-token: 401 with a Bearer challenge and a JSON body unless the token comes', async () => {
    const echo = await start('echo', ['-token', 's3cret']);
    const url = `ws://127.0.0.1:${echo.port}/echo`;
    const wrong: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong' }];
    for (const headers of wrong) {
      const refused = await expectRejectedUpgrade(url, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="wstap-test"');
      expect(refused.headers['content-type']).toBe('application/json');
      expect(JSON.parse(refused.body)).toEqual({ error: 'invalid token' });
    }
    await echo.waitForNthLine(/^REJECT 401$/, 2);
    for (const [target, headers] of [
      [url, { Authorization: 'Bearer s3cret' }],
      [`${url}?token=s3cret`, {}],
    ] as const) {
      const client = await connectLockstep(target, { headers });
      client.ws.send('in');
      expect((await client.next()).data.toString()).toBe('in');
      client.ws.close(1000);
      await client.closed;
    }
    await echo.waitForLine(/^OPEN 2$/);
  });

  it('-basic: 401 with a Basic challenge unless the credentials come', async () => {
    const echo = await start('echo', ['-basic', 'alice:pw']);
    const url = `ws://127.0.0.1:${echo.port}/`;
    const basic = (userPass: string): string => `Basic ${Buffer.from(userPass).toString('base64')}`;
    const refused = await expectRejectedUpgrade(url, { headers: { Authorization: basic('alice:nope') } });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Basic realm="wstap-test"');
    expect(JSON.parse(refused.body)).toEqual({ error: 'invalid credentials' });
    const client = await connectLockstep(url, { headers: { Authorization: basic('alice:pw') } });
    client.ws.close(1000);
    await client.closed;
  });

  it('-reject-first: 503 for the first attempts, then upgrades', async () => {
    const echo = await start('echo', ['-reject-first', '2']);
    const url = `ws://127.0.0.1:${echo.port}/`;
    for (let i = 0; i < 2; i++) expect((await expectRejectedUpgrade(url)).status).toBe(503);
    const client = await connectLockstep(url);
    await echo.waitForLine(/^OPEN 1$/);
    client.ws.close(1000);
    await client.closed;
  });
});

describeWithPeers(go, 'gorilla echo: heartbeats', () => {
  it('answers pings by default, printing PING', async () => {
    const echo = await start('echo');
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/`);
    client.ws.ping('hb');
    expect((await client.nextPong()).toString()).toBe('hb');
    await echo.waitForLine(/^PING hb$/);
    client.ws.close(1000);
    await client.closed;
  });

  it('-no-pong: a ping gets no pong', async () => {
    const echo = await start('echo', ['-no-pong']);
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/`);
    const pong = within(client.ws, 'pong', 500);
    client.ws.ping('anyone?');
    client.ws.send('after the ping');
    // The server handles frames in order: a Pong would have been written before this echo.
    expect((await client.next()).data.toString()).toBe('after the ping');
    await echo.waitForLine(/^PING anyone\?$/);
    expect(await pong).toBe('timeout');
    client.ws.close(1000);
    await client.closed;
  });

  it('-ping-interval: pings the client, whose pongs it prints', async () => {
    const echo = await start('echo', ['-ping-interval', '50ms']);
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/`);
    expect((await client.nextPing()).toString()).toBe('1');
    expect((await client.nextPing()).toString()).toBe('2');
    await echo.waitForLine(/^PONG 2$/);
    client.ws.close(1000);
    expect((await client.closed).code).toBe(1000);
    expect(echo.lines).not.toContain('DEADLINE');
  });

  it('-ping-interval: drops a client that does not pong within -pong-wait', async () => {
    const echo = await start('echo', ['-ping-interval', '50ms', '-pong-wait', '300ms']);
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/`, { autoPong: false });
    expect((await client.nextPing()).toString()).toBe('1');
    expect(await client.closed).toEqual({ code: 1006, reason: '' });
    await echo.waitForLine(/^DEADLINE$/);
    expect(echo.lines.filter((line) => line.startsWith('PONG'))).toEqual([]);
  });
});

describeWithPeers(go, 'gorilla echo: dropped connections', () => {
  it('-drop-after: closes the TCP connection without a Close frame; a reconnect re-sends', async () => {
    const echo = await start('echo', ['-drop-after', '300ms']);
    const url = `ws://127.0.0.1:${echo.port}/`;
    for (const n of [1, 2]) {
      const client = await connectLockstep(url);
      client.ws.send('hello');
      expect((await client.next()).data.toString()).toBe('hello');
      expect(await client.closed).toEqual({ code: 1006, reason: '' });
      await echo.waitForLine(new RegExp(`^CLOSED ${n}$`));
    }
    expect(echo.lines.filter((line) => /^(OPEN|MSG|DROP|CLOSED)/.test(line))).toEqual([
      'OPEN 1',
      'MSG hello',
      'DROP',
      'CLOSED 1',
      'OPEN 2',
      'MSG hello',
      'DROP',
      'CLOSED 2',
    ]);
    await echo.waitForNthLine(/^MSG hello$/, 2);
  });

  it('a peer restarted on the same port takes the reconnect', async () => {
    const first = await start('echo');
    const url = `ws://127.0.0.1:${first.port}/`;
    const client = await connectLockstep(url);
    client.ws.send('before');
    await client.next();
    await first.stop();
    expect((await client.closed).code).toBe(1006);
    const second = await start('echo', ['-addr', `127.0.0.1:${first.port}`]);
    expect(second.port).toBe(first.port);
    const again = await connectLockstep(url);
    again.ws.send('after');
    expect((await again.next()).data.toString()).toBe('after');
    await second.waitForLine(/^MSG after$/);
    again.ws.close(1000);
    await again.closed;
  });

  it('drop: closes at once, without a Close frame', async () => {
    const echo = await start('echo');
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/`);
    client.ws.send('drop');
    expect(await client.closed).toEqual({ code: 1006, reason: '' });
    await echo.waitForLine(/^DROP$/);
    expect(echo.lines).toContain('MSG drop');
  });

  it('MSG lines escape newlines and cut long messages', async () => {
    const echo = await start('echo');
    const client = await connectLockstep(`ws://127.0.0.1:${echo.port}/`);
    client.ws.send('two\nlines');
    client.ws.send('x'.repeat(2000));
    await client.next();
    await client.next();
    await echo.waitForLine(/^MSG two\\nlines$/);
    await echo.waitForLine(new RegExp(`^MSG x{1024}\\.\\.\\. \\(2000 bytes\\)$`));
    client.ws.close(1000);
    await client.closed;
  });
});

describeWithPeers(goTls, 'gorilla echo: wss with a custom CA, and mutual TLS', () => {
  let pki: TestPki | undefined;
  beforeAll(async () => {
    pki = await makeTestPki();
  });
  afterAll(() => pki?.remove());
  const certs = (): TestPki => {
    if (!pki) throw new Error('no PKI');
    return pki;
  };

  it('-tls-cert/-tls-key: trusted with the CA, refused without it', async () => {
    const { serverCert, serverKey, caPem } = certs();
    const echo = await start('echo', ['-tls-cert', serverCert, '-tls-key', serverKey]);
    const url = `wss://127.0.0.1:${echo.port}/`;
    const error = await expectConnectError(url);
    expect((error as Error & { code?: string }).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    for (const options of [{ ca: caPem }, { ca: caPem, servername: 'localhost' }]) {
      const client = await connectLockstep(url, options);
      client.ws.send('secure');
      expect((await client.next()).data.toString()).toBe('secure');
      client.ws.close(1000);
      await client.closed;
    }
  });

  it('-client-ca: the handshake fails without a client certificate, succeeds with one', async () => {
    const pki = certs();
    const echo = await start('echo', [
      '-tls-cert',
      pki.serverCert,
      '-tls-key',
      pki.serverKey,
      '-client-ca',
      pki.caCert,
    ]);
    const url = `wss://127.0.0.1:${echo.port}/`;
    const error = await expectConnectError(url, { ca: pki.caPem });
    // Go 1.19 answers a missing certificate with alert 42 (bad_certificate); newer Go may send 116.
    expect(error.message).toMatch(/alert (bad certificate|certificate required)|socket hang up|ECONNRESET/i);
    expect(echo.lines.filter((line) => line.startsWith('OPEN'))).toEqual([]);

    for (const key of [
      { key: pki.clientKeyPem },
      { key: pki.clientKeyEncryptedPem, passphrase: pki.clientKeyPassphrase },
    ]) {
      const client = await connectLockstep(url, { ca: pki.caPem, cert: pki.clientCertPem, ...key });
      client.ws.send('mutual');
      expect((await client.next()).data.toString()).toBe('mutual');
      client.ws.close(1000);
      await client.closed;
    }
    await echo.waitForNthLine(/^CLIENTCERT wstap test client$/, 2);
  });
});

describeWithPeers(python, 'python3-websockets server: chosen close codes, drop', () => {
  let server: RunningPeer | undefined;
  beforeAll(async () => {
    server = await startPythonServer();
  });
  afterAll(() => server?.stop());

  it.each([
    ['close:1001:going away', { code: 1001, reason: 'going away' }],
    ['close:1011:', { code: 1011, reason: '' }],
    ['close:3000:custom', { code: 3000, reason: 'custom' }],
    // websockets refuses to send 1005 itself; the server writes an empty Close as gorilla does.
    ['close:1005:', { code: 1005, reason: '' }],
    ['drop', { code: 1006, reason: '' }],
  ])('%s', async (command, expected) => {
    const client = await connectLockstep(`ws://127.0.0.1:${server?.port}/`);
    client.ws.send(command);
    expect(await client.closed).toEqual(expected);
  });
});
