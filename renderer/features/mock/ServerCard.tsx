/** One server: its clients (click one to inspect it), rooms, a send form and per-client close. */
import { useState } from 'react';
import type { MockServer } from '../../../shared/ipc/mock-commands.js';
import { useModel } from '../../store/use-console.js';
import { draftOf } from '../connect/connect-draft.js';
import { formatDuration } from '../sessions/format.js';
import { ClientClose } from './ClientClose.js';
import { openDoc, stopMock } from './panel-commands.js';
import { SendForm } from './SendForm.js';

/** A server's card. */
export function ServerCard({ server }: { readonly server: MockServer }) {
  const model = useModel();
  const [closing, setClosing] = useState<number | null>(null);
  const inspect = (conn: number) => {
    model.store.getState().selectConn(conn);
    model.store.getState().setTab('inspector');
  };
  const connectTo = () => {
    draftOf(model).setState((s) => ({ form: { ...s.form, url: server.url } }));
    model.store.getState().setTab('connect');
  };
  return (
    <li className="mk-server" data-testid="mock-server" data-url={server.url} data-kind={server.kind}>
      <div className="mk-server-head">
        <span className="mk-kind">{server.kind}</span>
        <span className="mk-name" title={server.behaviour}>
          {server.behaviour}
        </span>
        <span className="mono mk-url" data-testid="mock-server-url">
          {server.url}
        </span>
      </div>
      {server.file !== null && (
        <div className="mono mk-file" title={server.file}>
          {server.file}
          {server.reloads && <span className="mk-tag">hot reload</span>}
        </div>
      )}
      <div className="mk-actions">
        <button type="button" onClick={connectTo} title="Fill the connect form with this server's URL">
          Connect a client…
        </button>
        {server.kind === 'mock' && server.file !== null && (
          <button type="button" data-testid="mock-edit" onClick={() => void openDoc(model, server.file!)}>
            Edit definition
          </button>
        )}
        <button type="button" data-testid="mock-stop" onClick={() => void stopMock(model, server.url)}>
          Stop
        </button>
      </div>
      <table className="mk-clients">
        <thead>
          <tr>
            <th>#</th>
            <th>remote</th>
            <th>path</th>
            <th>rooms</th>
            <th>age</th>
            <th title="messages in / out">in/out</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {server.clients.length === 0 && (
            <tr>
              <td colSpan={7} className="mk-none">
                No client connected.
              </td>
            </tr>
          )}
          {server.clients.map((c) => (
            <tr key={c.id} data-testid="mock-client" data-conn={c.id}>
              <td>
                <button
                  type="button"
                  className="mk-link"
                  data-testid="mock-client-inspect"
                  title="Show in the inspector"
                  onClick={() => inspect(c.id)}
                >
                  #{c.id}
                </button>
              </td>
              <td className="mono">{c.remote}</td>
              <td className="mono">{c.path}</td>
              <td>{c.rooms.join(', ')}</td>
              <td>{formatDuration(c.age)}</td>
              <td className="mono">
                {c.messagesIn}/{c.messagesOut}
              </td>
              <td>
                <button
                  type="button"
                  data-testid="mock-client-close"
                  onClick={() => setClosing(closing === c.id ? null : c.id)}
                >
                  Close…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {closing !== null && server.clients.some((c) => c.id === closing) && (
        <ClientClose url={server.url} conn={closing} done={() => setClosing(null)} />
      )}
      {server.rooms.length > 0 && (
        <div className="mk-rooms">
          Rooms:{' '}
          {server.rooms.map((r) => (
            <span key={r.room} className="mk-tag">
              {r.room} ({r.members})
            </span>
          ))}
        </div>
      )}
      {server.clients.length > 0 && <SendForm server={server} />}
    </li>
  );
}
