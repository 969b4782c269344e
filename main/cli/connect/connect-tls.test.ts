// `wstap connect` over TLS, end to end: the real binary against gorilla/websocket serving wss://
// with a throwaway PKI — the CA flag, -k/-n, and mutual TLS with an encrypted client key.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPeers, requirePeers } from '../../../test/peers/available.js';
import { startGoPeer } from '../../../test/peers/build-go.js';
import type { RunningPeer } from '../../../test/peers/process.js';
import { makeTestPki, type TestPki } from '../../../test/peers/tls.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';

const peers = await requirePeers('go', 'openssl');
const running: RunningPeer[] = [];
let pki: TestPki | null = null;
beforeAll(async () => {
  await buildCliOnce();
  if (peers.ok) pki = await makeTestPki();
}, 180_000);
afterAll(async () => {
  await Promise.all(running.map((peer) => peer.stop()));
  await pki?.remove();
});

async function tlsEcho(extra: string[] = []): Promise<{ url: string; pki: TestPki }> {
  if (!pki) throw new Error('no PKI');
  const peer = await startGoPeer('echo', ['-tls-cert', pki.serverCert, '-tls-key', pki.serverKey, ...extra]);
  running.push(peer);
  return { url: `wss://127.0.0.1:${peer.port}/`, pki };
}

describeWithPeers(peers, 'wstap connect over TLS (gorilla/websocket)', () => {
  it('refuses an unknown CA (exit 3, with the hint), trusts it with --ca, skips the check with -k or -n', async () => {
    const { url, pki } = await tlsEcho();
    const refused = await runBin(['connect', url, '-x', 'hi'], { input: null });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/closed: TLS handshake failed: .*trust the server's CA with --ca FILE, or skip verification with --insecure/);
    const trusted = await runBin(['connect', url, '--ca', pki.caCert, '-x', 'hi', '-w', '0.1', '-i'], { input: null });
    expect(trusted.code).toBe(0);
    expect(trusted.stderr).toMatch(/^tls TLSv1\.3 /m);
    expect(trusted.stderr).toContain('tls certificate CN=localhost issued by CN=wstap test CA');
    expect(trusted.stdout).toMatch(/\[text 2 B\] hi$/m);
    for (const flag of ['-k', '-n']) {
      const insecure = await runBin(['connect', url, flag, '-x', 'hi', '-w', '0.1'], { input: null });
      expect(insecure.code, flag).toBe(0);
      expect(insecure.stderr).toContain('tls certificate NOT verified (--insecure)');
    }
  });

  it('mutual TLS: --cert, --key and --passphrase', async () => {
    const certs = pki!;
    const { url } = await tlsEcho(['-client-ca', certs.caCert]);
    const args = ['connect', url, '--ca', certs.caCert, '-x', 'hi', '-w', '0.1'];
    expect((await runBin(args, { input: null })).code).toBe(3);
    const withCert = await runBin([...args, '--cert', certs.clientCert, '--key', certs.clientKeyEncrypted, '--passphrase', certs.clientKeyPassphrase], { input: null });
    expect(withCert.code).toBe(0);
  });
});
