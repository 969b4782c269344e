/**
 * The inspector's table: fixed-height rows windowed over the current RowView (virtual-window.ts),
 * a live tail that follows new rows until the user scrolls up or pauses (use-live-tail.ts), and
 * keyboard: ↑/↓ select, Enter opens, Esc closes the detail, Space pauses or resumes, Home/End jump.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useConsole, useModel } from '../../store/use-console.js';
import { wallAnchorOf, type ClockMode } from './cells.js';
import { FrameRow } from './FrameRow.js';
import { tallyOf } from './row-tally.js';
import { useLiveTail } from './use-live-tail.js';
import { revealScrollTop, rowWindow, stepSelection, virtualOffset } from './virtual-window.js';
import './inspector.css';

/** Row height in px; inspector.css sets the same (--irow-h). */
export const ROW_HEIGHT = 22;
/** Rows rendered beyond each edge while the user may scroll (paused, or scrolled up). */
const OVERSCAN = 8;
/**
 * While the live tail follows, nothing scrolls but the tail itself: a couple of rows above are
 * enough, and at high rates every rendered row is new each frame (layout and paint per row).
 */
const TAIL_OVERSCAN = 2;

/** What the table tells its parent. */
export interface RowTableProps {
  readonly clock: ClockMode;
  onToggleClock(): void;
  /** Click or Enter: select the row and open its detail. */
  onOpen(row: number): void;
  /** Esc. */
  onClose(): void;
}

/** The table; re-renders once per batch, and then only rows it has not rendered yet. */
export function RowTable({ clock, onToggleClock, onOpen, onClose }: RowTableProps) {
  const model = useModel();
  useConsole((s) => s.rowsVersion);
  const count = useConsole((s) => s.viewLength);
  const selectedRow = useConsole((s) => s.selectedRow);
  const wallAnchor = useConsole((s) => wallAnchorOf(s.connections));
  const view = model.view();
  const origin = tallyOf(model.rows).origin ?? 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(400);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    setViewport(el.clientHeight);
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const tail = useLiveTail(scrollRef, count, ROW_HEIGHT, viewport);
  const { top } = tail;

  const step = (delta: number): void => {
    const current = selectedRow === null ? -1 : view.indexOf(selectedRow);
    const offset = virtualOffset(top, count, ROW_HEIGHT, viewport);
    const firstVisible = Math.ceil(offset / ROW_HEIGHT);
    const lastVisible = Math.floor((offset + viewport) / ROW_HEIGHT) - 1;
    const next = stepSelection(current, delta, count, delta > 0 ? firstVisible : lastVisible);
    if (next < 0) return;
    model.store.getState().selectRow(view.row(next));
    const reveal = revealScrollTop(next, { count, rowHeight: ROW_HEIGHT, scrollTop: top, viewport });
    if (reveal !== null) tail.scrollTo(reveal);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        step(event.key === 'ArrowDown' ? 1 : -1);
        return;
      case 'Enter':
        if (selectedRow !== null) onOpen(selectedRow);
        return;
      case 'Escape':
        onClose();
        return;
      case ' ':
        event.preventDefault();
        tail.setPaused(!tail.paused);
        return;
      case 'Home':
        event.preventDefault();
        tail.scrollTo(0);
        return;
      case 'End':
        event.preventDefault();
        tail.setPaused(false);
        return;
      case 'PageUp':
      case 'PageDown':
        tail.markGesture();
        return;
      default:
        return;
    }
  };

  const overscan = tail.paused ? OVERSCAN : TAIL_OVERSCAN;
  const win = rowWindow({ count, rowHeight: ROW_HEIGHT, scrollTop: top, viewport, overscan });
  const items: ReactElement[] = [];
  for (let i = win.first; i < win.end; i++) {
    const row = view.row(i);
    items.push(
      // Keyed by place in the window, not by row: when the window moves, each place's element
      // stays and only its text changes. Keyed by row, a fast tail removed and created every
      // element each frame (style, layout tree and layout of ~30 new rows per frame).
      <FrameRow
        key={i - win.first}
        rows={model.rows}
        row={row}
        position={i}
        previous={i > 0 ? view.row(i - 1) : -1}
        selected={row === selectedRow}
        clock={clock}
        origin={origin}
        wallAnchor={wallAnchor}
        onPick={onOpen}
      />,
    );
  }

  return (
    <div className="itable" role="grid" aria-rowcount={count + 1} aria-label="Frames">
      <div className="irow ihead" role="row" aria-rowindex={1}>
        <span role="columnheader">#</span>
        <button
          type="button"
          role="columnheader"
          className="ihead-clock"
          data-testid="inspector-clock"
          title="Toggle between ms since the first row and the wall clock"
          onClick={onToggleClock}
        >
          {clock === 'relative' ? 'time ms' : 'wall clock'}
        </button>
        <span role="columnheader" title="ms since the previous row in this view">
          Δ ms
        </span>
        <span role="columnheader" title="→ out (written by wstap) / ← in (read by wstap)">
          dir
        </span>
        <span role="columnheader">opcode</span>
        <span role="columnheader">FIN</span>
        <span role="columnheader" title="RSV1–3 (RSV1: permessage-deflate compressed)">
          RSV
        </span>
        <span role="columnheader">mask</span>
        <span role="columnheader" title="Payload length / width of its length field (7, 16 or 64 bits)">
          length
        </span>
        <span role="columnheader">conn</span>
        <span role="columnheader" title="The first 48 characters of the payload (hex for binary)">
          preview
        </span>
      </div>
      <div
        ref={scrollRef}
        className="iscroll"
        tabIndex={0}
        data-testid="inspector-table"
        onScroll={tail.onScroll}
        onKeyDown={onKeyDown}
      >
        <div className="ispacer" style={{ height: win.spacer }}>
          <div className="iblock" style={{ transform: `translateY(${win.blockTop}px)` }}>
            {items}
          </div>
        </div>
        {count === 0 && (
          <div className="iempty">
            {model.rows.size > 0
              ? 'No rows match the filters.'
              : 'No frames yet: connect to a server to see its traffic here.'}
          </div>
        )}
      </div>
    </div>
  );
}
