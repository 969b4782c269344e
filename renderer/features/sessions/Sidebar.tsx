/** The left column: every connection by where it came from (clients, servers, proxies), and recordings. */
import { useMemo, useState, type MouseEvent } from 'react';
import { useConsole, useModel } from '../../store/use-console.js';
import { ActiveRecordings } from '../recordings/ActiveRecordings.js';
import { useServers } from './server-tracker.js';
import { ProxySection, ServerSection } from './ServerSections.js';
import { SessionRow } from './SessionRow.js';
import { closeSession, terminateSession } from './sidebar-commands.js';
import { groupSidebar, type SessionGroup } from './sidebar-groups.js';
import { CappedList, SidebarSection } from './SidebarParts.js';
import { useNow } from './use-now.js';
import './sessions.css';

/** Attempts of one session listed before "Show N earlier". */
const SHOWN_ATTEMPTS = 5;

/** The sidebar. */
export function Sidebar() {
  const connections = useConsole((s) => s.connections);
  const allSelected = useConsole((s) => s.selectedConn === null);
  const selectConn = useConsole((s) => s.selectConn);
  const setTab = useConsole((s) => s.setTab);
  const servers = useServers();
  const sections = useMemo(() => groupSidebar(connections, servers), [connections, servers]);
  const total = useMemo(() => Object.keys(connections).length, [connections]);
  const now = useNow();
  const recordings = useConsole((s) => s.recordings.length);
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="sb-top">
        <button
          type="button"
          className="sb-new"
          data-testid="new-connection"
          onClick={() => setTab('connect')}
        >
          + New connection
        </button>
      </div>
      <div className="sb-scroll">
        <button
          type="button"
          className={allSelected ? 'sb-all sb-selected' : 'sb-all'}
          aria-pressed={allSelected}
          data-testid="session-all"
          onClick={() => selectConn(null)}
        >
          <span>All connections</span>
          <span className="sb-count">{total}</span>
        </button>
        <SidebarSection
          title="Clients"
          testId="sidebar-clients"
          count={sections.clients.length}
          empty="No client sessions yet: open one with New connection."
        >
          {sections.clients.map((group) => (
            <ClientGroup key={group.session} group={group} now={now} />
          ))}
        </SidebarSection>
        <ServerSection sections={sections} now={now} />
        <ProxySection sections={sections} now={now} />
        <SidebarSection
          title="Recordings"
          testId="sidebar-recordings"
          count={recordings}
          empty="● Rec on a row records its session; the Recordings tab records all, opens, replays and exports."
        >
          <ActiveRecordings />
        </SidebarSection>
      </div>
    </aside>
  );
}

/** A client session: its attempts, the latest one carrying Close and Terminate while it is live. */
function ClientGroup({ group, now }: { readonly group: SessionGroup; readonly now: number }) {
  const multiple = group.connections.length > 1 || group.reconnecting;
  const rows = (
    <CappedList
      items={group.connections}
      cap={SHOWN_ATTEMPTS}
      what={['attempt', 'attempts']}
      render={(view) => (
        <SessionRow
          key={view.conn}
          view={view}
          now={now}
          actions={view === group.latest && group.live ? <SessionActions group={group} /> : undefined}
        />
      )}
    />
  );
  if (!multiple) return rows;
  return (
    <li className="sb-group" data-testid="session-group" data-session={group.session}>
      <div className="sb-group-head">
        <span className="sb-server-name">session {group.session}</span>
        <span className="sb-tag">{group.connections.length} attempts</span>
        {group.reconnecting && <span className="sb-tag sb-reconnecting">reconnecting…</span>}
      </div>
      <ul className="sb-list sb-nested">{rows}</ul>
    </li>
  );
}

/** Close (1000) while the session is live; Terminate while its connection is up. */
function SessionActions({ group }: { readonly group: SessionGroup }) {
  const model = useModel();
  const [busy, setBusy] = useState(false);
  const state = group.latest.state;
  const act = (run: typeof closeSession) => (event: MouseEvent) => {
    event.stopPropagation();
    setBusy(true);
    void run(model, group.session).then(() => setBusy(false));
  };
  return (
    <span className="sb-row-actions">
      {state !== 'closing' && (
        <button
          type="button"
          disabled={busy}
          title="Close with 1000 (normal closure) and stop reconnecting"
          data-testid="session-close"
          onClick={act(closeSession)}
        >
          Close
        </button>
      )}
      {(state === 'open' || state === 'closing') && (
        <button
          type="button"
          disabled={busy}
          title="Drop TCP without a close handshake (the peer sees 1006)"
          data-testid="session-terminate"
          onClick={act(terminateSession)}
        >
          Terminate
        </button>
      )}
    </span>
  );
}
