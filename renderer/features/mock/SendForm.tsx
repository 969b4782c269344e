/** Send text, JSON or binary (base64) to one client, a room, or every client of a server. */
import { useState } from 'react';
import type { MockServer } from '../../../shared/ipc/mock-commands.js';
import { useModel } from '../../store/use-console.js';
import { sendToClients } from './panel-commands.js';
import { outgoingOf, targetOf, type SendKind } from './send-draft.js';

/** A server's send form. */
export function SendForm({ server }: { readonly server: MockServer }) {
  const model = useModel();
  const [target, setTarget] = useState('all');
  const [kind, setKind] = useState<SendKind>('text');
  const [text, setText] = useState('');
  const checked = outgoingOf(kind, text);
  return (
    <form
      className="mk-send"
      data-testid="mock-send-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (checked.ok) void sendToClients(model, server.url, targetOf(target), checked.message);
      }}
    >
      <div className="mk-row">
        <select
          aria-label="Send to"
          data-testid="mock-send-target"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value="all">every client</option>
          {server.rooms.map((r) => (
            <option key={r.room} value={`room:${r.room}`}>
              room {r.room}
            </option>
          ))}
          {server.clients.map((c) => (
            <option key={c.id} value={`conn:${c.id}`}>
              client #{c.id}
            </option>
          ))}
        </select>
        <select
          aria-label="As"
          data-testid="mock-send-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as SendKind)}
        >
          <option value="text">text</option>
          <option value="json">JSON</option>
          <option value="base64">binary (base64)</option>
        </select>
        <button type="submit" data-testid="mock-send" disabled={!checked.ok}>
          Send
        </button>
      </div>
      <textarea
        className="mono"
        data-testid="mock-send-text"
        rows={2}
        value={text}
        placeholder="message"
        onChange={(e) => setText(e.target.value)}
      />
      {!checked.ok && text !== '' && <div className="mk-error-text">{checked.error}</div>}
    </form>
  );
}
