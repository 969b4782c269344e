/**
 * The timeline tab: the selected connection's life (handshake, frames, RTT, throughput, close,
 * reconnects), or, with no single connection selected, every connection as swimlanes on one clock.
 */
import { useConsole } from '../../store/use-console.js';
import { ConnectionTimeline } from './ConnectionTimeline.js';
import { Swimlanes } from './Swimlanes.js';
import './timeline.css';

/** The timeline pane. */
export function Timeline() {
  const view = useConsole((s) => (s.selectedConn === null ? undefined : s.connections[s.selectedConn]));
  return (
    <div className="timeline" data-testid="timeline">
      {view === undefined ? <Swimlanes /> : <ConnectionTimeline key={view.conn} view={view} />}
    </div>
  );
}
