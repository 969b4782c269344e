import { afterEach, describe, expect, it } from 'vitest';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { startTestConsole, type TestConsole } from './console.test-util.js';

let console_: TestConsole;
afterEach(() => console_?.close());

describe('console service', () => {
  it('startDefault gives a listening echo server and an open client session connected to it', async () => {
    console_ = await startTestConsole();
    await console_.service.startDefault();
    const info = await console_.value('app.info', null);
    expect(info).toMatchObject({ version: '0.0.0-test', host: 'web', dataDir: `${console_.dir}/data` });
    expect(info.servers).toEqual([
      { url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/), behaviour: 'echo' },
    ]);
    const listening = await console_.event('listening');
    expect(listening.url).toBe(info.servers[0]!.url);
    const client = await console_.event('connecting', (e) => e.role === 'client');
    await console_.event('open', (e) => e.conn === client.conn);

    // The default session echoes through the default server.
    await console_.value('session.send', {
      session: client.session,
      message: { kind: 'text', text: 'ping?' },
    });
    await console_.until(
      () =>
        console_.rows.some(
          (r) => r.conn === client.conn && r.preview === 'ping?' && (r.flags & ROW_FLAG.IN) !== 0,
        ),
      'the echo',
    );
  });

  it('replays the events already pushed, for a renderer that reloads', async () => {
    console_ = await startTestConsole();
    await console_.service.startDefault();
    const client = await console_.event('connecting', (e) => e.role === 'client');
    await console_.event('open', (e) => e.conn === client.conn);
    const replay = await console_.value('app.replay', null);
    const pushed = console_.events.slice(0, replay.length);
    expect(replay).toEqual(pushed);
    expect(replay.map((e) => e.type)).toEqual(expect.arrayContaining(['listening', 'connecting', 'open']));
    expect(replay.some((e) => (e.type as string) === 'frame')).toBe(false);
  });

  it('starts and stops servers, and refuses an unknown one', async () => {
    console_ = await startTestConsole();
    const rooms = await console_.value('server.start', { behaviour: 'broadcast', port: 0 });
    expect(rooms.behaviour).toBe('broadcast');
    expect((await console_.value('app.info', null)).servers).toEqual([rooms]);
    expect(await console_.call('server.stop', { url: `${rooms.url}/` })).toEqual({ ok: true, value: null });
    await console_.event('server-stopped', (e) => e.url === rooms.url);
    expect((await console_.value('app.info', null)).servers).toEqual([]);
    const again = await console_.call('server.stop', { url: rooms.url });
    expect(!again.ok && again.error.code).toBe('UNKNOWN_SERVER');
    const taken = await console_.call('server.start', {
      behaviour: 'echo',
      port: Number(new URL(rooms.url).port),
      host: '256.0.0.1',
    });
    expect(!taken.ok && taken.error.code).toBe('LISTEN_FAILED');
  });

  it('pushes the last events when disposed', async () => {
    console_ = await startTestConsole();
    await console_.service.startDefault();
    const client = await console_.event('connecting', (e) => e.role === 'client');
    await console_.event('open', (e) => e.conn === client.conn);
    await console_.service.dispose();
    expect(console_.events.some((e) => e.type === 'closed' && e.conn === client.conn)).toBe(true);
    expect(console_.events.some((e) => e.type === 'server-stopped')).toBe(true);
    await console_.service.dispose();
  });
});
