/** The sidebar's Servers and Proxies: each with the connections it accepted or relayed. */
import { useState } from 'react';
import type { ConnectionView } from '../../store/connections.js';
import { useModel } from '../../store/use-console.js';
import { draftOf } from '../connect/connect-draft.js';
import { splitUrl } from './format.js';
import { SessionRow } from './SessionRow.js';
import type { ServerGroup, SidebarSections } from './sidebar-groups.js';
import { startServer, stopServer } from './sidebar-commands.js';
import { CappedList, SidebarSection } from './SidebarParts.js';

/** Connections listed per server before "Show N earlier". */
const SHOWN_PER_SERVER = 50;

/** Servers: start an echo or broadcast server, stop one, see what it accepted. */
export function ServerSection({
  sections,
  now,
}: {
  readonly sections: SidebarSections;
  readonly now: number;
}) {
  const model = useModel();
  const [starting, setStarting] = useState(false);
  const start = async (behaviour: 'echo' | 'broadcast') => {
    setStarting(true);
    await startServer(model, behaviour);
    setStarting(false);
  };
  const { servers, serverOrphans } = sections;
  return (
    <SidebarSection
      title="Servers"
      testId="sidebar-servers"
      count={servers.length + (serverOrphans.length > 0 ? 1 : 0)}
      empty="No server running. Start one on a free loopback port to talk to."
      tools={
        <>
          <button
            type="button"
            disabled={starting}
            data-testid="server-start-echo"
            onClick={() => void start('echo')}
          >
            Start echo server
          </button>
          <button
            type="button"
            disabled={starting}
            data-testid="server-start-broadcast"
            onClick={() => void start('broadcast')}
          >
            Start broadcast server
          </button>
        </>
      }
    >
      {servers.map((group) => (
        <ServerItem key={group.server.url} group={group} now={now} stoppable />
      ))}
      {serverOrphans.length > 0 && (
        <OrphanItem title="Server connections" connections={serverOrphans} now={now} />
      )}
    </SidebarSection>
  );
}

/** Proxies (listed by their `listening` events); nothing to start from here. */
export function ProxySection({
  sections,
  now,
}: {
  readonly sections: SidebarSections;
  readonly now: number;
}) {
  const { proxies, proxyOrphans } = sections;
  return (
    <SidebarSection
      title="Proxies"
      testId="sidebar-proxies"
      count={proxies.length + (proxyOrphans.length > 0 ? 1 : 0)}
      empty="No proxy running. Connections relayed by `wstap proxy` show here."
    >
      {proxies.map((group) => (
        <ServerItem key={group.server.url} group={group} now={now} stoppable={false} />
      ))}
      {proxyOrphans.length > 0 && (
        <OrphanItem title="Proxied connections" connections={proxyOrphans} now={now} />
      )}
    </SidebarSection>
  );
}

function ServerItem({
  group,
  now,
  stoppable,
}: {
  readonly group: ServerGroup;
  readonly now: number;
  readonly stoppable: boolean;
}) {
  const model = useModel();
  const [stopping, setStopping] = useState(false);
  const { server, connections } = group;
  const { base } = splitUrl(server.url);
  const connectTo = () => {
    draftOf(model).setState((s) => ({ form: { ...s.form, url: server.url } }));
    model.store.getState().setTab('connect');
  };
  return (
    <li className="sb-group" data-testid="server-item" data-url={server.url} data-running={server.running}>
      <div className="sb-group-head">
        <span className={server.running ? 'sb-badge sb-state-open' : 'sb-badge sb-state-closed'}>
          {server.running ? 'listening' : 'stopped'}
        </span>
        <span className="sb-server-name" title={server.behaviour}>
          {server.behaviour}
        </span>
        <span className="sb-count" title="connections">
          {connections.length}
        </span>
      </div>
      <div className="sb-server-url mono" title={server.url}>
        {base}
      </div>
      {server.running && (
        <div className="sb-actions">
          <button type="button" title={`Fill the connect form with ${server.url}`} onClick={connectTo}>
            Connect…
          </button>
          {stoppable && (
            <button
              type="button"
              disabled={stopping}
              data-testid="server-stop"
              onClick={() => {
                setStopping(true);
                void stopServer(model, server.url).then(() => setStopping(false));
              }}
            >
              Stop
            </button>
          )}
        </div>
      )}
      {connections.length > 0 && (
        <ul className="sb-list sb-nested">
          <CappedList
            items={connections}
            cap={SHOWN_PER_SERVER}
            what={['connection', 'connections']}
            render={(view) => <SessionRow key={view.conn} view={view} now={now} />}
          />
        </ul>
      )}
    </li>
  );
}

function OrphanItem(props: {
  readonly title: string;
  readonly connections: readonly ConnectionView[];
  readonly now: number;
}) {
  return (
    <li className="sb-group" data-testid="server-orphans">
      <div className="sb-group-head">
        <span className="sb-server-name">{props.title}</span>
        <span className="sb-count">{props.connections.length}</span>
      </div>
      <ul className="sb-list sb-nested">
        <CappedList
          items={props.connections}
          cap={SHOWN_PER_SERVER}
          what={['connection', 'connections']}
          render={(view) => <SessionRow key={view.conn} view={view} now={props.now} />}
        />
      </ul>
    </li>
  );
}
