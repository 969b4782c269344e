/** How the connection ended: initiator, both Close frames with meanings and reasons, handshake time, TCP, and the verdict. */
import type { ClosedEvent, Role } from '../../../shared/model/events.js';
import { closeSummary, type CloseSideView } from './close-summary.js';

/** Props of CloseView. */
export interface CloseViewProps {
  readonly closed: ClosedEvent | null;
  readonly role: Role;
  readonly lastError: string | null;
}

function Side({ label, side, testId }: { readonly label: string; readonly side: CloseSideView | null; readonly testId: string }) {
  return (
    <tr data-testid={testId}>
      <th>{label}</th>
      <td>
        {side === null ? (
          <span className="dim">no Close frame</span>
        ) : (
          <>
            <span className="mono">{side.code}</span>
            {side.reason !== '' && <span className="mono tl-reason"> “{side.reason}”</span>}
            <div className="dim">{side.meaning}</div>
          </>
        )}
      </td>
    </tr>
  );
}

/** The close panel (or "still open"). */
export function CloseView({ closed, role, lastError }: CloseViewProps) {
  if (closed === null) {
    return (
      <div className="tl-card" data-testid="timeline-close">
        <h4>Close</h4>
        <div className="dim">Not closed.</div>
        {lastError !== null && <div className="tl-error">{lastError}</div>}
      </div>
    );
  }
  const s = closeSummary(closed, role);
  return (
    <div className="tl-card" data-testid="timeline-close">
      <h4>Close</h4>
      <p className="tl-explanation" data-testid="timeline-close-explanation">
        {s.explanation}
      </p>
      <table className="tl-close-table">
        <tbody>
          <tr data-testid="timeline-close-initiator">
            <th>first</th>
            <td>{s.initiator}</td>
          </tr>
          <Side label="sent" side={s.sent} testId="timeline-close-sent" />
          <Side label="received" side={s.received} testId="timeline-close-received" />
          <tr>
            <th>app sees</th>
            <td className="mono">{s.code}</td>
          </tr>
          <tr>
            <th>handshake</th>
            <td>{s.handshake}</td>
          </tr>
          <tr data-testid="timeline-close-tcp">
            <th>TCP</th>
            <td className={closed.tcpClean ? '' : 'tl-error'}>{s.tcp}</td>
          </tr>
          <tr>
            <th>traffic</th>
            <td className="dim">{s.traffic}</td>
          </tr>
        </tbody>
      </table>
      {lastError !== null && <div className="tl-error">last error: {lastError}</div>}
    </div>
  );
}
