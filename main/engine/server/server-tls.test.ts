// wss:// from wstap's server: a self-signed certificate made for the run, verified by a real client.
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeWithPeers, requirePeers } from '../../../test/peers/available.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { echoBehaviour } from './builtin-behaviours.js';
import { makeSelfSigned } from './self-signed.js';

const peers = await requirePeers('openssl');
let engine: Engine;
afterEach(() => engine?.dispose());

describeWithPeers(peers, 'wss with a self-signed certificate', () => {
  it('serves wss:// that a client trusting the certificate verifies, and reports clients that do not trust it', async () => {
    const made = await makeSelfSigned();
    expect(made.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    engine = createEngine();
    const log = new EventLog(engine);
    const server = await engine.serve({
      behaviour: echoBehaviour(),
      tls: { cert: made.cert, key: made.key },
    });
    expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const echoed = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(server.url, { ca: made.cert });
      ws.once('open', () => ws.send('secret'));
      ws.once('message', (data: Buffer) => (resolve(data.toString()), ws.close()));
      ws.once('error', reject);
    });
    expect(echoed).toBe('secret');
    expect(await log.waitFor('tls')).toMatchObject({ protocol: 'TLSv1.3' });
    const untrusting = await new Promise<string>((resolve) => {
      const ws = new WebSocket(server.url);
      ws.once('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message));
    });
    expect(untrusting).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect((await log.waitFor('error', (e) => e.code === 'TLS_FAILED' && e.conn === 0)).message).toMatch(
      /TLS handshake with 127\.0\.0\.1:\d+ failed/,
    );
  });
});
