/** The opening handshake as one horizontal bar: DNS, TCP, TLS, upgrade, each with its ms. */
import { ms } from '../../../shared/model/close-explanation.js';
import type { HandshakePhases } from './phases.js';
import { phaseWidths } from './phases.js';

/** Props of PhaseBar. */
export interface PhaseBarProps {
  readonly phases: HandshakePhases;
  /** ms from connecting to open, when it opened. */
  readonly openMs: number | null;
}

/** The phase bar; absent phases stay as narrow "—" cells so the four are always in the same place. */
export function PhaseBar({ phases, openMs }: PhaseBarProps) {
  const widths = phaseWidths(phases.phases);
  return (
    <div className="tl-phases" data-testid="timeline-phases">
      <div className="tl-phase-bar">
        {phases.phases.map((p, i) => (
          <div
            key={p.name}
            className={p.ms === null ? `tl-phase ${p.name} absent` : `tl-phase ${p.name}`}
            data-testid={`timeline-phase-${p.name}`}
            data-ms={p.ms ?? ''}
            style={{ flexGrow: p.ms === null ? 0 : Math.max(widths[i]!, 0.02) * 100 }}
            title={`${p.label}: ${p.ms === null ? 'did not happen' : `${ms(p.ms)} (from +${ms(p.start ?? 0)})`} — ${p.detail}`}
          >
            <span className="tl-phase-name">{p.label}</span> <span className="tl-phase-ms">{p.ms === null ? '—' : ms(p.ms)}</span>
          </div>
        ))}
      </div>
      <div className="tl-phase-total dim">
        {openMs !== null ? `open after ${ms(openMs)}` : `handshake so far ${ms(phases.total)}`}
      </div>
    </div>
  );
}
