// Issue 9, must show: a refused handshake is a failed connection whose timeline shows the HTTP
// answer — 401, its WWW-Authenticate challenge and JSON body — and the same server opens once the
// bearer token is sent.
import { expect, PEER_TOKEN, test } from './fixtures/test.js';

test('401 without the token, open with it', async ({ app, authPeer }) => {
  const { timeline } = app;

  await test.step("no token: the connection fails with the server's 401", async () => {
    await app.newConnectionButton.click();
    await app.connect.submit(authPeer.url);
    await app.expectSelectedState('failed');
    await authPeer.process.waitForLine(/^REJECT 401$/);
    await app.showTab('timeline');
    await expect(timeline.handshakeResponse).toContainText('HTTP/1.1 401 Unauthorized');
    await expect(timeline.handshakeResponse).toContainText('Bearer realm="wstap-test"');
    await expect(timeline.handshakeBody).toContainText('{"error":"invalid token"}');
    await expect(timeline.phase('upgrade')).toHaveAttribute('data-ms', /^\d+(\.\d+)?$/);
  });

  await test.step('with the bearer token: open', async () => {
    const conn = await app.connectTo(authPeer.url, { bearer: PEER_TOKEN });
    await authPeer.process.waitForLine(/^OPEN 1$/);
    await expect(app.sessions).toHaveCount(2);
    await app.showTab('timeline');
    await expect(timeline.handshakeRequest).toContainText(`Bearer ${PEER_TOKEN}`);
    await expect(timeline.handshakeResponse).toContainText('HTTP/1.1 101 Switching Protocols');
    await expect(timeline.handshakeBody).toHaveCount(0);
    expect(conn).not.toBe('');
  });
});
