/**
 * Fixed-height row windowing for the inspector table, O(1) per update. A general virtualizer
 * (@tanstack/virtual-core 3.14) re-measures every item whenever the count changes: measured at
 * 18–23 ms per batch for 1M rows, which a live tail at 60 batches/s cannot afford. Past the height a
 * browser can lay out (Chromium ≈ 33.5M px, Firefox ≈ 17.9M px) the scroll range is scaled, so the
 * RowStore's 2M rows stay reachable.
 */

/** Tallest scroll content used; both engines lay this out exactly. */
export const MAX_SCROLL_HEIGHT = 15_000_000;

/** What the table needs to know to place rows. */
export interface WindowInput {
  readonly count: number;
  readonly rowHeight: number;
  /** The scroll container's scrollTop (real px). */
  readonly scrollTop: number;
  /** The scroll container's clientHeight. */
  readonly viewport: number;
  /** Rows rendered beyond each edge. */
  readonly overscan: number;
  readonly maxHeight?: number;
}

/** Rows to render and where. */
export interface RowWindow {
  /** First and one-past-last view positions to render. */
  readonly first: number;
  readonly end: number;
  /** Height of the scroll content (real px). */
  readonly spacer: number;
  /** Real px where row `first` starts: the rendered block goes there, rows in flow inside it. */
  readonly blockTop: number;
}

/** Virtual height of all rows, and the height the scroll content gets. */
function heights(count: number, rowHeight: number, maxHeight: number): { total: number; spacer: number } {
  const total = count * rowHeight;
  return { total, spacer: Math.min(total, maxHeight) };
}

/** Virtual offset (as if every row were laid out) of a real scrollTop. */
export function virtualOffset(
  scrollTop: number,
  count: number,
  rowHeight: number,
  viewport: number,
  maxHeight = MAX_SCROLL_HEIGHT,
): number {
  const { total, spacer } = heights(count, rowHeight, maxHeight);
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, spacer - viewport)));
  if (total === spacer) return top;
  const realRange = spacer - viewport;
  return realRange <= 0 ? 0 : (top * (total - viewport)) / realRange;
}

/** Real scrollTop that shows virtual offset `offset` at the top. */
export function realScrollTop(
  offset: number,
  count: number,
  rowHeight: number,
  viewport: number,
  maxHeight = MAX_SCROLL_HEIGHT,
): number {
  const { total, spacer } = heights(count, rowHeight, maxHeight);
  const clamped = Math.max(0, Math.min(offset, Math.max(0, total - viewport)));
  if (total === spacer) return clamped;
  const virtualRange = total - viewport;
  return virtualRange <= 0 ? 0 : (clamped * (spacer - viewport)) / virtualRange;
}

/** The rows to render for a scroll position. */
export function rowWindow(input: WindowInput): RowWindow {
  const { count, rowHeight, viewport, overscan } = input;
  const maxHeight = input.maxHeight ?? MAX_SCROLL_HEIGHT;
  const { spacer } = heights(count, rowHeight, maxHeight);
  if (count === 0) return { first: 0, end: 0, spacer: 0, blockTop: 0 };
  const top = Math.max(0, Math.min(input.scrollTop, Math.max(0, spacer - viewport)));
  const offset = virtualOffset(top, count, rowHeight, viewport, maxHeight);
  const visibleFirst = Math.floor(offset / rowHeight);
  const first = Math.max(0, visibleFirst - overscan);
  const end = Math.min(count, Math.ceil((offset + viewport) / rowHeight) + overscan);
  // Row i sits at real px top + (i * rowHeight - offset): exact when unscaled, relative when scaled.
  return { first, end, spacer, blockTop: top + first * rowHeight - offset };
}

/** The greatest scrollTop: the live tail sits there. */
export function bottomScrollTop(
  count: number,
  rowHeight: number,
  viewport: number,
  maxHeight = MAX_SCROLL_HEIGHT,
): number {
  return Math.max(0, heights(count, rowHeight, maxHeight).spacer - viewport);
}

/** Whether a scroll position is at the end (within half a row), where the live tail resumes. */
export function isAtBottom(
  scrollTop: number,
  scrollHeight: number,
  viewport: number,
  rowHeight: number,
): boolean {
  return scrollHeight - (scrollTop + viewport) <= rowHeight / 2;
}

/**
 * The scrollTop that brings view position `index` fully into view, or null when it already is
 * (keyboard selection scrolls only as much as needed).
 */
export function revealScrollTop(index: number, input: Omit<WindowInput, 'overscan'>): number | null {
  const { count, rowHeight, viewport } = input;
  const maxHeight = input.maxHeight ?? MAX_SCROLL_HEIGHT;
  const offset = virtualOffset(input.scrollTop, count, rowHeight, viewport, maxHeight);
  const rowTop = index * rowHeight;
  let wanted: number;
  if (rowTop < offset) wanted = rowTop;
  else if (rowTop + rowHeight > offset + viewport) wanted = rowTop + rowHeight - viewport;
  else return null;
  return realScrollTop(wanted, count, rowHeight, viewport, maxHeight);
}

/** View position after a ↑/↓ step from `current` (-1: none selected yet, start at `fallback`). */
export function stepSelection(current: number, delta: number, length: number, fallback: number): number {
  if (length === 0) return -1;
  if (current < 0) return Math.max(0, Math.min(length - 1, fallback));
  return Math.max(0, Math.min(length - 1, current + delta));
}
