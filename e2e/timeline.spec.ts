// Issue 9, must show: a connection's timeline — the handshake's phases with their times, the
// upgrade request and response, ping round trips once pings are answered, and the close explained.
import { expect, test } from './fixtures/test.js';

/** A phase's duration as the bar shows it, e.g. "4 ms", "1.1 ms", "950 µs". */
const DURATION = /\d+(\.\d+)? (ms|µs|s)$/;

test('handshake phases, RTT after pings, the close explained', async ({ app, echoPeer }) => {
  const { timeline, composer } = app;
  await app.connectTo(echoPeer.url);
  await app.showTab('timeline');

  await test.step('phases: TCP and the upgrade timed, no DNS or TLS for ws://127.0.0.1', async () => {
    for (const phase of ['tcp', 'upgrade'] as const) {
      await expect(timeline.phase(phase)).toHaveAttribute('data-ms', /^\d+(\.\d+)?$/);
      await expect(timeline.phase(phase)).toHaveText(DURATION);
    }
    for (const phase of ['dns', 'tls'] as const) {
      await expect(timeline.phase(phase)).toHaveAttribute('data-ms', '');
      await expect(timeline.phase(phase)).toContainText('—');
    }
    await expect(timeline.handshakeRequest).toContainText('GET /echo HTTP/1.1');
    await expect(timeline.handshakeResponse).toContainText('HTTP/1.1 101 Switching Protocols');
    await expect(timeline.handshakeResponse).toContainText('Sec-WebSocket-Accept');
  });

  await test.step('RTT appears once pings are answered', async () => {
    await expect(timeline.rtt).toContainText('No ping answered yet');
    await expect(timeline.rttLast).toHaveCount(0);
    await composer.ping('rtt-1');
    await expect(timeline.rttLast).toHaveText(/^last \d+(\.\d+)? (ms|µs|s)$/);
    await composer.ping('rtt-2');
    await expect(timeline.rtt).toContainText('2 pongs');
  });

  await test.step('close 4000: who closed, both codes, the verdict', async () => {
    await expect(timeline.close).toContainText('Not closed.');
    await composer.close(4000, 'shift over');
    await expect(timeline.closeExplanation).toContainText('we closed with 4000');
    await expect(timeline.closeExplanation).toContainText('shift over');
    await expect(timeline.closeInitiator).toContainText('we closed first');
    await expect(timeline.closeSent).toContainText('4000 Private use');
    await expect(timeline.closeSent).toContainText('“shift over”');
    await expect(timeline.closeReceived).toContainText('4000 Private use');
  });
});
