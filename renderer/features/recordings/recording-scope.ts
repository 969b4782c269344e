/** Which recordings cover which connections, and how a scope reads (pure: tested without React). */
import type { ActiveRecordingInfo, RecordingScope } from '../../../shared/ipc/recording-commands.js';
import type { ConnectionView } from '../../store/connections.js';

/** What recording one connection's button starts: its client session (every attempt), else the connection. */
export function scopeOf(view: Pick<ConnectionView, 'conn' | 'session'>): RecordingScope {
  return view.session !== null
    ? { sessions: [view.session], conns: [] }
    : { sessions: [], conns: [view.conn] };
}

/** The scoped recording under way that names this connection (by its session or itself), or null. */
export function scopedRecordingOf(
  recordings: readonly ActiveRecordingInfo[],
  view: Pick<ConnectionView, 'conn' | 'session'>,
): ActiveRecordingInfo | null {
  return (
    recordings.find(
      (r) =>
        r.scope !== null &&
        ((view.session !== null && r.scope.sessions.includes(view.session)) ||
          r.scope.conns.includes(view.conn)),
    ) ?? null
  );
}

/** Whether some recording under way keeps every connection. */
export function recordingAll(recordings: readonly ActiveRecordingInfo[]): boolean {
  return recordings.some((r) => r.scope === null);
}

const listed = (what: string, ids: readonly number[], prefix: string): string =>
  ids.length === 0
    ? ''
    : `${what}${ids.length > 1 ? 's' : ''} ${ids.map((id) => `${prefix}${id}`).join(', ')}`;

/** "all connections", "session 3", "connection #7", "sessions 3, 4 and connection #7". */
export function scopeLabel(scope: RecordingScope | null): string {
  if (scope === null) return 'all connections';
  const parts = [listed('session', scope.sessions, ''), listed('connection', scope.conns, '#')].filter(
    (p) => p !== '',
  );
  return parts.join(' and ');
}
