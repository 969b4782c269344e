/** Connections for the sidebar's tests, built by the store's own reducer from engine events. */
import type { SessionEvent } from '../../../shared/model/events.js';
import { applyEvents, type Connections } from '../../store/connections.js';

type Fields = { readonly [key: string]: unknown };
let seq = 0;

/** An event of connection `conn` with the base fields filled in. */
export function ev(conn: number, fields: Fields): SessionEvent {
  return { conn, seq: seq++, t: 0, wall: 1_000, ...fields } as unknown as SessionEvent;
}

/** A connection's `connecting` event. */
export function connecting(
  conn: number,
  role: 'client' | 'server',
  url: string,
  session: number,
  attempt = 1,
) {
  return ev(conn, { type: 'connecting', role, url, session, attempt });
}

/** A `closed` event (with or without an open before it, the state is closed or failed). */
export function closed(conn: number, duration = 1500) {
  return ev(conn, { type: 'closed', code: 1000, duration, explanation: 'normal' });
}

/** Connections after these events. */
export function connectionsOf(...events: readonly SessionEvent[]): Connections {
  return applyEvents({}, events);
}
