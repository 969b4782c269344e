import { afterEach, describe, expect, it } from 'vitest';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { startTestConsole, type TestConsole } from './console.test-util.js';

let console_: TestConsole;
let server: TestServer;
afterEach(async () => {
  await console_?.close();
  await server?.close();
});

describe('console batching', () => {
  it('pushes a flood of frames in batches of at most batchRows, far fewer pushes than frames', async () => {
    const count = 5000;
    server = await startTestServer(
      (ws) => {
        for (let i = 0; i < count; i++) ws.send(Buffer.from([i & 0xff, i >> 8]));
      },
      { perMessageDeflate: false },
    );
    console_ = await startTestConsole();
    await console_.value('session.connect', { url: server.url, perMessageDeflate: false });
    const incoming = () => console_.rows.filter((r) => (r.flags & ROW_FLAG.IN) !== 0);
    await console_.until(() => incoming().length >= count, `${count} incoming frames`);
    // Each a whole message in one frame: one row each, no message rows.
    expect(incoming().every((r) => (r.flags & ROW_FLAG.WHOLE_MESSAGE) !== 0)).toBe(true);
    expect(console_.rows.some((r) => (r.flags & ROW_FLAG.MESSAGE) !== 0)).toBe(false);

    // 5000 frame rows: at least 5 batches of ≤ 1000 items, and nowhere near one push each.
    const sizes = console_.batches.map((b) => b.rows.id.length + b.events.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(console_.batches.length).toBeGreaterThanOrEqual(5);
    expect(console_.batches.length).toBeLessThan(500);
    expect(sizes.every((n) => n > 0)).toBe(true);
    // None lost or out of order: the frame ids in arrival order.
    expect(console_.rows.map((r) => r.id)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(console_.batches.at(-1)!.stats).toMatchObject({ frames: count, messages: count });
  });

  it('honours a smaller batch size', async () => {
    server = await startTestServer((ws) => {
      for (let i = 0; i < 100; i++) ws.send(`m${i}`);
    });
    console_ = await startTestConsole({ batchRows: 10 });
    await console_.value('session.connect', { url: server.url });
    await console_.until(() => console_.rows.some((r) => r.preview === 'm99'), 'm99');
    expect(console_.batches.every((b) => b.rows.id.length + b.events.length <= 10)).toBe(true);
    expect(console_.batches.length).toBeGreaterThanOrEqual(10);
  });
});
