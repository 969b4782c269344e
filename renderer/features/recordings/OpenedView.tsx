/** An opened file's connections, each a link into the inspector. */
import type { OpenedRecording } from '../../../shared/ipc/recording-commands.js';

/** The connections an open put into the inspector; `onShow` selects one there. */
export function OpenedView({
  opened,
  onShow,
}: {
  opened: OpenedRecording;
  onShow: (conn: number, messageRows: boolean) => void;
}) {
  const messageRows = opened.source !== 'wstap-recording';
  return (
    <div className="rec-opened" data-testid="opened-recording">
      <div>
        Opened {opened.source.replace(/-/g, ' ')}: {opened.connections.length} connection
        {opened.connections.length === 1 ? '' : 's'}
        {messageRows ? ' (no wire bytes: message rows)' : ''}
      </div>
      {opened.warnings.map((w) => (
        <div key={w} className="rec-warning">
          {w}
        </div>
      ))}
      <ul className="rec-list">
        {opened.connections.map((c) => (
          <li key={c.conn} data-testid="opened-connection">
            <button type="button" className="rec-link" onClick={() => onShow(c.conn, messageRows)}>
              #{c.conn} {c.url}
            </button>
            <span className="rec-dim">
              {' '}
              recorded #{c.recorded}, {c.messages} messages{c.frames > 0 ? `, ${c.frames} frames` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
