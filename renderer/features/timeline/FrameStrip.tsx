/**
 * Frames over time for one or many connections on one clock: zoom (buttons, Ctrl+wheel), pan
 * (drag, Shift+wheel), and click-through: a click selects the nearest row of that lane's
 * connection and opens the inspector. Lanes are virtualised: only those in view are painted.
 */
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { useModel } from '../../store/use-console.js';
import { AXIS_H, paintStrip } from './draw-strip.js';
import type { Lane } from './lanes.js';
import { laneAt, lanesExtent } from './lanes.js';
import { fitScale, formatOffset, panScale, tOf, wheelZoomFactor, zoomScale, type TimeScale } from './scale.js';
import { useFrameIndex } from './use-frame-index.js';

/** Props of FrameStrip. */
export interface FrameStripProps {
  readonly lanes: readonly Lane[];
  readonly laneHeight: number;
  readonly maxHeight: number;
  /** Engine ms that the axis counts from. */
  readonly origin: number;
  /** Lane labels (connection id and URL) at the left; clicking one calls this. */
  readonly onLabel?: (conn: number) => void;
  readonly selectedConn: number | null;
  readonly testId: string;
}

/** The canvas strip with its toolbar and labels. */
export function FrameStrip(props: FrameStripProps) {
  const { lanes, laneHeight, origin } = props;
  const model = useModel();
  const { index, version } = useFrameIndex();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const [scrollTop, setScrollTop] = useState(0);
  const [userScale, setUserScale] = useState<TimeScale | null>(null);
  const drag = useRef<{ x: number; scale: TimeScale; moved: boolean } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const extent = lanesExtent(lanes) ?? [origin, origin + 1000];
  const scale = userScale ?? fitScale(extent[0], extent[1], width);
  const totalHeight = AXIS_H + lanes.length * laneHeight;
  const viewportHeight = Math.min(props.maxHeight, totalHeight);
  const scaleRef = useRef(scale);
  useEffect(() => {
    scaleRef.current = scale;
  });

  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (el === null) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.max(50, entries[0]?.contentRect.width ?? 600)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const frame = requestAnimationFrame(() =>
      paintStrip(canvas, { lanes, laneHeight, scale, origin, width, height: viewportHeight, scrollTop, index, rows: model.rows, selectedConn: props.selectedConn }),
    );
    return () => cancelAnimationFrame(frame);
  }, [lanes, laneHeight, scale, origin, width, viewportHeight, scrollTop, index, model, version, props.selectedConn]);

  useEffect(() => {
    const el = scrollerRef.current;
    if (el === null) return;
    // Native and non-passive: React's wheel listener is passive, so it cannot stop page zoom/scroll.
    const onWheel = (event: WheelEvent) => {
      const x = event.clientX - (wrapRef.current?.getBoundingClientRect().left ?? 0);
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        setUserScale(zoomScale(scaleRef.current, wheelZoomFactor(event.deltaY), x));
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        setUserScale(panScale(scaleRef.current, -(event.shiftKey ? event.deltaY : event.deltaX)));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const localX = (event: PointerEvent) => event.clientX - (wrapRef.current?.getBoundingClientRect().left ?? 0);
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: localX(event), scale, moved: false };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (d === null) return;
    const dx = localX(event) - d.x;
    if (!d.moved && Math.abs(dx) < 4) return;
    d.moved = true;
    setUserScale(panScale(d.scale, dx));
  };
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d === null || d.moved) return;
    const rect = event.currentTarget.getBoundingClientRect();
    pick(event.clientX - rect.left, event.clientY - rect.top);
  };

  const pick = (x: number, y: number) => {
    const i = laneAt(y - AXIS_H + scrollTop, laneHeight, lanes.length);
    const lane = lanes[i];
    if (lane === undefined) return;
    const state = model.store.getState();
    const wantMessage = state.filter.mode === 'messages';
    const maxMs = Math.max(10 * scale.msPerPx, 0.5);
    const row = index.nearestRow(model.rows, lane.conn, tOf(scale, x), maxMs, (flags) => ((flags & ROW_FLAG.MESSAGE) !== 0) === wantMessage);
    if (row < 0) {
      setNote(`no ${wantMessage ? 'message' : 'frame'} of connection ${lane.conn} within ${formatOffset(maxMs, maxMs)} of that point`);
      return;
    }
    setNote(null);
    state.selectRow(row);
    state.setTab('inspector');
  };

  const zoom = (factor: number) => setUserScale(zoomScale(scale, factor, width / 2));
  const first = Math.max(0, Math.floor(scrollTop / laneHeight));
  const last = Math.min(lanes.length - 1, Math.floor((scrollTop + viewportHeight - AXIS_H) / laneHeight));
  const visible = lanes.slice(first, last + 1);

  return (
    <div className="tl-strip" data-testid={props.testId}>
      <div className="tl-strip-toolbar">
        <button data-testid="timeline-zoom-in" aria-label="Zoom in" onClick={() => zoom(0.5)}>
          +
        </button>
        <button data-testid="timeline-zoom-out" aria-label="Zoom out" onClick={() => zoom(2)}>
          −
        </button>
        <button data-testid="timeline-zoom-fit" disabled={userScale === null} onClick={() => setUserScale(null)}>
          Fit
        </button>
        <span className="dim" data-testid="timeline-window">
          {formatOffset(scale.t0 - origin, scale.msPerPx * 90)} … {formatOffset(tOf(scale, width) - origin, scale.msPerPx * 90)}
          {userScale === null ? ' (auto-fit)' : ''}
        </span>
        {note === null ? (
          <span className="dim tl-hint">Ctrl+wheel zoom · drag or Shift+wheel pan · click a tick to open it</span>
        ) : (
          <span className="tl-hint tl-note" data-testid="timeline-pick-note">
            {note}
          </span>
        )}
        <span className="tl-legend">
          <i className="tl-key out" /> out <i className="tl-key in" /> in <i className="tl-key control" /> control
        </span>
      </div>
      <div className="tl-strip-body" ref={scrollerRef} style={{ height: viewportHeight }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: totalHeight }}>
          <div className="tl-strip-sticky" style={{ height: viewportHeight }}>
            {props.onLabel !== undefined && (
              <div className="tl-lane-labels" style={{ height: viewportHeight }}>
                {visible.map((lane, k) => (
                  <button
                    key={lane.conn}
                    className={lane.conn === props.selectedConn ? 'tl-lane-label selected' : 'tl-lane-label'}
                    data-testid="timeline-lane"
                    data-conn={lane.conn}
                    style={{ top: AXIS_H + (first + k) * laneHeight - scrollTop, height: laneHeight }}
                    title={`${lane.label} (${lane.state})`}
                    onClick={() => props.onLabel?.(lane.conn)}
                  >
                    <span className={`tl-state ${lane.state}`}>#{lane.conn}</span> {lane.label}
                  </button>
                ))}
              </div>
            )}
            <div className="tl-canvas-wrap" ref={wrapRef}>
              <canvas
                ref={canvasRef}
                className="tl-canvas"
                style={{ width: '100%', height: viewportHeight }}
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={() => (drag.current = null)}
              />
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
