/** One connection in the sidebar: state, id, URL, age, script, record toggle; a click selects it. */
import type { ReactNode } from 'react';
import type { ConnectionView } from '../../store/connections.js';
import { useConsole } from '../../store/use-console.js';
import { RecordButton } from '../recordings/RecordButton.js';
import { connectionAge, displayUrl, formatDuration, splitUrl } from './format.js';

/** A connection's row; `actions` go at its right (they do not select the row). */
export function SessionRow(props: {
  readonly view: ConnectionView;
  readonly now: number;
  readonly actions?: ReactNode;
}) {
  const { view } = props;
  const selected = useConsole((s) => s.selectedConn === view.conn);
  const selectConn = useConsole((s) => s.selectConn);
  const url = displayUrl(view);
  const { base, path } = splitUrl(url);
  const age = connectionAge(view, props.now);
  const ageTitle = age.ended ? `lasted ${formatDuration(age.ms)}` : `started ${formatDuration(age.ms)} ago`;
  return (
    <li
      className={selected ? 'sb-row sb-selected' : 'sb-row'}
      tabIndex={0}
      aria-current={selected || undefined}
      data-testid="session-item"
      data-conn={view.conn}
      data-state={view.state}
      title={view.lastError ?? undefined}
      onClick={() => selectConn(view.conn)}
      onKeyDown={(e) => {
        if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          selectConn(view.conn);
        }
      }}
    >
      <div className="sb-row-line">
        <span className={`sb-badge sb-state-${view.state}`}>{view.state}</span>
        <span className="sb-id mono">#{view.conn}</span>
        {view.attempt > 1 && <span className="sb-tag">attempt {view.attempt}</span>}
        {view.script !== null && (
          <span className="sb-tag sb-script" title={`opened by script ${view.script}`}>
            {view.script}
          </span>
        )}
        <span className="sb-age" title={ageTitle}>
          {formatDuration(age.ms)}
        </span>
        <span className="sb-row-actions">
          <RecordButton view={view} />
          {props.actions}
        </span>
      </div>
      <div className="sb-url mono" title={url}>
        <span className="sb-url-base">{base}</span>
        <span className="sb-url-path">{path}</span>
      </div>
    </li>
  );
}
