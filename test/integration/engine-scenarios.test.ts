// The failure scenarios of the Go guides, against gorilla/websocket: token auth refusing with 401
// and a body, a peer that withholds pongs, a server that drops connections (reconnect with backoff
// and the preamble re-sent), and wss with a custom CA and client certificates.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import type { RunningPeer } from '../peers/process.js';
import { makeTestPki, type TestPki } from '../peers/tls.js';

const go = await requirePeers('go', 'openssl');

const peers: RunningPeer[] = [];
let engine: Engine | null = null;
let log: EventLog;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});
afterAll(() => Promise.all(peers.map((peer) => peer.stop())));

async function gorilla(...flags: string[]): Promise<RunningPeer> {
  const peer = await startGoPeer('echo', flags);
  peers.push(peer);
  engine = createEngine({ random: () => 0 });
  log = new EventLog(engine);
  return peer;
}

describeWithPeers(go, 'engine vs gorilla: auth, liveness, reconnect', () => {
  it('shows the 401 and its body when the bearer token is wrong, and connects with the right one', async () => {
    const peer = await gorilla('-token', 's3cret');
    const refused = engine!.connect({ url: `ws://127.0.0.1:${peer.port}/echo`, bearerToken: 'wrong' });
    await engine!.done(refused);
    const response = log.of('upgrade-response')[0]!;
    expect(response).toMatchObject({
      status: 401,
      body: { text: '{"error":"invalid token"}', truncated: false },
    });
    expect(response.headers).toContainEqual(['Www-Authenticate', 'Bearer realm="wstap-test"']);
    expect(log.of('closed')[0]!.explanation).toMatch(/^server answered 401 Unauthorized instead of 101/);

    const ok = engine!.connect({ url: `ws://127.0.0.1:${peer.port}/echo`, bearerToken: 's3cret' });
    expect(await engine!.opened(ok)).toBe(true);
    expect(log.of('upgrade-request').at(-1)!.headers).toContainEqual(['Authorization', 'Bearer s3cret']);
  });

  it('basic auth goes in the Authorization header', async () => {
    const peer = await gorilla('-basic', 'ana:pw');
    const id = engine!.connect({ url: `ws://127.0.0.1:${peer.port}/`, basicAuth: 'ana:pw' });
    expect(await engine!.opened(id)).toBe(true);
  });

  it('fails the liveness check against a peer that withholds pongs', async () => {
    const peer = await gorilla('-no-pong');
    const id = engine!.connect({
      url: `ws://127.0.0.1:${peer.port}/`,
      heartbeat: { interval: 40, timeout: 60, misses: 3 },
    });
    await engine!.done(id);
    expect(peer.lines.filter((line) => line.startsWith('PING wstap-heartbeat-'))).toHaveLength(3);
    expect(log.of('heartbeat-timeout')[0]).toMatchObject({ missed: 3 });
    expect(log.of('closed')[0]!.explanation).toMatch(
      /^no pong for \d+ ms after 3 pings: we dropped the connection \(1006\)/,
    );
  });

  it('answers the server heartbeat (auto-pong) and withholds it on request, until the server gives up', async () => {
    const peer = await gorilla('-ping-interval', '30ms', '-pong-wait', '100ms');
    const answering = engine!.connect({ url: `ws://127.0.0.1:${peer.port}/` });
    await peer.waitForLine(/^PONG 2$/);
    engine!.close(answering);
    await engine!.done(answering);
    const silent = engine!.connect({ url: `ws://127.0.0.1:${peer.port}/`, autoPong: false });
    await engine!.done(silent);
    await peer.waitForLine(/^DEADLINE$/);
    const closed = log.of('closed').at(-1)!;
    expect(closed.code).toBe(1006);
    expect(closed.explanation).toMatch(
      /^server closed TCP [\d.]+ m?s after our .* without a Close frame \(1006\)|^server closed TCP without/,
    );
  });

  it('reconnects with backoff after drops and re-sends the preamble each time', async () => {
    const peer = await gorilla('-drop-after', '60ms');
    const id = engine!.connect({
      url: `ws://127.0.0.1:${peer.port}/`,
      reconnect: { initialDelay: 30, maxDelay: 100 },
      preamble: [
        { kind: 'text', text: 'hello' },
        { kind: 'json', value: { join: 'red' } },
      ],
    });
    await peer.waitForNthLine(/^MSG \{"join":"red"\}$/, 3);
    engine!.close(id, { code: 1000 });
    await engine!.done(id);
    expect(peer.lines.filter((line) => line.startsWith('MSG ')).slice(0, 6)).toEqual(
      [1, 2, 3].flatMap(() => ['MSG hello', 'MSG {"join":"red"}']),
    );
    const reconnects = log.of('reconnect');
    expect(reconnects.slice(0, 2).map((r) => [r.attempt, r.delayMs])).toEqual([
      [2, 30],
      [3, 30],
    ]);
    expect(reconnects[0]!.reason).toMatch(/^server closed TCP .*without a Close frame \(1006\)/);
  });
});

