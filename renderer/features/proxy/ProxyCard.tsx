/** One running proxy: where apps connect, its target, its rules with counters, its relayed connections. */
import type { ProxyInfo } from '../../../shared/ipc/proxy-commands.js';
import { useModel } from '../../store/use-console.js';
import { closedHeading } from './closed-rows.js';
import { ClosedRow } from './ClosedRow.js';
import { RelayedRow } from './RelayedRow.js';
import { RuleForm } from './RuleForm.js';
import { RuleList } from './RuleList.js';
import { runCommand } from '../../bridge/commands.js';

/** Props of ProxyCard. */
export interface ProxyCardProps {
  readonly proxy: ProxyInfo;
  readonly onDone: () => void;
}

/** A proxy's section of the panel. */
export function ProxyCard({ proxy, onDone }: ProxyCardProps) {
  const model = useModel();
  const call = async (run: () => Promise<unknown>) => {
    await run();
    onDone();
  };
  return (
    <section className="proxy-card" data-testid={`proxy-${proxy.id}`} aria-label={`Proxy ${proxy.url}`}>
      <header className="proxy-form-row">
        <span className="mono" data-testid={`proxy-${proxy.id}-url`}>
          {proxy.url}
        </span>
        <span>→</span>
        <span className="mono grow">{proxy.target}</span>
        <button
          data-testid={`proxy-${proxy.id}-stop`}
          onClick={() => void call(() => runCommand(model, 'proxy.stop', { proxy: proxy.id }))}
        >
          Stop
        </button>
      </header>
      <h4>Message rules</h4>
      <RuleList
        rules={proxy.rules}
        onRemove={(rule) => void call(() => runCommand(model, 'proxy.removeRule', { proxy: proxy.id, rule }))}
      />
      <RuleForm proxy={proxy.id} onDone={onDone} />
      <h4>Relayed connections ({proxy.connections.length})</h4>
      {proxy.connections.length === 0 ? (
        <p className="proxy-empty">None yet: point an app at {proxy.url}.</p>
      ) : (
        <ul className="proxy-conns">
          {proxy.connections.map((c) => (
            <RelayedRow key={c.conn} relayed={c} maxHeld={proxy.maxHeld} onDone={onDone} />
          ))}
        </ul>
      )}
      {(proxy.closed.length > 0 || proxy.closedDropped > 0) && (
        <>
          <h4 data-testid={`proxy-${proxy.id}-closed-heading`}>
            {closedHeading(proxy.closed.length, proxy.closedDropped)}
          </h4>
          <ul className="proxy-conns">
            {proxy.closed.map((c) => (
              <ClosedRow key={c.conn} closed={c} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
