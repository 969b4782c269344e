import type { SessionEvent } from '../../shared/model/events.js';

/** Which connections a recording keeps: every attempt of some client sessions, and single connections. */
export interface RecordingScopeInput {
  /** Client sessions (`connect` ids): every connection they open, reconnects included. */
  readonly sessions?: readonly number[];
  /** Single connections by id (a served or proxied one, or one attempt). */
  readonly conns?: readonly number[];
}

/** A connection open when the recording starts, with the session it belongs to (0: not a client's). */
export interface OpenConnection {
  readonly conn: number;
  readonly session: number;
}

/**
 * The connections of a scoped recording. It learns a session's later attempts from their
 * `connecting` events, so recording a reconnecting session keeps every attempt. Events of the
 * engine itself (connection 0: servers listening, scripts) are outside every scope.
 */
export class RecordingScope {
  private readonly sessions: ReadonlySet<number>;
  private readonly conns: Set<number>;

  constructor(input: RecordingScopeInput, open: Iterable<OpenConnection>) {
    this.sessions = new Set((input.sessions ?? []).filter((s) => s > 0));
    this.conns = new Set(input.conns ?? []);
    for (const c of open) if (this.sessions.has(c.session)) this.conns.add(c.conn);
  }

  /** Notes a new attempt of a recorded session; call for every event before `has`. */
  observe(event: SessionEvent): void {
    if (event.type === 'connecting' && this.sessions.has(event.session)) this.conns.add(event.conn);
  }

  has(conn: number): boolean {
    return this.conns.has(conn);
  }

  /** Whether it names nothing at all (a caller's mistake: such a recording would stay empty). */
  get empty(): boolean {
    return this.sessions.size === 0 && this.conns.size === 0;
  }
}
