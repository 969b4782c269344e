/**
 * Connections sorted into the sidebar's sections, pure: client sessions (attempts of one
 * reconnecting session together), servers with the connections they accepted, proxies with the
 * connections they relayed, and whatever could not be matched to one of those.
 */
import type { ConnectionView, Connections } from '../../store/connections.js';
import { isProxy, type ServerEntry, type ServerList } from './server-list.js';

/** One client session and its connections (attempts), oldest first. */
export interface SessionGroup {
  readonly session: number;
  readonly connections: readonly ConnectionView[];
  readonly latest: ConnectionView;
  /** It can still be closed: its connection is up, or it waits to reconnect. */
  readonly live: boolean;
  /** Its latest connection ended and another attempt is coming. */
  readonly reconnecting: boolean;
}

/** A server or proxy and the connections it accepted or relayed. */
export interface ServerGroup {
  readonly server: ServerEntry;
  readonly connections: readonly ConnectionView[];
}

/** Everything the sidebar lists. */
export interface SidebarSections {
  readonly clients: readonly SessionGroup[];
  readonly servers: readonly ServerGroup[];
  /** Server-side connections of no listed server ("server connections"). */
  readonly serverOrphans: readonly ConnectionView[];
  readonly proxies: readonly ServerGroup[];
  readonly proxyOrphans: readonly ConnectionView[];
}

/** `host:port` of a URL (default ports filled in), or the URL itself when it does not parse. */
export function hostPortOf(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port !== '' ? u.port : u.protocol === 'wss:' || u.protocol === 'https:' ? '443' : '80';
    return `${u.hostname}:${port}`;
  } catch {
    return url;
  }
}

/** Whether a session's latest connection ended with another attempt still to come. */
export function awaitsReconnect(latest: ConnectionView): boolean {
  if (latest.state !== 'closed' && latest.state !== 'failed') return false;
  let waiting = false;
  for (const event of latest.events) {
    if (event.type === 'reconnect') waiting = true;
    else if (event.type === 'session-end') return false;
  }
  return waiting;
}

/** Groups connections (in id order) into the sidebar's sections. */
export function groupSidebar(connections: Connections, servers: ServerList): SidebarSections {
  const sessions = new Map<number, ConnectionView[]>();
  const byServer = new Map<string, ConnectionView[]>();
  const byProxyTarget = new Map<string, ConnectionView[]>();
  const views = Object.values(connections).sort((a, b) => a.conn - b.conn);
  const serverOf = new Map<string, ServerEntry>();
  const proxyOf = new Map<string, ServerEntry>();
  for (const server of servers) {
    // The newest entry wins a host:port a stopped server shared with a running one.
    if (isProxy(server)) proxyOf.set(server.behaviour.replace(/^proxy\s+to\s+/i, ''), server);
    else serverOf.set(hostPortOf(server.url), server);
  }
  const serverOrphans: ConnectionView[] = [];
  const proxyOrphans: ConnectionView[] = [];
  const push = <K>(map: Map<K, ConnectionView[]>, key: K, view: ConnectionView) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [view]);
    else list.push(view);
  };
  for (const view of views) {
    if (view.role === 'server') {
      const server = serverOf.get(hostPortOf(view.url));
      if (server === undefined) serverOrphans.push(view);
      else push(byServer, server.url, view);
    } else if (view.session !== null && view.session > 0) {
      push(sessions, view.session, view);
    } else {
      // A proxied connection is a client without a session: the proxy's own upstream side.
      const proxy = proxyOf.get(view.url);
      if (proxy === undefined) proxyOrphans.push(view);
      else push(byProxyTarget, proxy.url, view);
    }
  }
  const clients = [...sessions.entries()]
    .sort(([a], [b]) => a - b)
    .map(([session, list]): SessionGroup => {
      const ordered = list.sort((a, b) => a.attempt - b.attempt || a.conn - b.conn);
      const latest = ordered[ordered.length - 1]!;
      const reconnecting = awaitsReconnect(latest);
      const live = reconnecting || (latest.state !== 'closed' && latest.state !== 'failed');
      return { session, connections: ordered, latest, live, reconnecting };
    });
  const groupsOf = (entries: ServerList, conns: Map<string, ConnectionView[]>): ServerGroup[] =>
    entries
      .map((server) => ({ server, connections: conns.get(server.url) ?? [] }))
      // A stopped server stays while it still has connections to show.
      .filter((g) => g.server.running || g.connections.length > 0);
  return {
    clients,
    servers: groupsOf(
      servers.filter((s) => !isProxy(s)),
      byServer,
    ),
    serverOrphans,
    proxies: groupsOf(servers.filter(isProxy), byProxyTarget),
    proxyOrphans,
  };
}
