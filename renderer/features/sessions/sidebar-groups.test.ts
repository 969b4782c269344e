import { describe, expect, it } from 'vitest';
import { markServer, type ServerList } from './server-list.js';
import { hostPortOf, groupSidebar } from './sidebar-groups.js';
import { closed, connecting, connectionsOf, ev } from './sidebar-fixtures.test-util.js';

const servers: ServerList = [
  { url: 'ws://127.0.0.1:4000', behaviour: 'echo', running: true },
  { url: 'ws://127.0.0.1:5000', behaviour: 'broadcast', running: false },
  { url: 'ws://127.0.0.1:6000', behaviour: 'proxy to ws://upstream:9000/feed', running: true },
];

describe('groupSidebar', () => {
  it('keeps the attempts of one reconnecting session together, oldest first', () => {
    const sections = groupSidebar(
      connectionsOf(
        connecting(1, 'client', 'ws://a/x', 1),
        closed(1),
        ev(1, { type: 'reconnect', attempt: 2, delayMs: 10, reason: '' }),
        connecting(2, 'client', 'ws://b/', 2),
        connecting(3, 'client', 'ws://a/x', 1, 2),
        ev(3, { type: 'open', subprotocol: null, extensions: null, ms: 1 }),
      ),
      [],
    );
    expect(sections.clients.map((g) => [g.session, g.connections.map((c) => c.conn), g.latest.conn])).toEqual(
      [
        [1, [1, 3], 3],
        [2, [2], 2],
      ],
    );
    expect(sections.clients[0]!.live).toBe(true);
  });

  it('tells a session waiting to reconnect from one that ended', () => {
    const waiting = connectionsOf(
      connecting(1, 'client', 'ws://a/', 1),
      closed(1),
      ev(1, { type: 'reconnect', attempt: 2, delayMs: 10, reason: '' }),
    );
    expect(groupSidebar(waiting, []).clients[0]).toMatchObject({ live: true, reconnecting: true });
    const ended = connectionsOf(
      connecting(1, 'client', 'ws://a/', 1),
      closed(1),
      ev(1, { type: 'reconnect', attempt: 2, delayMs: 10, reason: '' }),
      ev(1, { type: 'session-end', session: 1, attempts: 1, reason: 'stopped' }),
    );
    expect(groupSidebar(ended, []).clients[0]).toMatchObject({ live: false, reconnecting: false });
    const oneShot = connectionsOf(connecting(1, 'client', 'ws://a/', 1), closed(1));
    expect(groupSidebar(oneShot, []).clients[0]).toMatchObject({ live: false, reconnecting: false });
  });

  it('puts accepted connections under their server by host:port, the rest under "server connections"', () => {
    const sections = groupSidebar(
      connectionsOf(
        connecting(1, 'server', 'ws://127.0.0.1:4000', 0),
        connecting(2, 'server', 'ws://127.0.0.1:7777', 0),
        connecting(3, 'server', 'ws://127.0.0.1:5000', 0),
      ),
      servers,
    );
    expect(sections.servers.map((g) => [g.server.url, g.connections.map((c) => c.conn)])).toEqual([
      ['ws://127.0.0.1:4000', [1]],
      ['ws://127.0.0.1:5000', [3]],
    ]);
    expect(sections.serverOrphans.map((c) => c.conn)).toEqual([2]);
    expect(sections.clients).toEqual([]);
  });

  it('drops a stopped server with nothing to show', () => {
    const sections = groupSidebar({}, servers);
    expect(sections.servers.map((g) => g.server.url)).toEqual(['ws://127.0.0.1:4000']);
  });

  it('lists proxies apart, with the connections they relayed by target', () => {
    const sections = groupSidebar(
      connectionsOf(
        connecting(1, 'client', 'ws://upstream:9000/feed', 0),
        connecting(2, 'client', 'ws://elsewhere/', 0),
      ),
      servers,
    );
    expect(sections.proxies.map((g) => [g.server.url, g.connections.map((c) => c.conn)])).toEqual([
      ['ws://127.0.0.1:6000', [1]],
    ]);
    expect(sections.proxyOrphans.map((c) => c.conn)).toEqual([2]);
    expect(sections.servers.map((g) => g.server.url)).not.toContain('ws://127.0.0.1:6000');
  });

  it('has empty sections when nothing runs', () => {
    expect(groupSidebar({}, [])).toEqual({
      clients: [],
      servers: [],
      serverOrphans: [],
      proxies: [],
      proxyOrphans: [],
    });
  });

  it('uses servers marked by the Start button', () => {
    const list = markServer([], 'ws://127.0.0.1:4100', true, 'echo');
    const sections = groupSidebar(connectionsOf(connecting(1, 'server', 'ws://127.0.0.1:4100', 0)), list);
    expect(sections.servers[0]!.connections.map((c) => c.conn)).toEqual([1]);
  });
});

describe('hostPortOf', () => {
  it('fills in default ports and keeps IPv6 brackets', () => {
    expect(hostPortOf('ws://h/x')).toBe('h:80');
    expect(hostPortOf('wss://h')).toBe('h:443');
    expect(hostPortOf('ws://[::1]:81')).toBe('[::1]:81');
    expect(hostPortOf('not a url')).toBe('not a url');
  });
});
