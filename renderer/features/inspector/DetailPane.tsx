/** The detail pane of the opened row: fetched from main when opened, with loading and error states. */
import { memo } from 'react';
import { useModel } from '../../store/use-console.js';
import { formatMs } from './cells.js';
import { tallyOf } from './row-tally.js';
import { DetailBody } from './DetailBody.js';
import { useRowDetail } from './use-detail.js';
import './detail.css';

/** Props: the absolute row opened, and how to close the pane. */
export interface DetailPaneProps {
  readonly row: number;
  onClose(): void;
}

/** The pane; memoised so a batch of new rows does not re-render a large payload. */
export const DetailPane = memo(function DetailPane({ row, onClose }: DetailPaneProps) {
  const { state, key, retry } = useRowDetail(row);
  const model = useModel();
  const loaded = state.status === 'ok' ? state.loaded : null;
  // The same clock as the table's time column (ms since its first row), and the id main knows it by.
  const origin = tallyOf(model.rows).origin ?? 0;
  const title =
    loaded === null
      ? (key?.replace(':', ' ') ?? `row ${row}`)
      : `${loaded.kind} id ${loaded.detail.id} · conn #${loaded.detail.conn} · ${loaded.detail.dir === 'in' ? '← in' : '→ out'} · ${formatMs(loaded.detail.t - origin)} ms`;
  return (
    <aside className="idetail" data-testid="detail-pane" data-status={state.status} aria-label="Frame detail">
      <header className="idetail-head">
        <span className="idetail-title">{title}</span>
        <button
          type="button"
          className="chip"
          data-testid="detail-close"
          title="Close (Esc in the table)"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      {state.status === 'loading' && (
        <div className="inotice" data-testid="detail-loading">
          Loading from wstap…
        </div>
      )}
      {state.status === 'gone' && (
        <div className="inotice iwarn" data-testid="detail-error">
          This row is no longer kept in this window (its row cap let it go).
        </div>
      )}
      {state.status === 'error' && (
        <div className="inotice iwarn" data-testid="detail-error">
          Could not load the detail: {state.error.code}: {state.error.message}{' '}
          <button type="button" className="chip" data-testid="detail-retry" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      {loaded !== null && <DetailBody key={key} loaded={loaded} />}
    </aside>
  );
});
