/** Ping → pong round trips over time as an SVG line, with min / avg / max / last. */
import { ms } from '../../../shared/model/close-explanation.js';
import type { RttPoint } from '../../store/connections.js';
import { rttChartPoints, rttStats } from './rtt-stats.js';

const W = 320;
const H = 64;

/** Props of RttChart. */
export interface RttChartProps {
  readonly points: readonly RttPoint[];
}

/** The RTT chart, or a hint when no ping was answered yet. */
export function RttChart({ points }: RttChartProps) {
  const stats = rttStats(points);
  if (stats === null) {
    return (
      <div className="tl-card" data-testid="timeline-rtt">
        <h4>Ping RTT</h4>
        <div className="dim">No ping answered yet (Ping in the composer, or a heartbeat).</div>
      </div>
    );
  }
  const chart = rttChartPoints(points, W, H - 4);
  return (
    <div className="tl-card" data-testid="timeline-rtt">
      <h4>Ping RTT</h4>
      <svg className="tl-chart" viewBox={`0 -2 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label="Round-trip times">
        <polyline className="tl-rtt-line" points={chart.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} />
        {chart.length <= 60 && chart.map((p, i) => <circle key={i} className="tl-rtt-point" cx={p.x} cy={p.y} r={2} />)}
      </svg>
      <div className="tl-stats mono">
        <span data-testid="timeline-rtt-min">min {ms(stats.min)}</span>
        <span data-testid="timeline-rtt-avg">avg {ms(stats.avg)}</span>
        <span data-testid="timeline-rtt-max">max {ms(stats.max)}</span>
        <span data-testid="timeline-rtt-last">last {ms(stats.last)}</span>
        <span className="dim">{stats.count} pongs</span>
      </div>
    </div>
  );
}
