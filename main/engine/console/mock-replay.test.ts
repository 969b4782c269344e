// The mock panel's replay server with `wstap serve --replay`'s options, through dispatch (the
// contract's checks) into a real engine, answering a real ws client.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../client/ws-server.test-util.js';
import { recordSession, SLOW_MS, startApiServer } from '../replay-server/replay.test-util.js';
import { openClient } from '../server/server.test-util.js';
import { startTestConsole, type TestConsole } from './console.test-util.js';

let api: TestServer;
let console_: TestConsole;
let file: string;

beforeAll(async () => {
  api = await startApiServer();
  console_ = await startTestConsole();
  file = join(console_.dir, 'api.jsonl');
  // Recorded connection 1 adds, connection 2 waits SLOW_MS for its answer.
  await recordSession(file, api.url, [
    [{ send: { id: 1, op: 'add', a: 1, b: 2 }, replies: 1 }],
    [{ send: { id: 2, op: 'slow' }, replies: 1 }],
  ]);
});
afterAll(async () => {
  await console_?.close();
  await api?.close();
});

const servers: string[] = [];
afterEach(async () => {
  for (const url of servers.splice(0)) await console_.value('server.stop', { url });
});

describe('a replay server from the mock panel', () => {
  it('serves the chosen connection without delays, with the client ids, closing on a mismatch', async () => {
    const { server } = await console_.value('mock.start', {
      behaviour: 'replay',
      file,
      replay: { speed: 0, correlate: ['$.id'], window: 1, onMismatch: 'close', connections: [2] },
    });
    servers.push(server.url);
    expect(server).toMatchObject({ kind: 'replay', behaviour: 'replay api.jsonl, 1 connection, no delays' });
    const client = await openClient(`${server.url}/api`);
    expect(await client.next()).toEqual({ text: JSON.stringify({ type: 'welcome', server: 'api' }) });
    const sent = performance.now();
    client.ws.send(JSON.stringify({ id: 'x7', op: 'slow' }));
    // Connection 2's answer (not connection 1's add), with the live id, without the recorded wait.
    expect(await client.next()).toEqual({ text: JSON.stringify({ id: 'x7', result: 'slow' }) });
    expect(performance.now() - sent).toBeLessThan(SLOW_MS);
    client.ws.send(JSON.stringify({ id: 'x8', op: 'add', a: 5, b: 5 }));
    expect(await client.closed).toEqual({ code: 1008, reason: 'message not in the recording' });
  });

  it('keeps the recorded gaps by default and serves every connection in file order', async () => {
    const { server } = await console_.value('mock.start', { behaviour: 'replay', file, replay: {} });
    servers.push(server.url);
    expect(server.behaviour).toBe('replay api.jsonl, 2 connections');
    const first = await openClient(`${server.url}/api`);
    await first.next();
    first.ws.send(JSON.stringify({ id: 1, op: 'add', a: 1, b: 2 }));
    expect(await first.next()).toEqual({ text: JSON.stringify({ id: 1, result: 3 }) });
    const second = await openClient(`${server.url}/api`);
    await second.next();
    const sent = performance.now();
    second.ws.send(JSON.stringify({ id: 2, op: 'slow' }));
    expect(await second.next(5000)).toEqual({ text: JSON.stringify({ id: 2, result: 'slow' }) });
    expect(performance.now() - sent).toBeGreaterThanOrEqual(SLOW_MS * 0.9);
    first.ws.close();
    second.ws.close();
  });

  it('refuses options that cannot work, naming the field', async () => {
    const error = async (input: object) => {
      const result = await console_.call('mock.start', input as never);
      return result.ok ? (servers.push(result.value.server.url), null) : result.error;
    };
    expect(
      await error({ behaviour: 'replay', file, replay: { correlate: ['$.items[*].id'] } }),
    ).toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringMatching(/^input\.replay\.correlate\[0\]: .*wildcards are not supported/),
    });
    expect(await error({ behaviour: 'replay', file, replay: { correlate: ['$'] } })).toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('names the whole message'),
    });
    expect(await error({ behaviour: 'replay', file, replay: { ignore: ['$.a', 'ts'] } })).toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringMatching(/^input\.replay\.ignore\[1\]: .*must start with \$/),
    });
    expect(await error({ behaviour: 'replay', file, replay: { connections: [9] } })).toMatchObject({
      code: 'IMPORT_FAILED',
      message: 'the file has no connection 9 (its connections: 1, 2)',
    });
    expect(await error({ behaviour: 'echo', replay: { speed: 2 } })).toMatchObject({
      code: 'BAD_INPUT',
      message: 'input.replay: only a replay server takes replay options',
    });
    for (const [replay, message] of [
      [{ speed: -1 }, 'input.replay.speed: expected a number 0..1000 (0: no delays)'],
      [{ speed: Number.NaN }, 'input.replay.speed: expected a number 0..1000 (0: no delays)'],
      [{ window: 0 }, 'input.replay.window: expected an integer 1..10000'],
      [{ onMismatch: 'drop' }, 'input.replay.onMismatch: expected one of "warn", "close"'],
      [{ connections: [0] }, 'input.replay.connections[0]: expected an integer 1..2147483648'],
      [{ loop: true }, /loop/],
    ] as const)
      expect(await error({ behaviour: 'replay', file, replay })).toMatchObject({
        code: 'BAD_INPUT',
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      });
  });
});
