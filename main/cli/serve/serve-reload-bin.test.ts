// `wstap serve --handler` end to end: the real binary reloads an edited handler without dropping
// clients, keeps the last good one when an edit is broken, and with --reload-close 1012 makes
// clients reconnect.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openClient } from '../../engine/server/server.test-util.js';
import { buildCliOnce } from '../bin.test-util.js';
import { startServeBin, type ServeBin } from './serve-bin.test-util.js';

let serve: ServeBin | null = null;
let dir = '';
afterEach(async () => {
  await serve?.stop('SIGKILL');
  serve = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const handler = (reply: string): string =>
  `export function onMessage(ctx, msg) { ctx.send(${JSON.stringify(reply)} + ' ' + msg.text); }\n`;

describe('wstap serve --handler (the binary)', () => {
  beforeAll(() => buildCliOnce(), 180_000);

  it('applies an edit to connected clients and refuses a broken one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wstap-handler-'));
    const file = join(dir, 'api.mjs');
    writeFileSync(file, handler('v1'));
    serve = await startServeBin(['serve', '--handler', file]);
    const client = await openClient(serve.url);
    client.ws.send('a');
    expect(await client.next()).toEqual({ text: 'v1 a' });
    writeFileSync(file, handler('v2'));
    await serve.waitFor(/reloaded .*api\.mjs: applied; 1 connected client kept/);
    client.ws.send('b');
    expect(await client.next()).toEqual({ text: 'v2 b' });
    writeFileSync(file, 'export function onMessage(ctx, msg) { ctx.send(\n');
    await serve.waitFor(/reload refused \(.*api\.mjs\), the last good version stays: .*api\.mjs:\d+/);
    client.ws.send('c');
    expect(await client.next()).toEqual({ text: 'v2 c' });
  });

  it('--reload-close 1012 closes clients so they reconnect to the new version', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wstap-handler-'));
    const file = join(dir, 'api.mjs');
    writeFileSync(file, handler('v1'));
    serve = await startServeBin(['serve', '--handler', file, '--reload-close', '1012']);
    const client = await openClient(serve.url);
    writeFileSync(file, handler('v2'));
    expect(await client.closed).toEqual({ code: 1012, reason: 'mock reloaded' });
    const again = await openClient(serve.url);
    again.ws.send('x');
    expect(await again.next()).toEqual({ text: 'v2 x' });
  });
});
