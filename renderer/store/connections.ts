/**
 * Connections as the sidebar and the timeline see them, built from the engine's events (pure
 * reducer: tested without React). A connection is one TCP/WebSocket connection; attempts of one
 * reconnecting session share `session`.
 */
import type {
  ClosedEvent,
  OpenEvent,
  SessionEvent,
  UpgradeRequestEvent,
  UpgradeResponseEvent,
} from '../../shared/model/events.js';

/** Where a connection is in its life. */
export type ConnectionState = 'connecting' | 'open' | 'closing' | 'closed' | 'failed';

/** A ping's round trip. */
export interface RttPoint {
  readonly t: number;
  readonly rtt: number;
}

/** Everything the UI knows of one connection, except its frames (those are rows). */
export interface ConnectionView {
  readonly conn: number;
  /** Client session id (commands address sessions), or null for server-side and proxied connections. */
  readonly session: number | null;
  readonly role: 'client' | 'server';
  readonly url: string;
  readonly attempt: number;
  readonly script: string | null;
  readonly state: ConnectionState;
  /** Engine ms of its `connecting` event. */
  readonly startT: number;
  readonly wallStart: number;
  /** Non-frame events of this connection in order (handshake phases, open, rtt, close, errors), capped. */
  readonly events: readonly SessionEvent[];
  readonly request: UpgradeRequestEvent | null;
  readonly response: UpgradeResponseEvent | null;
  readonly open: OpenEvent | null;
  readonly closed: ClosedEvent | null;
  readonly rtts: readonly RttPoint[];
  readonly lastError: string | null;
}

/** Events kept per connection for its timeline. */
export const MAX_EVENTS_PER_CONNECTION = 2000;
/** RTT points kept per connection. */
export const MAX_RTTS = 5000;

/** Connections by id. */
export type Connections = Readonly<Record<number, ConnectionView>>;

const keepLast = <T>(list: readonly T[], item: T, max: number): readonly T[] =>
  list.length >= max ? [...list.slice(list.length - max + 1), item] : [...list, item];

/** Applies one event; returns the same object when nothing changed. */
export function applyEvent(connections: Connections, event: SessionEvent): Connections {
  if (event.type === 'connecting') {
    const view: ConnectionView = {
      conn: event.conn,
      session: event.role === 'client' ? event.session : null,
      role: event.role,
      url: event.url,
      attempt: event.attempt,
      script: event.script ?? null,
      state: 'connecting',
      startT: event.t,
      wallStart: event.wall,
      events: [event],
      request: null,
      response: null,
      open: null,
      closed: null,
      rtts: [],
      lastError: null,
    };
    return { ...connections, [event.conn]: view };
  }
  const current = connections[event.conn];
  if (current === undefined || event.type === 'frame' || event.type === 'message') return connections;
  let next: ConnectionView = {
    ...current,
    events: keepLast(current.events, event, MAX_EVENTS_PER_CONNECTION),
  };
  switch (event.type) {
    case 'upgrade-request':
      next = { ...next, request: event };
      break;
    case 'upgrade-response':
      next = { ...next, response: event };
      break;
    case 'open':
      next = { ...next, open: event, state: 'open' };
      break;
    case 'rtt':
      next = { ...next, rtts: keepLast(current.rtts, { t: event.t, rtt: event.rtt }, MAX_RTTS) };
      break;
    case 'closed':
      next = { ...next, closed: event, state: current.open === null ? 'failed' : 'closed' };
      break;
    case 'error':
      next = { ...next, lastError: `${event.code}: ${event.message}` };
      break;
    default:
      break;
  }
  return { ...connections, [event.conn]: next };
}

/** Applies a batch of events in order (one new object per batch, not per event, where possible). */
export function applyEvents(connections: Connections, events: readonly SessionEvent[]): Connections {
  let out = connections;
  for (const event of events) out = applyEvent(out, event);
  return out;
}
