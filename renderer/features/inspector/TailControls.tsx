/** The inspector's status strip: live tail pause/resume with its unread count, scope and counters. */
import { useConsole, useModel } from '../../store/use-console.js';
import { useRowsTick } from '../../store/use-rows-tick.js';
import { countLabel, countTooltip, droppedTooltip, droppedTotal, scopeLabel } from './filter-input.js';
import { tallyOf } from './row-tally.js';
import './inspector.css';

/** Pause/resume, "12 new", "N of M rows", rows dropped by caps, connection scope. */
export function TailControls() {
  const model = useModel();
  const paused = useConsole((s) => s.paused);
  const mode = useConsole((s) => s.filter.mode);
  const conn = useConsole((s) => s.selectedConn);
  // Counters at a readable pace, not per batch (use-rows-tick.ts).
  useRowsTick();
  const { unread, viewLength, stats, rendererDropped } = model.store.getState();
  const tally = tallyOf(model.rows);
  const total = mode === 'frames' ? tally.frames : tally.messages;
  const dropped = droppedTotal(stats, rendererDropped);
  const setPaused = (on: boolean): void => model.store.getState().setPaused(on);
  return (
    <div className="itail">
      <button
        type="button"
        className={paused ? 'chip on' : 'chip'}
        aria-pressed={paused}
        data-testid="inspector-pause"
        title={
          paused
            ? 'Resume the live tail (Space in the table)'
            : 'Pause the live tail: rows keep arriving, the table stays put (Space in the table)'
        }
        onClick={() => setPaused(!paused)}
      >
        {paused ? '▶ Resume' : '⏸ Pause'}
      </button>
      {paused && unread > 0 && (
        <button
          type="button"
          className="iunread"
          data-testid="inspector-unread"
          title="Rows that arrived while paused: click to jump to the newest"
          onClick={() => setPaused(false)}
        >
          {unread.toLocaleString('en-US')} new
        </button>
      )}
      <span
        className="iscope"
        data-testid="inspector-scope"
        title="Choose a connection in the sidebar to narrow the view"
      >
        {scopeLabel(conn)}
      </span>
      <span className="icount" data-testid="inspector-count" title={countTooltip(mode, stats)}>
        {countLabel(viewLength, total)}
      </span>
      {dropped > 0 && (
        <span
          className="idropped"
          data-testid="inspector-dropped"
          title={droppedTooltip(stats, rendererDropped)}
        >
          {dropped.toLocaleString('en-US')} dropped
        </span>
      )}
    </div>
  );
}
