import { describe, expect, it } from 'vitest';
import { applyServerEvents, isProxy, markServer, mergeServers } from './server-list.js';
import { ev } from './sidebar-fixtures.test-util.js';

const listening = (url: string, behaviour: string) =>
  ev(0, { type: 'listening', url, host: '127.0.0.1', port: 1, tls: false, behaviour });

describe('server list', () => {
  it('follows listening and server-stopped events, ignoring the rest', () => {
    const list = applyServerEvents(
      [],
      [
        listening('ws://127.0.0.1:1', 'echo'),
        ev(3, { type: 'rtt', payload: '', rtt: 1 }),
        listening('ws://127.0.0.1:2', 'broadcast'),
        ev(0, { type: 'server-stopped', url: 'ws://127.0.0.1:1', connections: 4 }),
      ],
    );
    expect(list).toEqual([
      { url: 'ws://127.0.0.1:1', behaviour: 'echo', running: false },
      { url: 'ws://127.0.0.1:2', behaviour: 'broadcast', running: true },
    ]);
  });

  it('returns the same list when nothing changed', () => {
    const list = markServer([], 'ws://x:1', true, 'echo');
    expect(markServer(list, 'ws://x:1', true)).toBe(list);
    expect(markServer(list, 'ws://x:1/', true)).toBe(list);
    expect(applyServerEvents(list, [listening('ws://x:1', 'echo')])).toBe(list);
  });

  it('puts servers from app.info first; what happened since wins', () => {
    const tracked = markServer([], 'ws://a:1', false, 'echo');
    expect(
      mergeServers(
        [
          { url: 'ws://a:1', behaviour: 'echo' },
          { url: 'ws://b:2', behaviour: 'broadcast' },
        ],
        tracked,
      ),
    ).toEqual([
      { url: 'ws://b:2', behaviour: 'broadcast', running: true },
      { url: 'ws://a:1', behaviour: 'echo', running: false },
    ]);
    expect(mergeServers([], tracked)).toBe(tracked);
  });

  it('knows a proxy by its behaviour', () => {
    expect(isProxy({ url: 'ws://p:1', behaviour: 'proxy to ws://t/', running: true })).toBe(true);
    expect(isProxy({ url: 'ws://p:1', behaviour: 'mock proxy.yaml', running: true })).toBe(false);
  });
});
