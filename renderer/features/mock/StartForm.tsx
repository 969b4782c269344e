/** Start a server: behaviour, the file it reads, host, port and TLS. */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { MockBehaviourKind } from '../../../shared/ipc/mock-commands.js';
import { useModel } from '../../store/use-console.js';
import { mockStore } from './mock-store.js';
import { startMock } from './panel-commands.js';
import { BEHAVIOURS, isExposed, needsFile, type StartDraft } from './start-form.js';

/** The start form (its draft lives in the panel's store, so it survives a tab switch). */
export function StartForm() {
  const model = useModel();
  const store = mockStore(model);
  const draft = useStore(store, (s) => s.draft);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const patch = (change: Partial<StartDraft>) =>
    store.setState((s) => ({ draft: { ...s.draft, ...change } }));
  return (
    <form
      className="mk-start"
      data-testid="mock-start-form"
      onSubmit={(e) => {
        e.preventDefault();
        setStarting(true);
        void startMock(model, draft).then((problem) => {
          setStarting(false);
          setError(problem);
        });
      }}
    >
      <h3>Start a server</h3>
      <label>
        Behaviour
        <select
          data-testid="mock-behaviour"
          value={draft.behaviour}
          onChange={(e) => patch({ behaviour: e.target.value as MockBehaviourKind })}
        >
          {BEHAVIOURS.map((b) => (
            <option key={b.kind} value={b.kind}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      {needsFile(draft.behaviour) && (
        <label>
          {draft.behaviour === 'mock' ? 'Mock file (.yaml, .json)' : 'Recording (.jsonl, HAR, …)'}
          <input
            className="mono"
            data-testid="mock-file"
            placeholder={draft.behaviour === 'mock' ? '/path/to/mock.yaml' : '/path/to/session.jsonl'}
            value={draft.file}
            onChange={(e) => patch({ file: e.target.value })}
          />
        </label>
      )}
      <div className="mk-row">
        <label>
          Host
          <input
            className="mono"
            data-testid="mock-host"
            value={draft.host}
            onChange={(e) => patch({ host: e.target.value })}
          />
        </label>
        <label>
          Port
          <input
            className="mono"
            data-testid="mock-port"
            placeholder="0 (free)"
            inputMode="numeric"
            value={draft.port}
            onChange={(e) => patch({ port: e.target.value })}
          />
        </label>
      </div>
      {isExposed(draft.host) && (
        <div className="mk-warn">Not a loopback address: other machines can connect to this server.</div>
      )}
      <label>
        TLS
        <select
          data-testid="mock-tls"
          value={draft.tls}
          onChange={(e) => patch({ tls: e.target.value as StartDraft['tls'] })}
        >
          <option value="none">None (ws://)</option>
          <option value="self-signed">Self-signed certificate (wss://)</option>
          <option value="files">Certificate and key files (wss://)</option>
        </select>
      </label>
      {draft.tls === 'files' && (
        <div className="mk-row">
          <input
            className="mono"
            placeholder="cert.pem"
            value={draft.certFile}
            onChange={(e) => patch({ certFile: e.target.value })}
          />
          <input
            className="mono"
            placeholder="key.pem"
            value={draft.keyFile}
            onChange={(e) => patch({ keyFile: e.target.value })}
          />
        </div>
      )}
      <button type="submit" className="mk-primary" data-testid="mock-start" disabled={starting}>
        {starting ? 'Starting…' : 'Start'}
      </button>
      {error !== null && (
        <div className="mk-error" data-testid="mock-start-error">
          {error}
        </div>
      )}
    </form>
  );
}
