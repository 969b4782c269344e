/** The reconnect attempts of a session, gathered from all its connections (attempts share a session id). */
import type { Connections } from '../../store/connections.js';

/** One line of the reconnect list. */
export interface ReconnectLine {
  readonly conn: number;
  readonly t: number;
  readonly kind: 'reconnect' | 'end';
  /** reconnect: the attempt that follows; end: attempts made in all. */
  readonly attempt: number;
  /** reconnect only. */
  readonly delayMs: number | null;
  readonly reason: string;
}

/** Reconnect and session-end events of `session`, oldest first. */
export function reconnectsOf(connections: Connections, session: number): ReconnectLine[] {
  const lines: ReconnectLine[] = [];
  for (const view of Object.values(connections)) {
    if (view.session !== session) continue;
    for (const e of view.events) {
      if (e.type === 'reconnect') lines.push({ conn: e.conn, t: e.t, kind: 'reconnect', attempt: e.attempt, delayMs: e.delayMs, reason: e.reason });
      else if (e.type === 'session-end') lines.push({ conn: e.conn, t: e.t, kind: 'end', attempt: e.attempts, delayMs: null, reason: e.reason });
    }
  }
  return lines.sort((a, b) => a.t - b.t);
}

/** The connections of a session, by attempt (for "attempt 2 of session 3" links). */
export function attemptsOf(connections: Connections, session: number): { readonly conn: number; readonly attempt: number; readonly state: string }[] {
  return Object.values(connections)
    .filter((c) => c.session === session)
    .sort((a, b) => a.conn - b.conn)
    .map((c) => ({ conn: c.conn, attempt: c.attempt, state: c.state }));
}
