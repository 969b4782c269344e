/** Messages per second and bytes per second of one connection over its life, as two sparklines. */
import type { ConnBuckets } from './frame-index.js';
import { formatRate, sparklinePoints, throughput } from './throughput.js';

const W = 320;
const H = 28;

/** Props of ThroughputChart. */
export interface ThroughputChartProps {
  readonly buckets: ConnBuckets | undefined;
  readonly t0: number;
  readonly t1: number;
}

/** The two sparklines with peak, average and last-second rates. */
export function ThroughputChart({ buckets, t0, t1 }: ThroughputChartProps) {
  const tp = throughput(buckets, t0, t1);
  return (
    <div className="tl-card" data-testid="timeline-throughput">
      <h4>Throughput</h4>
      <div className="tl-spark-row">
        <span className="tl-spark-label">msgs/s</span>
        <svg className="tl-spark" viewBox={`0 -1 ${W} ${H + 2}`} preserveAspectRatio="none" aria-label="Messages per second">
          <polyline className="tl-spark-msgs" points={sparklinePoints(tp.msgsPerSec, W, H)} />
        </svg>
        <span className="mono tl-spark-values" data-testid="timeline-throughput-msgs">
          last {formatRate(tp.lastMsgs, 'msgs')} · peak {formatRate(tp.peakMsgs, 'msgs')} · avg {formatRate(tp.avgMsgs, 'msgs')}
        </span>
      </div>
      <div className="tl-spark-row">
        <span className="tl-spark-label">bytes/s</span>
        <svg className="tl-spark" viewBox={`0 -1 ${W} ${H + 2}`} preserveAspectRatio="none" aria-label="Bytes per second">
          <polyline className="tl-spark-bytes" points={sparklinePoints(tp.bytesPerSec, W, H)} />
        </svg>
        <span className="mono tl-spark-values" data-testid="timeline-throughput-bytes">
          last {formatRate(tp.lastBytes, 'bytes')} · peak {formatRate(tp.peakBytes, 'bytes')} · avg {formatRate(tp.avgBytes, 'bytes')}
        </span>
      </div>
      <div className="dim">
        {buckets === undefined ? 'No frames yet.' : `${buckets.messageCount} messages, ${buckets.frames} frames, ${buckets.totalBytes} payload bytes on the wire`}
        {` · ${(tp.binMs / 1000).toFixed(tp.binMs < 1000 ? 1 : 0)} s per point`}
      </div>
    </div>
  );
}
