/**
 * Servers and proxies the sidebar lists: those running when the renderer loaded (app.info) plus
 * what `listening` / `server-stopped` events and the Start/Stop buttons said since. Pure.
 */
import type { ServerInfo } from '../../../shared/ipc/contract.js';
import type { SessionEvent } from '../../../shared/model/events.js';

/** One server (or proxy) as the sidebar knows it. */
export interface ServerEntry {
  readonly url: string;
  /** "echo", "broadcast", "mock chat.yaml", "proxy to ws://…". */
  readonly behaviour: string;
  readonly running: boolean;
}

/** Servers in the order they were first seen. */
export type ServerList = readonly ServerEntry[];

/** Server URLs compare without a trailing slash (`ws://h:1` and `ws://h:1/` are one server). */
export const bareUrl = (url: string): string => url.replace(/\/+$/, '');

/** The list with `url` marked running or stopped (added when new); the same list when nothing changed. */
export function markServer(list: ServerList, url: string, running: boolean, behaviour?: string): ServerList {
  const i = list.findIndex((s) => bareUrl(s.url) === bareUrl(url));
  if (i < 0) return [...list, { url, behaviour: behaviour ?? 'server', running }];
  const current = list[i]!;
  const next = { ...current, running, behaviour: behaviour ?? current.behaviour };
  if (next.running === current.running && next.behaviour === current.behaviour) return list;
  return list.map((s, j) => (j === i ? next : s));
}

/** Applies the server events of a batch (every other event is ignored). */
export function applyServerEvents(list: ServerList, events: readonly SessionEvent[]): ServerList {
  let out = list;
  for (const event of events) {
    if (event.type === 'listening') out = markServer(out, event.url, true, event.behaviour);
    else if (event.type === 'server-stopped') out = markServer(out, event.url, false);
  }
  return out;
}

/**
 * What to show: servers from app.info first (they were there before anything this renderer saw),
 * then the tracked ones; for a server in both, the tracked entry wins (it is newer).
 */
export function mergeServers(atLoad: readonly ServerInfo[], tracked: ServerList): ServerList {
  const known = new Set(tracked.map((s) => bareUrl(s.url)));
  const before = atLoad
    .filter((s) => !known.has(bareUrl(s.url)))
    .map((s): ServerEntry => ({ url: s.url, behaviour: s.behaviour, running: true }));
  return before.length === 0 ? tracked : [...before, ...tracked];
}

/** True for a proxy (its `listening` behaviour is "proxy to <target>"). */
export function isProxy(server: ServerEntry): boolean {
  return /^proxy\b/i.test(server.behaviour);
}
