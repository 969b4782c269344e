import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { hasFlag, startTestConsole, type TestConsole } from './console.test-util.js';

let console_: TestConsole;
afterEach(() => console_?.close());

const reply = (text: string): string =>
  `routes:\n  - path: /echo\n    rules:\n      - match: { text: hello }\n        then:\n          - reply: "${text}"\n`;

/** Whether the client conn `conn` received a text message `text`. */
const received = (c: TestConsole, conn: number, text: string): boolean =>
  c.rows.some((r) => r.conn === conn && r.preview === text && hasFlag(r, ROW_FLAG.IN));

async function mockServer(c: TestConsole, text: string) {
  const file = join(c.dir, 'chat.yaml');
  await writeFile(file, text);
  const started = await c.value('mock.start', { behaviour: 'mock', file });
  return { file, url: started.server.url, started };
}

describe('mock servers from the console', () => {
  it('serves a mock file, hot-reloads a save and keeps the last good definition on a broken one', async () => {
    console_ = await startTestConsole();
    const { file, url, started } = await mockServer(console_, reply('first'));
    expect(started.server).toMatchObject({ kind: 'mock', file, reloads: true, behaviour: 'mock chat.yaml' });
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const { session, conn } = await console_.connect({ url: `${url}/echo` });
    await console_.value('session.send', { session, message: { kind: 'text', text: 'hello' } });
    await console_.until(() => received(console_, conn, 'first'), 'the first reply');

    const saved = await console_.value('mock.write', { path: file, text: reply('second') });
    expect(saved).toMatchObject({ path: file, servers: 1, validation: { ok: true, errors: [] } });
    await console_.event('reload', (e) => e.ok);
    await console_.value('session.send', { session, message: { kind: 'text', text: 'hello' } });
    await console_.until(() => received(console_, conn, 'second'), 'the reloaded reply');

    const broken = reply('third').replace('match: { text: hello }', 'match: { txet: hello }');
    const refused = await console_.value('mock.write', { path: file, text: broken });
    expect(refused.validation.ok).toBe(false);
    expect(refused.validation.errors[0]).toMatchObject({ line: 4, path: 'routes[0].rules[0].match' });
    expect(refused.validation.errors[0]!.message).toMatch(/did you mean 'text'/);
    const failed = await console_.event('reload', (e) => !e.ok);
    expect(failed.message).toContain('chat.yaml:4:');
    expect(await readFile(file, 'utf8')).toBe(broken);
    const seconds = () =>
      console_.rows.filter((r) => r.conn === conn && r.preview === 'second' && hasFlag(r, ROW_FLAG.IN))
        .length;
    expect(seconds()).toBe(1);
    await console_.value('session.send', { session, message: { kind: 'text', text: 'hello' } });
    await console_.until(() => seconds() === 2, 'the old reply again');
    expect(received(console_, conn, 'third')).toBe(false);
  });

  it('lists clients, sends to one, a room or all, and closes one with a code', async () => {
    console_ = await startTestConsole();
    const { url } = await console_.value('mock.start', { behaviour: 'broadcast' }).then((s) => s.server);
    const a = await console_.connect({ url: `${url}/lobby` });
    const b = await console_.connect({ url: `${url}/lobby` });
    const [listed] = (await console_.value('mock.servers', null)).filter((s) => s.url === url);
    expect(listed).toMatchObject({ kind: 'broadcast', file: null, rooms: [{ room: '/lobby', members: 2 }] });
    const server = listed!.clients.map((c) => c.id);
    expect(listed!.clients[0]).toMatchObject({ path: '/lobby', rooms: ['/lobby'], messagesIn: 0 });

    // The server side of a client is another connection id; the client sees what it sends.
    expect(
      await console_.value('mock.send', {
        url,
        to: { kind: 'conn', id: server[0]! },
        message: { kind: 'text', text: 'to one' },
      }),
    ).toEqual({ sent: 1 });
    await console_.until(() => received(console_, a.conn, 'to one'), 'the one message');
    expect(
      await console_.value('mock.send', {
        url,
        to: { kind: 'room', room: '/lobby' },
        message: { kind: 'json', text: '{"to":"room"}' },
      }),
    ).toEqual({ sent: 2 });
    expect(
      await console_.value('mock.send', {
        url,
        to: { kind: 'all' },
        message: { kind: 'binary', base64: 'AAEC' },
      }),
    ).toEqual({ sent: 2 });
    await console_.until(
      () => received(console_, b.conn, '{"to":"room"}') && received(console_, b.conn, '00 01 02'),
      'room and all',
    );

    await console_.value('mock.close', { url, conn: server[1]!, code: 4001, reason: 'kicked' });
    const closed = await console_.event('closed', (e) => e.conn === b.conn);
    expect(closed.code).toBe(4001);
    const bad = await console_.call('mock.close', { url, conn: server[0]!, code: 1005 });
    expect(bad.ok ? null : bad.error.code).toBe('CLOSE_CODE_NOT_ALLOWED');
    const gone = await console_.call('mock.send', {
      url,
      to: { kind: 'conn', id: 9999 },
      message: { kind: 'text', text: 'x' },
    });
    expect(gone.ok ? null : gone.error.code).toBe('UNKNOWN_CONNECTION');
  });

  it('is stopped by server.stop, which also ends its hot reload', async () => {
    console_ = await startTestConsole();
    const { file, url } = await mockServer(console_, reply('first'));
    expect((await console_.value('app.info', null)).servers).toEqual([{ url, behaviour: 'mock chat.yaml' }]);
    await console_.value('server.stop', { url });
    await console_.event('server-stopped', (e) => e.url === url);
    expect(await console_.value('mock.servers', null)).toEqual([]);
    expect((await console_.value('mock.write', { path: file, text: reply('x') })).servers).toBe(0);
  });

  it('refuses a mock that does not load, a missing file and other files than mock definitions', async () => {
    console_ = await startTestConsole();
    const file = join(console_.dir, 'bad.yaml');
    await writeFile(file, 'routes: []\n');
    const invalid = await console_.call('mock.start', { behaviour: 'mock', file });
    expect(invalid.ok ? null : invalid.error).toMatchObject({
      code: 'MOCK_INVALID',
      message: /bad\.yaml:1:9/,
    });
    const none = await console_.call('mock.start', { behaviour: 'mock' });
    expect(none.ok ? null : none.error.code).toBe('BAD_INPUT');
    const key = await console_.call('mock.read', { path: '/etc/shadow' });
    expect(key.ok ? null : key.error.code).toBe('MOCK_FILE_REFUSED');
    const profile = await console_.call('mock.write', { path: join(console_.dir, '.bashrc'), text: 'x' });
    expect(profile.ok ? null : profile.error.code).toBe('MOCK_FILE_REFUSED');
    const missing = await console_.call('mock.read', { path: join(console_.dir, 'nope.yaml') });
    expect(missing.ok ? null : missing.error).toMatchObject({
      code: 'FILE_UNREADABLE',
      message: /no such file/,
    });
    expect(await console_.value('mock.read', { path: file })).toEqual({ path: file, text: 'routes: []\n' });
  });

  it('validates text without saving, with positions, and gives the schema', async () => {
    console_ = await startTestConsole();
    const yaml = await console_.value('mock.validate', {
      text: 'routes:\n  - path: /a\n    rulez: []\n',
      format: 'yaml',
    });
    expect(yaml).toEqual({
      ok: false,
      errors: [
        {
          severity: 'error',
          line: 3,
          column: 5,
          path: 'routes[0].rulez',
          message: "unknown key 'rulez' (did you mean 'rules'?)",
        },
      ],
      warnings: [],
    });
    const json = await console_.value('mock.validate', { text: '{"routes": [}', format: 'json' });
    expect(json.errors[0]).toMatchObject({ line: 1, column: 13 });
    expect((await console_.value('mock.validate', { text: reply('ok'), format: 'yaml' })).ok).toBe(true);
    const schema = await console_.value('mock.schema', null);
    expect(Object.keys(schema.properties as object)).toContain('routes');
  });
});
