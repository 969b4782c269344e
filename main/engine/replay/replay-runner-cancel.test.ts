// A timed replay cancelled while it waits for a recorded gap: nothing more is sent (the wait's end
// by the cancel is not the gap's end). Against a real `ws` server on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { conversationFromHar } from '../../../shared/interchange/har/har-read.js';
import { slowHar } from '../../../shared/interchange/har/slow-har.test-util.js';
import { createMatcher } from '../../../shared/replay/message-matcher.js';
import { startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine } from '../engine.js';
import { runReplay } from './replay-runner.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** One connection to `url` sending `slow 1..count`, `gapS` seconds apart, each echoed. */
function slowConversation(url: string, count: number, gapS: number) {
  return conversationFromHar(slowHar(url, count, gapS) as Parameters<typeof conversationFromHar>[0])
    .conversation;
}

describe('a timed replay cancelled during a recorded gap', () => {
  it('sends nothing more and ends without waiting for the rest', async () => {
    const got: string[] = [];
    let first: () => void = () => undefined;
    const firstArrived = new Promise<void>((resolve) => (first = resolve));
    server = await startTestServer((ws) =>
      ws.on('message', (data: Buffer) => {
        got.push(data.toString('utf8'));
        ws.send(data.toString('utf8'));
        first();
      }),
    );
    const conversation = slowConversation(server.url, 3, 5);
    const engine = createEngine();
    const abort = new AbortController();
    try {
      const started = performance.now();
      const running = runReplay(engine, conversation.connections, {
        mode: 'timed',
        speed: 1,
        timeout: 2000,
        matcher: createMatcher('exact', []),
        ignore: [],
        tolerance: null,
        clientOptions: (c) => ({ url: c.url }),
        signal: abort.signal,
      });
      await firstArrived;
      abort.abort();
      await running;
      expect(got).toEqual(['slow 1']);
      // The rest would take 10 s with the recorded gaps.
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await engine.dispose();
    }
  });
});
