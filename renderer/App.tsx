/** The console's layout: sessions on the left; inspector, timeline or connect form in the middle; composer below. */
import { Composer } from './features/composer/Composer.js';
import { ConnectForm } from './features/connect/ConnectForm.js';
import { Inspector } from './features/inspector/Inspector.js';
import { MockPanel } from './features/mock/MockPanel.js';
import { ProxyPanel } from './features/proxy/ProxyPanel.js';
import { RecordingsPanel } from './features/recordings/RecordingsPanel.js';
import { Sidebar } from './features/sessions/Sidebar.js';
import { StatusBar } from './features/sessions/StatusBar.js';
import { Scripts } from './features/scripts/Scripts.js';
import { Timeline } from './features/timeline/Timeline.js';
import type { Tab } from './store/console-store.js';
import { useConsole } from './store/use-console.js';

const TABS: readonly { readonly tab: Tab; readonly label: string }[] = [
  { tab: 'inspector', label: 'Inspector' },
  { tab: 'timeline', label: 'Timeline' },
  { tab: 'connect', label: 'Connect' },
  { tab: 'mock', label: 'Mock servers' },
  { tab: 'proxy', label: 'Proxy' },
  { tab: 'scripts', label: 'Scripts' },
  { tab: 'recordings', label: 'Recordings' },
];

/** The whole window. */
export function App() {
  const tab = useConsole((s) => s.tab);
  const setTab = useConsole((s) => s.setTab);
  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <nav className="tabs" role="tablist">
          {TABS.map((t) => (
            <button
              key={t.tab}
              role="tab"
              aria-selected={tab === t.tab}
              data-testid={`tab-${t.tab}`}
              className={tab === t.tab ? 'tab active' : 'tab'}
              onClick={() => setTab(t.tab)}
            >
              {t.label}
            </button>
          ))}
        </nav>
        <section className="pane">
          {tab === 'inspector' && <Inspector />}
          {tab === 'timeline' && <Timeline />}
          {tab === 'connect' && <ConnectForm />}
          {tab === 'mock' && <MockPanel />}
          {tab === 'proxy' && <ProxyPanel />}
          {tab === 'scripts' && <Scripts />}
          {tab === 'recordings' && <RecordingsPanel />}
        </section>
        {tab !== 'connect' && tab !== 'scripts' && tab !== 'recordings' && <Composer />}
        <StatusBar />
      </main>
    </div>
  );
}
