/** Every connection on one clock: one lane each, lifetime bar, open/close markers and frame ticks. */
import { useMemo } from 'react';
import { useConsole } from '../../store/use-console.js';
import { FrameStrip } from './FrameStrip.js';
import { engineNow, lanesOf } from './lanes.js';
import { useWallNow } from './use-frame-index.js';

const LANE_H = 26;

/** The swimlanes (shown when no single connection is selected). */
export function Swimlanes() {
  const connections = useConsole((s) => s.connections);
  const selectConn = useConsole((s) => s.selectConn);
  const views = Object.values(connections);
  const live = views.some((c) => c.closed === null);
  const wallNow = useWallNow(live);
  const anchor = views[0];
  const now = anchor === undefined ? 0 : engineNow(anchor, wallNow);
  const lanes = useMemo(() => lanesOf(connections, now), [connections, now]);

  if (lanes.length === 0) {
    return (
      <div className="tl-empty dim" data-testid="timeline-swimlanes">
        No connections yet: connect (Connect tab) and they appear here, one lane each.
      </div>
    );
  }
  const hidden = views.length - lanes.length;
  return (
    <div className="tl-swimlanes" data-testid="timeline-swimlanes">
      <div className="tl-title">
        <span>
          {lanes.length} connection{lanes.length === 1 ? '' : 's'}
        </span>
        {hidden > 0 && <span className="dim">(the oldest {hidden} not shown)</span>}
        <span className="dim">· click a label to open that connection&apos;s timeline</span>
      </div>
      <FrameStrip
        lanes={lanes}
        laneHeight={LANE_H}
        maxHeight={Math.max(240, window.innerHeight - 280)}
        origin={lanes[0]!.start}
        onLabel={selectConn}
        selectedConn={null}
        testId="timeline-lanes"
      />
    </div>
  );
}
