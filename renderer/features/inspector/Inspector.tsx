/**
 * The live frame inspector: filters, the windowed table of frames or messages with its live tail,
 * and the detail pane of the opened row (fetched from main only when opened).
 */
import { useCallback, useState } from 'react';
import { useConsole, useModel } from '../../store/use-console.js';
import type { ClockMode } from './cells.js';
import { DetailPane } from './DetailPane.js';
import { FilterBar } from './FilterBar.js';
import { RowTable } from './RowTable.js';
import { TailControls } from './TailControls.js';
import './inspector.css';

/** The inspector pane. */
export function Inspector() {
  const model = useModel();
  const selectedRow = useConsole((s) => s.selectedRow);
  const [clock, setClock] = useState<ClockMode>('relative');
  const [detailOpen, setDetailOpen] = useState(false);
  const open = useCallback(
    (row: number) => {
      model.store.getState().selectRow(row);
      setDetailOpen(true);
    },
    [model],
  );
  const close = useCallback(() => setDetailOpen(false), []);
  const toggleClock = useCallback(() => setClock((c) => (c === 'relative' ? 'wall' : 'relative')), []);
  return (
    <div className="inspector">
      <div className="itoolbar">
        <FilterBar />
        <TailControls />
      </div>
      <div className={detailOpen && selectedRow !== null ? 'ibody with-detail' : 'ibody'}>
        <RowTable clock={clock} onToggleClock={toggleClock} onOpen={open} onClose={close} />
        {detailOpen && selectedRow !== null && <DetailPane row={selectedRow} onClose={close} />}
      </div>
    </div>
  );
}
