/** One row of the inspector table: a frame or a message, read from the RowStore by absolute index. */
import { memo } from 'react';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import type { RowStore } from '../../store/row-store.js';
import { deltaCell, rowCells, timeCell, type ClockMode } from './cells.js';

/** Props are primitives (plus the never-replaced RowStore), so an unchanged row skips rendering. */
export interface FrameRowProps {
  readonly rows: RowStore;
  /** Absolute row index. */
  readonly row: number;
  /** View position (0-based; shown 1-based in the # column). */
  readonly position: number;
  /** Absolute index of the previous row in the view, or -1. */
  readonly previous: number;
  readonly selected: boolean;
  readonly clock: ClockMode;
  readonly origin: number;
  readonly wallAnchor: number | null;
  onPick(row: number): void;
}

/** A table row; its cells are text nodes only (the preview is untrusted payload text). */
export const FrameRow = memo(function FrameRow(props: FrameRowProps) {
  const { rows, row, position, previous, selected, clock, origin, wallAnchor, onPick } = props;
  if (!rows.has(row)) return <div className="irow gone" role="row" aria-rowindex={position + 2} />;
  const flags = rows.flags(row);
  const t = rows.t(row);
  const cells = rowCells(flags, rows.length(row), rows.conn(row), rows.extra(row));
  const violation = (flags & ROW_FLAG.VIOLATION) !== 0;
  const binary = (flags & ROW_FLAG.BINARY_PREVIEW) !== 0;
  return (
    <div
      className={selected ? `${cells.className} selected` : cells.className}
      role="row"
      aria-rowindex={position + 2}
      aria-selected={selected}
      data-testid="inspector-row"
      data-row-index={row}
      data-opcode={cells.opcodeName}
      data-dir={cells.dir}
      onClick={() => onPick(row)}
    >
      <span className="c-num" role="gridcell">
        {violation && (
          <span className="vicon" title="The decoder found a protocol violation: open the row for details">
            ⚠
          </span>
        )}
        {position + 1}
      </span>
      <span className="c-time" role="gridcell">
        {timeCell(t, origin, clock, wallAnchor)}
      </span>
      <span className="c-delta" role="gridcell">
        {deltaCell(t, previous >= 0 && rows.has(previous) ? rows.t(previous) : null)}
      </span>
      <span
        className="c-dir"
        role="gridcell"
        title={cells.dir === 'in' ? 'in: read by wstap' : 'out: written by wstap'}
      >
        {cells.arrow}
      </span>
      <span className="c-op" role="gridcell">
        {cells.opcode}
      </span>
      <span className="c-fin" role="gridcell">
        {cells.fin}
      </span>
      <span className="c-rsv" role="gridcell">
        {cells.rsv}
      </span>
      <span className="c-mask" role="gridcell">
        {cells.mask}
      </span>
      <span className="c-len" role="gridcell">
        {cells.length}
        {cells.encoding !== '' && <span className="enc">/{cells.encoding}</span>}
      </span>
      <span className="c-conn" role="gridcell">
        {cells.conn}
      </span>
      <span className={binary ? 'c-preview hex' : 'c-preview'} role="gridcell">
        {rows.preview(row)}
      </span>
    </div>
  );
});
