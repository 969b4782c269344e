// `--passphrase` without a value at a real terminal (tmux): wstap asks for the key's passphrase
// without echoing it, then connects with mutual TLS to gorilla/websocket requiring a client cert.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPeers, requirePeers } from '../../../test/peers/available.js';
import { startGoPeer } from '../../../test/peers/build-go.js';
import type { RunningPeer } from '../../../test/peers/process.js';
import { makeTestPki, type TestPki } from '../../../test/peers/tls.js';
import { join } from 'node:path';
import { buildCliOnce, ROOT } from '../bin.test-util.js';
import { checkTmux, screenLines, TmuxPane } from './tmux.test-util.js';

const tmux = await checkTmux();
const peers = tmux.ok ? await requirePeers('go', 'openssl') : tmux;
let pki: TestPki | null = null;
let peer: RunningPeer | null = null;
let pane: TmuxPane | null = null;
beforeAll(async () => {
  await buildCliOnce();
  if (peers.ok) pki = await makeTestPki();
}, 180_000);
afterAll(async () => {
  await pane?.kill();
  await peer?.stop();
  await pki?.remove();
});

describeWithPeers(peers, 'wstap connect --passphrase at a terminal', () => {
  it('asks for the passphrase without echoing it and connects with the decrypted key', async () => {
    if (!pki) throw new Error('no PKI');
    peer = await startGoPeer('echo', [
      '-tls-cert',
      pki.serverCert,
      '-tls-key',
      pki.serverKey,
      '-client-ca',
      pki.caCert,
    ]);
    const url = `wss://127.0.0.1:${peer.port}/`;
    const args = [
      'connect',
      url,
      '--ca',
      pki.caCert,
      '--cert',
      pki.clientCert,
      '--key',
      pki.clientKeyEncrypted,
      '--passphrase',
      '-x',
      'hi',
      '-w',
      '0.2',
    ];
    pane = await TmuxPane.start([process.execPath, join(ROOT, 'bin/wstap.cjs'), ...args], {
      NO_COLOR: '1',
      WSTAP_HISTORY: '',
    });
    await pane.waitFor('the passphrase prompt', (screen) =>
      screenLines(screen).some((line) => line.startsWith('passphrase for the key:')),
    );
    await pane.type(pki.clientKeyPassphrase);
    const typed = await pane.capture();
    expect(typed).not.toContain(pki.clientKeyPassphrase);
    await pane.press('Enter');
    const exit = await pane.exited();
    expect(exit.screen).toContain('[text 2 B] hi');
    expect(exit.screen).not.toContain(pki.clientKeyPassphrase);
    expect(exit.status).toBe(0);
    await peer.waitForLine(/^CLIENTCERT wstap test client$/);
  }, 30_000);
});
