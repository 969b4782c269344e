/**
 * The table's live tail: while not paused the scroll position follows the newest row; any scroll
 * position the tail did not set itself (wheel, scrollbar drag, keys, touch) pauses it, and scrolling
 * back to the bottom by hand resumes it. Pausing never loses rows; the store counts them as unread.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useConsole, useModel } from '../../store/use-console.js';
import { bottomScrollTop, isAtBottom } from './virtual-window.js';

/** How long after a wheel, touch or key a scroll counts as the user's (ms). */
const GESTURE_MS = 600;

/** What the table needs from its tail. */
export interface LiveTail {
  /** The scrollTop to render the window for (the bottom while following). */
  readonly top: number;
  readonly paused: boolean;
  /** Bottom scrollTop for the current rows. */
  readonly bottom: number;
  onScroll(): void;
  /** Scrolls by program (keyboard selection), pausing when that leaves the bottom. */
  scrollTo(top: number): void;
  /** Marks the next scrolls as the user's (navigation keys). */
  markGesture(): void;
  setPaused(paused: boolean): void;
}

/** Follows the newest row of a scroll container of `count` rows of `rowHeight`. */
export function useLiveTail(
  scrollRef: RefObject<HTMLDivElement | null>,
  count: number,
  rowHeight: number,
  viewport: number,
): LiveTail {
  const model = useModel();
  const paused = useConsole((s) => s.paused);
  const [scrollTop, setScrollTop] = useState(0);
  /** Where the tail last put scrollTop, and whether the last layout pass was following. */
  const tailTop = useRef(0);
  const following = useRef(false);
  const gestureUntil = useRef(0);
  const pointerDown = useRef(false);
  const setPaused = useCallback((on: boolean) => model.store.getState().setPaused(on), [model]);
  const markGesture = useCallback(() => {
    gestureUntil.current = performance.now() + GESTURE_MS;
  }, []);
  const bottom = bottomScrollTop(count, rowHeight, viewport);

  // Before paint: follow the new bottom, unless the user moved the position since the last pass
  // (their scroll may land between a batch's render and the scroll event that would report it).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (paused || el === null) {
      following.current = false;
      return;
    }
    const atBottom = isAtBottom(el.scrollTop, el.scrollHeight, el.clientHeight, rowHeight);
    if (following.current && el.scrollTop < tailTop.current - 1 && !atBottom) {
      following.current = false;
      setPaused(true);
      return;
    }
    el.scrollTop = el.scrollHeight;
    tailTop.current = el.scrollTop;
    following.current = true;
  }, [scrollRef, paused, bottom, rowHeight, setPaused]);

  // Pausing keeps the table where the element is (the last scroll event may lag a batch).
  useLayoutEffect(() => {
    if (paused && scrollRef.current !== null) setScrollTop(scrollRef.current.scrollTop);
  }, [scrollRef, paused]);

  useEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const onWheel = (event: WheelEvent): void => {
      markGesture();
      const isPaused = model.store.getState().paused;
      // Upwards while following: pause at once, before the next batch could scroll back down.
      if (event.deltaY < 0 && !isPaused) setPaused(true);
      // Downwards past the end resumes, even while fast traffic keeps moving the end away.
      const left = el.scrollHeight - el.clientHeight - el.scrollTop;
      if (event.deltaY > 0 && isPaused && left <= event.deltaY + rowHeight) setPaused(false);
    };
    const onPointerDown = (): void => {
      pointerDown.current = true;
    };
    const onPointerUp = (): void => {
      pointerDown.current = false;
    };
    el.addEventListener('wheel', onWheel, { passive: true });
    el.addEventListener('touchstart', markGesture, { passive: true });
    el.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('pointerup', onPointerUp);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('touchstart', markGesture);
      el.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('pointerup', onPointerUp);
    };
  }, [scrollRef, model, rowHeight, setPaused, markGesture]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (el === null) return;
    setScrollTop(el.scrollTop);
    const atBottom = isAtBottom(el.scrollTop, el.scrollHeight, el.clientHeight, rowHeight);
    const isPaused = model.store.getState().paused;
    if (!isPaused && following.current && el.scrollTop < tailTop.current - 1 && !atBottom) setPaused(true);
    else if (isPaused && atBottom && (pointerDown.current || performance.now() < gestureUntil.current))
      setPaused(false);
  };

  const scrollTo = (next: number): void => {
    const el = scrollRef.current;
    if (el === null) return;
    if (!paused && next < bottom - 1) setPaused(true);
    el.scrollTop = next;
    setScrollTop(next);
  };

  return {
    top: paused ? Math.min(scrollTop, bottom) : bottom,
    paused,
    bottom,
    onScroll,
    scrollTo,
    markGesture,
    setPaused,
  };
}
