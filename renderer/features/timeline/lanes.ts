/** Swimlanes: one lane per connection on one clock, from `connecting` to `closed` (or now while live). */
import type { ConnectionState, ConnectionView, Connections } from '../../store/connections.js';

/** What one lane shows besides its frames. */
export interface Lane {
  readonly conn: number;
  readonly label: string;
  readonly role: 'client' | 'server';
  readonly state: ConnectionState;
  readonly start: number;
  /** closed.t, or `now` while the connection lives. */
  readonly end: number;
  readonly openT: number | null;
  readonly closeT: number | null;
  /** The close was a clean 1000/1001 with a clean TCP end. */
  readonly cleanClose: boolean;
}

/** Engine ms now, from a connection's anchor (its wall clock minus its engine time) and the wall clock. */
export function engineNow(view: Pick<ConnectionView, 'wallStart' | 'startT'>, wallNow: number): number {
  return wallNow - (view.wallStart - view.startT);
}

/** The lane of one connection. */
export function laneOf(view: ConnectionView, now: number): Lane {
  const closed = view.closed;
  return {
    conn: view.conn,
    label: view.url,
    role: view.role,
    state: view.state,
    start: view.startT,
    end: closed !== null ? closed.t : Math.max(now, view.startT),
    openT: view.open?.t ?? null,
    closeT: closed?.t ?? null,
    cleanClose: closed !== null && closed.tcpClean && (closed.code === 1000 || closed.code === 1001),
  };
}

/** Lanes in order of start (ties by id), at most `max` of the newest. */
export function lanesOf(connections: Connections, now: number, max = 2000): Lane[] {
  const views = Object.values(connections).sort((a, b) => a.startT - b.startT || a.conn - b.conn);
  return views.slice(Math.max(0, views.length - max)).map((v) => laneOf(v, now));
}

/** [earliest start, latest end] of the lanes, or null when there are none. */
export function lanesExtent(lanes: readonly Lane[]): readonly [number, number] | null {
  if (lanes.length === 0) return null;
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const l of lanes) {
    t0 = Math.min(t0, l.start);
    t1 = Math.max(t1, l.end);
  }
  return [t0, t1];
}

/** The lane index under y (px from the top of the first lane), or -1. */
export function laneAt(y: number, laneHeight: number, count: number): number {
  if (y < 0) return -1;
  const i = Math.floor(y / laneHeight);
  return i < count ? i : -1;
}
