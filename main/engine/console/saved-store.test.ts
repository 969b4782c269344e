import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedConnection, SavedMessage } from '../../../shared/ipc/contract.js';
import { startTestConsole, type TestConsole } from './console.test-util.js';
import { SavedStore } from './saved-store.js';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'wstap-saved-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const local: SavedConnection = {
  name: 'local',
  options: { url: 'ws://127.0.0.1:8080', perMessageDeflate: false },
};
const hello: SavedMessage = { name: 'hello', group: '', message: { kind: 'json', text: '{"op":"hello"}' } };

describe('SavedStore', () => {
  it('round-trips connections and messages through files it creates in a missing folder', async () => {
    const data = join(dir, 'nested', 'data');
    const store = new SavedStore(data);
    expect(await store.connections()).toEqual([]);
    expect(await store.putConnection(local)).toEqual([local]);
    const other = { name: 'prod', options: { url: 'wss://example.com/ws' } };
    await store.putConnection(other);
    const renamed = { ...local, options: { url: 'ws://127.0.0.1:9090' } };
    expect(await store.putConnection(renamed)).toEqual([renamed, other]);
    expect(await store.removeConnection('prod')).toEqual([renamed]);
    expect(await store.removeConnection('nothing')).toEqual([renamed]);
    expect(await store.setMessages([hello, { ...hello, name: 'bye', group: 'g' }])).toHaveLength(2);

    const again = new SavedStore(data);
    expect(await again.connections()).toEqual([renamed]);
    expect((await again.messages()).map((m) => m.name)).toEqual(['hello', 'bye']);
    expect(JSON.parse(await readFile(join(data, 'connections.json'), 'utf8'))).toEqual({
      version: 1,
      connections: [renamed],
    });
    expect((await readdir(data)).sort()).toEqual(['connections.json', 'messages.json']);
  });

  it('applies quick edits one after the other', async () => {
    const store = new SavedStore(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.putConnection({ name: `c${i}`, options: { url: 'ws://a' } }),
      ),
    );
    expect((await store.connections()).map((c) => c.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `c${i}`),
    );
  });

  it('moves a corrupt file aside, reports SAVED_UNREADABLE once, then starts empty', async () => {
    await writeFile(join(dir, 'connections.json'), '{"version": 1, "connections": [');
    const store = new SavedStore(dir);
    await expect(store.connections()).rejects.toMatchObject({
      code: 'SAVED_UNREADABLE',
      message: expect.stringMatching(/not JSON: .*moved to .*connections\.json\.bad-/),
    });
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('connections.json.bad-'))!;
    expect(await readFile(join(dir, aside), 'utf8')).toBe('{"version": 1, "connections": [');
    expect(await store.connections()).toEqual([]);
    expect(await store.putConnection(local)).toEqual([local]);
  });

  it('refuses a file of the wrong shape or version', async () => {
    await writeFile(join(dir, 'messages.json'), JSON.stringify({ version: 1, messages: [{ name: 'x' }] }));
    await expect(new SavedStore(dir).messages()).rejects.toMatchObject({
      code: 'SAVED_UNREADABLE',
      message: expect.stringContaining('messages[0].group: missing'),
    });
    await writeFile(join(dir, 'messages.json'), JSON.stringify({ version: 2, messages: [] }));
    await expect(new SavedStore(dir).messages()).rejects.toMatchObject({
      message: expect.stringContaining('version 2'),
    });
  });

  it('reports SAVED_WRITE_FAILED when the folder cannot be made', async () => {
    await writeFile(join(dir, 'file'), 'not a folder');
    const store = new SavedStore(join(dir, 'file', 'data'));
    await expect(store.putConnection(local)).rejects.toMatchObject({ code: 'SAVED_WRITE_FAILED' });
  });
});

describe('saved.* through the bridge', () => {
  let console_: TestConsole;
  afterEach(() => console_?.close());

  it('answers Results, a corrupt file included', async () => {
    console_ = await startTestConsole();
    expect(await console_.call('saved.putConnection', local)).toEqual({ ok: true, value: [local] });
    expect(await console_.call('saved.setMessages', [hello])).toEqual({ ok: true, value: [hello] });
    expect(await console_.call('saved.messages', null)).toEqual({ ok: true, value: [hello] });
    expect(await console_.call('saved.removeConnection', { name: 'local' })).toEqual({ ok: true, value: [] });
    const data = (await console_.value('app.info', null)).dataDir;
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'messages.json'), 'garbage');
    const result = await console_.call('saved.messages', null);
    expect(!result.ok && result.error.code).toBe('SAVED_UNREADABLE');
  });
});
