/** The bottom line: link to wstap, open connections, the last notice, retention counters, host and version. */
import { useMemo } from 'react';
import { useConsole, useModel } from '../../store/use-console.js';
import { useRowsTick } from '../../store/use-rows-tick.js';
import { formatBytes, formatCount } from './format.js';
import './status-bar.css';

/** The status bar. */
export function StatusBar() {
  const info = useConsole((s) => s.info);
  const notice = useConsole((s) => s.notice);
  const clearNotice = useConsole((s) => s.clearNotice);
  // Counters at a readable pace, not per batch (use-rows-tick.ts).
  useRowsTick();
  const { stats, rendererDropped } = useModel().store.getState();
  const connections = useConsole((s) => s.connections);
  const open = useMemo(
    () => Object.values(connections).filter((c) => c.state === 'open').length,
    [connections],
  );
  // Loaded app.info and no lost bridge since: the console can reach wstap.
  const linked = info !== null && !(notice?.text.startsWith('DISCONNECTED') ?? false);
  const dropped = stats.droppedFrames + stats.droppedMessages + rendererDropped;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span
        className={linked ? 'st-link st-on' : 'st-link st-off'}
        data-testid="status-connected"
        data-connected={linked}
        title={linked ? 'Connected to wstap' : 'Not connected to wstap'}
      >
        <span className="st-dot" aria-hidden="true" />
        {linked ? `${open} open` : info === null ? 'connecting to wstap…' : 'disconnected'}
      </span>
      {notice !== null && (
        <span className={`st-notice st-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span
            className="st-notice-text"
            data-testid="status-notice"
            data-kind={notice.kind}
            title={notice.text}
          >
            {notice.text}
          </span>
          <button
            type="button"
            className="st-dismiss"
            aria-label="Dismiss"
            data-testid="status-notice-dismiss"
            onClick={clearNotice}
          >
            ×
          </button>
        </span>
      )}
      <span className="st-spacer" />
      <span className="st-counters" data-testid="status-stats">
        <span title="Frames kept in the store">frames {formatCount(stats.frames)}</span>
        <span title="Messages kept in the store">messages {formatCount(stats.messages)}</span>
        <span
          className={dropped > 0 || stats.droppedBytes > 0 ? 'st-dropped st-warn' : 'st-dropped'}
          data-testid="status-dropped"
          title={
            `Not kept because a retention cap was reached: ${formatCount(stats.droppedFrames)} frames, ` +
            `${formatCount(stats.droppedMessages)} messages, ${formatBytes(stats.droppedBytes)} of payload; ` +
            `${formatCount(rendererDropped)} rows let go by this window`
          }
        >
          dropped {formatCount(dropped)}
          {stats.droppedBytes > 0 && ` (${formatBytes(stats.droppedBytes)})`}
        </span>
      </span>
      {info !== null && (
        <span className="st-host" data-testid="status-host">
          {info.host} · v{info.version}
        </span>
      )}
    </footer>
  );
}
