/** One connection's timeline: handshake phases and messages, frames over time, RTT, throughput, close and reconnects. */
import { useMemo } from 'react';
import { ms } from '../../../shared/model/close-explanation.js';
import type { ConnectionView } from '../../store/connections.js';
import { useConsole } from '../../store/use-console.js';
import { CloseView } from './CloseView.js';
import { FrameStrip } from './FrameStrip.js';
import { HandshakeView } from './HandshakeView.js';
import { engineNow, laneOf } from './lanes.js';
import { phaseEventsOf } from './phase-cache.js';
import { handshakePhases } from './phases.js';
import { PhaseBar } from './PhaseBar.js';
import { Reconnects } from './Reconnects.js';
import { RttChart } from './RttChart.js';
import { ThroughputChart } from './ThroughputChart.js';
import { useFrameIndex, useWallNow } from './use-frame-index.js';

/** Props of ConnectionTimeline. */
export interface ConnectionTimelineProps {
  readonly view: ConnectionView;
}

const NOTABLE = new Set(['error', 'heartbeat-timeout', 'log', 'rule', 'stream-end', 'room']);

/** Everything about one connection on one page. */
export function ConnectionTimeline({ view }: ConnectionTimelineProps) {
  const connections = useConsole((s) => s.connections);
  const selectConn = useConsole((s) => s.selectConn);
  const { index } = useFrameIndex();
  const wallNow = useWallNow(view.closed === null);
  const now = engineNow(view, wallNow);
  const lanes = useMemo(() => [laneOf(view, now)], [view, now]);
  const phases = handshakePhases(view.startT, phaseEventsOf(view));
  const notable = view.events.filter((e) => NOTABLE.has(e.type)).slice(-50);

  return (
    <div className="tl-connection">
      <div className="tl-title">
        <span className={`tl-state ${view.state}`}>{view.state}</span>
        <span className="mono">#{view.conn}</span>
        <span className="mono tl-url">{view.url}</span>
        <span className="dim">
          {view.role}
          {view.attempt > 1 ? ` · attempt ${view.attempt}` : ''}
          {view.script !== null ? ` · script ${view.script}` : ''}
          {view.open?.subprotocol ? ` · subprotocol ${view.open.subprotocol}` : ''}
          {view.open?.extensions ? ` · ${view.open.extensions}` : ''}
        </span>
        <span className="grow" />
        <button data-testid="timeline-show-all" onClick={() => selectConn(null)}>
          All connections
        </button>
      </div>
      <PhaseBar phases={phases} openMs={view.open?.ms ?? null} />
      <HandshakeView request={view.request} response={view.response} />
      <h4 className="tl-section">Frames</h4>
      <FrameStrip lanes={lanes} laneHeight={64} maxHeight={64 + 18} origin={view.startT} selectedConn={null} testId="timeline-frames" />
      <div className="tl-cards">
        <RttChart points={view.rtts} />
        <ThroughputChart buckets={index.get(view.conn)} t0={view.startT} t1={lanes[0]!.end} />
      </div>
      <div className="tl-cards">
        <CloseView closed={view.closed} role={view.role} lastError={view.lastError} />
        <Reconnects connections={connections} session={view.session} current={view.conn} onSelect={selectConn} />
      </div>
      {notable.length > 0 && (
        <div className="tl-card" data-testid="timeline-events">
          <h4>Events</h4>
          <ul className="tl-events mono">
            {notable.map((e) => (
              <li key={e.seq}>
                <span className="dim">+{ms(e.t - view.startT)}</span> {e.type}
                {e.type === 'error' && ` ${e.code}: ${e.message}`}
                {e.type === 'log' && ` [${e.level}] ${e.message}`}
                {e.type === 'heartbeat-timeout' && ` ${e.missed} missed, silent ${ms(e.silentMs)}`}
                {e.type === 'rule' && ` ${e.route} → ${e.rule}: ${e.actions.join(', ')}`}
                {e.type === 'stream-end' && ` ${e.dir}: ${e.bytes} bytes left, ${e.violations.map((v) => v.code).join(', ')}`}
                {e.type === 'room' && ` ${e.action} ${e.room} (${e.members})`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
