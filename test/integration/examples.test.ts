// Every mock in examples/mock/ served by wstap and exercised by a real ws client: the Go guides'
// scenarios (echo, chat rooms, heartbeat, token auth, binary, a JSON API with correlation ids).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { behaviourSource } from '../../main/cli/serve/behaviour-source.js';
import { planServe } from '../../main/cli/serve/serve-plan.js';
import { createEngine, type Engine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { openClient } from '../../main/engine/server/server.test-util.js';
import { REPO_ROOT } from '../peers/paths.js';

const DIR = join(REPO_ROOT, 'examples', 'mock');
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

/** Serves one example as `wstap serve --mock` does; fails on load errors or warnings. */
async function serveExample(name: string) {
  const loaded = await behaviourSource(planServe({ mock: join(DIR, name) })).load();
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  expect(loaded.warnings ?? []).toEqual([]);
  engine = createEngine();
  const log = new EventLog(engine);
  const server = await engine.serve({ behaviour: loaded.behaviour });
  return { url: server.url, log };
}

/** The status and body of a refused upgrade. */
function refusal(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

const json = (got: unknown): unknown => JSON.parse((got as { text: string }).text);

const SCENARIOS: Record<string, () => Promise<void>> = {
  'echo.yaml': async () => {
    const { url } = await serveExample('echo.yaml');
    const client = await openClient(`${url}/anything`);
    client.ws.send('hello');
    expect(await client.next()).toEqual({ text: 'hello' });
    client.ws.send(Buffer.from([0, 1, 254]));
    expect(await client.next()).toEqual({ binary: [0, 1, 254] });
  },
  'chat.yaml': async () => {
    const { url, log } = await serveExample('chat.yaml');
    const ana = await openClient(`${url}/chat/lobby`);
    const bo = await openClient(`${url}/chat/lobby`);
    const cy = await openClient(`${url}/chat/dev`);
    for (const c of [ana, bo, cy]) expect(json(await c.next())).toMatchObject({ type: 'joined' });
    await log.waitFor('room', (e) => e.room === 'lobby' && e.members === 2);
    ana.ws.send('hi lobby');
    const said = { type: 'message', room: 'lobby', text: 'hi lobby' };
    expect(json(await bo.next())).toMatchObject(said);
    expect(json(await ana.next())).toMatchObject(said);
    cy.ws.send('hi dev');
    expect(json(await cy.next())).toMatchObject({ room: 'dev', text: 'hi dev' });
    await expect(bo.next(200)).rejects.toThrow(/no message/);
  },
  'heartbeat.yaml': async () => {
    const { url, log } = await serveExample('heartbeat.yaml');
    const alive = await openClient(url);
    const silent = await openClient(url, { autoPong: false });
    expect(await silent.closed).toMatchObject({ code: 1006 });
    expect(await log.waitFor('heartbeat-timeout')).toMatchObject({ missed: 1 });
    alive.ws.send('still here');
    expect(await alive.next()).toEqual({ text: 'still here' });
  },
  'auth.yaml': async () => {
    const { url } = await serveExample('auth.yaml');
    expect(await refusal(`${url}/secure`)).toEqual({
      status: 401,
      body: '{"error":"missing header authorization"}',
    });
    expect((await refusal(`${url}/secure`, { authorization: 'Bearer nope' })).status).toBe(401);
    const secure = await openClient(`${url}/secure`, { headers: { authorization: 'Bearer s3cret' } });
    expect(json(await secure.next())).toEqual({ type: 'welcome', auth: 'handshake' });
    const good = await openClient(`${url}/login-first`);
    good.ws.send('{"token":"s3cret"}');
    expect(json(await good.next())).toEqual({ type: 'auth-ok' });
    good.ws.send('now echoed');
    expect(await good.next()).toEqual({ text: 'now echoed' });
    const early = await openClient(`${url}/login-first`);
    early.ws.send('hello?');
    expect(await early.closed).toEqual({ code: 1008, reason: 'authenticate first' });
    const wrong = await openClient(`${url}/login-first`);
    wrong.ws.send('{"token":"guess"}');
    expect(await wrong.closed).toEqual({ code: 1008, reason: 'bad token' });
    const silent = await openClient(`${url}/login-first`);
    expect(await silent.closed).toEqual({ code: 1008, reason: 'no auth message within 3 s' });
    expect(good.ws.readyState).toBe(WebSocket.OPEN);
  },
  'binary.yaml': async () => {
    const { url, log } = await serveExample('binary.yaml');
    const client = await openClient(url);
    client.ws.send(Buffer.from('89504e470d0a1a0a0000', 'hex'));
    expect(json(await client.next())).toEqual({ type: 'png', message: 1 });
    client.ws.send(Buffer.from([1, 2]));
    expect(await client.next()).toEqual({ binary: [0xca, 0xfe, 0xba, 0xbe] });
    client.ws.send('image');
    const image = (await client.next()) as { binary: number[] };
    expect(Buffer.from(image.binary).subarray(1, 4).toString()).toBe('PNG');
    expect(await log.waitFor('message', (m) => m.dir === 'out' && m.frameCount === 2)).toMatchObject({
      opcodeName: 'binary',
    });
  },
  'json-api.yaml': async () => {
    const { url } = await serveExample('json-api.yaml');
    const client = await openClient(`${url}/api`, { protocols: ['jsonrpc'] });
    expect(client.ws.protocol).toBe('jsonrpc');
    const call = async (request: unknown): Promise<unknown> => {
      client.ws.send(typeof request === 'string' ? request : JSON.stringify(request));
      return json(await client.next());
    };
    expect(await call({ id: 1, method: 'getUser', params: { id: 42 } })).toEqual({
      id: 1,
      result: { id: 42, name: 'Ana' },
    });
    expect(await call({ id: 'a', method: 'sum', params: [1, 2, 3.5] })).toEqual({ id: 'a', result: 6.5 });
    expect(await call({ id: 3, method: 'nope' })).toEqual({
      id: 3,
      error: { code: -32601, message: 'method not found: nope' },
    });
    expect(await call({ method: 'getUser' })).toEqual({
      id: null,
      error: { code: -32600, message: 'invalid request: no id' },
    });
    expect(await call('not json')).toEqual({
      id: null,
      error: { code: -32700, message: 'parse error: send a JSON object' },
    });
    expect(await call({ id: 9, method: 'slow' })).toEqual({ id: 9, result: 'done' });
  },
};

describe('examples/mock', () => {
  it('has a scenario for every example file', () => {
    expect(
      readdirSync(DIR)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort(),
    ).toEqual(Object.keys(SCENARIOS).sort());
  });
  for (const [name, scenario] of Object.entries(SCENARIOS)) it(name, scenario, 20_000);
});
