/** The Mock servers tab: servers (start, stop, clients, send, close) beside the mock definition editor. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../store/use-console.js';
import './mock.css';
import { MockEditor } from './MockEditor.js';
import { mockStore, refreshServers } from './mock-store.js';
import { ServerCard } from './ServerCard.js';
import { StartForm } from './StartForm.js';

/** Clients' ages and counters move on their own: the list is asked for again this often while shown. */
const REFRESH_MS = 1000;

/** The panel. */
export function MockPanel() {
  const model = useModel();
  const servers = useStore(mockStore(model), (s) => s.servers);
  useEffect(() => {
    void refreshServers(model);
    const timer = setInterval(() => void refreshServers(model), REFRESH_MS);
    return () => clearInterval(timer);
  }, [model]);
  return (
    <div className="mock" data-testid="mock-panel">
      <div className="mk-side">
        <StartForm />
        <h3>Servers</h3>
        {servers.length === 0 ? (
          <p className="mk-empty">No server running.</p>
        ) : (
          <ul className="mk-servers">
            {servers.map((s) => (
              <ServerCard key={s.url} server={s} />
            ))}
          </ul>
        )}
      </div>
      <MockEditor />
    </div>
  );
}
