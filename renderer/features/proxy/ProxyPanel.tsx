/** The proxy tab: start reverse proxies, watch and steer what they relay. */
import { ProxyCard } from './ProxyCard.js';
import { StartForm } from './StartForm.js';
import { useProxies } from './use-proxies.js';
import './proxy.css';

/** The whole proxy panel. */
export function ProxyPanel() {
  const { proxies, refresh } = useProxies();
  return (
    <div className="proxy-panel" data-testid="proxy-panel">
      <StartForm onDone={refresh} />
      {proxies.length === 0 ? (
        <p className="proxy-empty">No proxy running.</p>
      ) : (
        proxies.map((p) => <ProxyCard key={p.id} proxy={p} onDone={refresh} />)
      )}
    </div>
  );
}
