// `wstap serve --replay` end to end: a session recorded by wstap's engine against a real `ws` JSON
// API (two clients at once), served by the real binary to npm `ws` clients that send the same
// requests with new ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCliOnce, runBin } from '../../main/cli/bin.test-util.js';
import { startServeBin, type ServeBin } from '../../main/cli/serve/serve-bin.test-util.js';
import { loadConversation } from '../../main/engine/interchange/load-conversation.js';
import { recordSession, startApiServer } from '../../main/engine/replay-server/replay.test-util.js';
import { openClient, type TestClient } from '../../main/engine/server/server.test-util.js';

let dir = '';
let file = '';
/** The recorded gap between the `slow` request and its reply, ms. */
let slowGap = 0;
let serve: ServeBin | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wstap-serve-replay-'));
  file = join(dir, 'api.wstap.jsonl');
  const [api] = await Promise.all([startApiServer(), buildCliOnce()]);
  try {
    await recordSession(file, api.url, [
      [
        { send: { id: 1, op: 'add', a: 1, b: 2, ts: 1000 }, replies: 1 },
        { send: { id: 2, op: 'slow' }, replies: 1 },
        { send: { id: 3, op: 'subscribe' }, replies: 3 },
        { send: Uint8Array.of(1, 2, 3), replies: 1 },
        { send: { id: 4, op: 'bye' }, replies: 0 },
      ],
      [
        { send: { id: 1, op: 'add', a: 5, b: 5, ts: 1000 }, replies: 1 },
        { send: { id: 2, op: 'add', a: 7, b: 1, ts: 1001 }, replies: 1 },
      ],
    ]);
  } finally {
    await api.close();
  }
  const recorded = (await loadConversation(file)).connections[0]?.messages ?? [];
  const request = recorded.find((m) => m.text?.includes('"slow"'));
  const reply = recorded.find((m) => m.text?.includes('"result":"slow"'));
  slowGap = (reply?.t ?? 0) - (request?.t ?? 0);
}, 180_000);
afterEach(async () => {
  await serve?.stop('SIGKILL');
  serve = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Clients send ids and timestamps of their own; no waiting, so the order is all that counts. */
const NEW_IDS_AT_ONCE = ['--correlate', '$.id', '--ignore', '$.ts', '--speed', 'max'];

/** Sends a request as JSON and resolves with the next message, parsed. */
async function call(client: TestClient, request: Record<string, unknown>): Promise<unknown> {
  client.ws.send(JSON.stringify(request));
  const got = await client.next();
  return 'text' in got ? JSON.parse(got.text) : got;
}

/** A client of the replay server that has had its recorded welcome. */
async function client(url: string, recorded: number): Promise<TestClient> {
  const c = await openClient(`${url}/api`);
  expect(await c.next()).toEqual({ text: '{"type":"welcome","server":"api"}' });
  await serve?.waitFor(new RegExp(`replaying recorded connection #${recorded} `));
  return c;
}

describe('wstap serve --replay (the binary, npm ws clients)', () => {
  it('serves two clients at once, each its own recorded connection and cursor, with their own ids back', async () => {
    serve = await startServeBin(['serve', '--replay', file, ...NEW_IDS_AT_ONCE]);
    expect(serve.stderr()).toMatch(
      /listening on ws:\/\/127\.0\.0\.1:\d+ \(replay api\.wstap\.jsonl, 2 connections, no delays\)/,
    );
    const a = await client(serve.url, 1);
    const b = await client(serve.url, 2);
    // Interleaved, with ids and timestamps of their own: each client follows its own recording.
    expect(await call(b, { id: 'b-1', op: 'add', a: 5, b: 5, ts: Date.now() })).toEqual({
      id: 'b-1',
      result: 10,
    });
    expect(await call(a, { id: 'a-1', op: 'add', a: 1, b: 2, ts: Date.now() })).toEqual({
      id: 'a-1',
      result: 3,
    });
    expect(await call(a, { id: 'a-2', op: 'slow' })).toEqual({ id: 'a-2', result: 'slow' });
    expect(await call(b, { id: 'b-2', op: 'add', a: 7, b: 1, ts: Date.now() })).toEqual({
      id: 'b-2',
      result: 8,
    });
    // The pushes after the subscribe keep the ids the server gave them.
    expect(await call(a, { id: 'a-3', op: 'subscribe' })).toEqual({ id: 'a-3', ok: true });
    expect(await a.next()).toEqual({ text: '{"type":"tick","n":1,"id":900}' });
    expect(await a.next()).toEqual({ text: '{"type":"tick","n":2,"id":901}' });
    a.ws.send(Uint8Array.of(1, 2, 3));
    expect(await a.next()).toEqual({ binary: [3, 2, 1] });
    a.ws.send(JSON.stringify({ id: 'a-4', op: 'bye' }));
    expect(await a.closed).toEqual({ code: 4000, reason: 'done' });
    await serve.waitFor(
      /#\d+ log: recorded #2: end of the recording, all 2 recorded client messages matched; in the recording the client closed next \(1000\); staying open/,
    );
    expect(b.ws.readyState).toBe(b.ws.OPEN);
    expect(serve.stderr()).toMatch(/rule client message 1 of recorded #1 → reply text 19 B \(correlated\)/);
    expect(serve.stderr()).toMatch(/log: recorded #1: end of the recording: closing as its server did/);
    expect(serve.stderr()).not.toMatch(/log warn/);
  });

  it('keeps the recorded gaps, divided by --speed', async () => {
    expect(slowGap).toBeGreaterThanOrEqual(600);
    for (const [speed, factor] of [
      ['1', 1],
      ['3', 3],
    ] as const) {
      serve = await startServeBin(['serve', '--replay', file, '--correlate', '$.id', '--speed', speed]);
      const a = await client(serve.url, 1);
      const sent = performance.now();
      expect(await call(a, { id: 9, op: 'slow' })).toEqual({ id: 9, result: 'slow' });
      const took = performance.now() - sent;
      expect(took, `--speed ${speed}`).toBeGreaterThanOrEqual(slowGap / factor - 5);
      expect(took, `--speed ${speed}`).toBeLessThan(slowGap / factor + 300);
      await serve.stop('SIGKILL');
    }
  });

  it('takes requests out of order within --window, and warns of one the recording lacks', async () => {
    serve = await startServeBin(['serve', '--replay', file, ...NEW_IDS_AT_ONCE]);
    const a = await client(serve.url, 1);
    expect(await call(a, { id: 'x', op: 'subscribe' })).toEqual({ id: 'x', ok: true });
    await a.next();
    await a.next();
    expect(await call(a, { id: 'y', op: 'slow' })).toEqual({ id: 'y', result: 'slow' });
    a.ws.send(JSON.stringify({ id: 'z', op: 'divide', a: 1, b: 0 }));
    expect(await call(a, { id: 'w', op: 'add', a: 1, b: 2 })).toEqual({ id: 'w', result: 3 });
    await serve.waitFor(/log warn: recorded #1: message 3 .*is not in the recording/);
    expect(serve.stderr()).toContain(
      'rule client message 3 (ahead of 2 earlier ones) of recorded #1 → reply text 18 B (correlated), reply text 30 B, reply text 30 B',
    );
    expect(serve.stderr()).toContain(
      'rule client message 2 (ahead of 1 earlier one) of recorded #1 → reply text 24 B (correlated)',
    );
    expect(serve.stderr()).toContain(
      'log warn: recorded #1: message 3 "{"id":"z","op":"divide","a":1,"b":0}" is not in the recording; closest expected: client message 1 "{"id":1,"op":"add","a":1,"b":2,"ts":1000}" ($.op: "divide", recorded "add" (and 1 more difference))',
    );
    expect(a.ws.readyState).toBe(a.ws.OPEN);

    // With a window of 1 the same order is a mismatch, and --on-mismatch close ends the connection.
    await serve.stop('SIGKILL');
    serve = await startServeBin(['serve', '--replay', file, '--window', '1', '--on-mismatch', 'close']);
    const strict = await client(serve.url, 1);
    strict.ws.send(JSON.stringify({ id: 3, op: 'subscribe' }));
    expect(await strict.closed).toEqual({ code: 1008, reason: 'message not in the recording' });
    await serve.waitFor(/log warn: recorded #1: message 1 .*; closing with 1008/);
  });

  it('serves only the connections --connection names, and refuses what it cannot serve with exit 2', async () => {
    serve = await startServeBin(['serve', '--replay', file, '--connection', '2', '--speed', 'max']);
    const b = await client(serve.url, 2);
    expect(await call(b, { id: 1, op: 'add', a: 5, b: 5, ts: 1000 })).toEqual({ id: 1, result: 10 });
    expect(await runBin(['serve', '--replay', file, '--connection', '7'])).toMatchObject({
      code: 2,
      stderr: 'wstap: the file has no connection 7 (its connections: 1, 2)\n',
    });
    expect(await runBin(['serve', '--replay', join(dir, 'missing.jsonl')])).toMatchObject({
      code: 2,
      stderr: `wstap: cannot read ${join(dir, 'missing.jsonl')}: no such file\n`,
    });
    expect(await runBin(['serve', '--speed', '2'])).toMatchObject({
      code: 2,
      stderr: 'wstap: --speed goes with --replay FILE\n',
    });
  });
});
