/**
 * A relayed connection that ended: who closed it, the code and reason, and "Inspect" to select it
 * in the inspector (and the timeline). Interventions stay visible but disabled: nothing is
 * relayed any more.
 */
import type { ClosedRelayed } from '../../../shared/ipc/proxy-commands.js';
import { useConsole } from '../../store/use-console.js';
import { closedSummary } from './closed-rows.js';

/** Props of ClosedRow. */
export interface ClosedRowProps {
  readonly closed: ClosedRelayed;
}

const ENDED = 'the connection has ended';

/** One ended connection. */
export function ClosedRow({ closed }: ClosedRowProps) {
  const { conn } = closed;
  const selectConn = useConsole((s) => s.selectConn);
  const setTab = useConsole((s) => s.setTab);
  return (
    <li
      className="proxy-conn proxy-closed"
      data-testid={`proxy-closed-${conn}`}
      data-closed-by={closed.closedBy}
      data-code={closed.code}
      title={closed.explanation}
    >
      <div className="proxy-form-row">
        <span className="mono">#{conn}</span>
        <span className="proxy-state" data-testid={`proxy-closed-${conn}-summary`}>
          {closedSummary(closed)}
        </span>
        {closed.reason !== '' && (
          <span className="mono proxy-reason" data-testid={`proxy-closed-${conn}-reason`}>
            “{closed.reason}”
          </span>
        )}
        <span className="proxy-when">{new Date(closed.at).toLocaleTimeString()}</span>
        <span className="grow" />
        <button
          data-testid={`proxy-closed-${conn}-inspect`}
          onClick={() => {
            selectConn(conn);
            setTab('inspector');
          }}
        >
          Inspect
        </button>
        <button disabled title={ENDED} data-testid={`proxy-closed-${conn}-hold`}>
          Hold
        </button>
        <button disabled title={ENDED} data-testid={`proxy-closed-${conn}-inject`}>
          Inject
        </button>
        <button disabled title={ENDED} data-testid={`proxy-closed-${conn}-close`}>
          Close
        </button>
        <button disabled title={ENDED} data-testid={`proxy-closed-${conn}-cut`}>
          Cut TCP
        </button>
      </div>
    </li>
  );
}