describeWithPeers(go, 'engine vs gorilla over TLS', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await makeTestPki();
  });
  afterAll(() => pki?.remove());

  it('verifies the server with a custom CA and shows the TLS timeline', async () => {
    const peer = await gorilla('-tls-cert', pki.serverCert, '-tls-key', pki.serverKey);
    const untrusted = engine!.connect({ url: `wss://localhost:${peer.port}/` });
    await engine!.done(untrusted);
    expect(log.of('error')[0]).toMatchObject({ code: 'TLS_FAILED' });
    expect(log.of('closed')[0]!.explanation).toMatch(
      /^TLS handshake failed: .* \(1006\); trust the server's CA with --ca FILE/,
    );

    const trusted = engine!.connect({ url: `wss://localhost:${peer.port}/`, tls: { caFile: pki.caCert } });
    expect(await engine!.opened(trusted)).toBe(true);
    await engine!.send(trusted, { kind: 'text', text: 'over tls' });
    await log.waitFor('message', (m) => m.dir === 'in' && m.text === 'over tls');
    engine!.close(trusted, { code: 4000 });
    await engine!.done(trusted);
    const conn = log.of('open')[0]!.conn;
    expect(log.types(conn).filter((t) => t !== 'frame' && t !== 'message')).toEqual([
      'connecting',
      'dns',
      'tcp',
      'tls',
      'upgrade-request',
      'upgrade-response',
      'open',
      'closed',
    ]);
    const tls = log.of('tls', conn)[0]!;
    expect(tls).toMatchObject({ authorized: true, authorizationError: null, protocol: 'TLSv1.3' });
    expect(tls.peerCertificate?.subject).toContain('CN=localhost');
    expect(tls.peerCertificate?.daysLeft).toBeGreaterThan(0);
    expect(tls.cipher).toMatch(/^TLS_/);

    const insecure = engine!.connect({ url: `wss://127.0.0.1:${peer.port}/`, tls: { insecure: true } });
    expect(await engine!.opened(insecure)).toBe(true);
    expect(log.of('tls').at(-1)).toMatchObject({ authorized: false });
  });

  it('presents a client certificate (with a passphrase-protected key) to a server that requires one', async () => {
    const peer = await gorilla(
      '-tls-cert',
      pki.serverCert,
      '-tls-key',
      pki.serverKey,
      '-client-ca',
      pki.caCert,
    );
    const url = `wss://localhost:${peer.port}/`;
    const anonymous = engine!.connect({ url, tls: { caFile: pki.caCert } });
    expect(await engine!.opened(anonymous)).toBe(false);
    const id = engine!.connect({
      url,
      tls: {
        caFile: pki.caCert,
        certFile: pki.clientCert,
        keyFile: pki.clientKeyEncrypted,
        passphrase: pki.clientKeyPassphrase,
      },
    });
    expect(await engine!.opened(id)).toBe(true);
    await peer.waitForLine(/^CLIENTCERT wstap test client$/);
    expect(() => engine!.connect({ url, tls: { caFile: '/nonexistent/ca.pem' } })).toThrow(
      /cannot read the CA file \/nonexistent\/ca\.pem: ENOENT/,
    );
  });
});
