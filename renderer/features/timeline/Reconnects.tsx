/** A reconnecting session's attempts: each connection of the session, and every reconnect (attempt, delay, reason). */
import { ms } from '../../../shared/model/close-explanation.js';
import type { Connections } from '../../store/connections.js';
import { attemptsOf, reconnectsOf } from './reconnects.js';

/** Props of Reconnects. */
export interface ReconnectsProps {
  readonly connections: Connections;
  readonly session: number | null;
  readonly current: number;
  onSelect(conn: number): void;
}

/** The list; says so when the session never reconnected. */
export function Reconnects({ connections, session, current, onSelect }: ReconnectsProps) {
  const lines = session === null ? [] : reconnectsOf(connections, session);
  const attempts = session === null ? [] : attemptsOf(connections, session);
  return (
    <div className="tl-card" data-testid="timeline-reconnects">
      <h4>Reconnects</h4>
      {lines.length === 0 ? (
        <div className="dim">{session === null ? 'Not a client session.' : 'No reconnect attempts.'}</div>
      ) : (
        <ol className="tl-reconnects">
          {lines.map((l, i) => (
            <li key={i} data-testid="timeline-reconnect">
              {l.kind === 'reconnect' ? (
                <>
                  attempt {l.attempt} in {ms(l.delayMs ?? 0)} <span className="dim">(after connection #{l.conn}: {l.reason})</span>
                </>
              ) : (
                <>
                  session ended after {l.attempt} attempt{l.attempt === 1 ? '' : 's'} <span className="dim">({l.reason})</span>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {attempts.length > 1 && (
        <div className="tl-attempts">
          {attempts.map((a) => (
            <button key={a.conn} className={a.conn === current ? 'active' : ''} onClick={() => onSelect(a.conn)} title={a.state}>
              #{a.conn} (attempt {a.attempt}, {a.state})
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
