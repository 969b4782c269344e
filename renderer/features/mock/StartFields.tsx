/** The start form's fields: behaviour, the file it reads, a replay's options, host, port and TLS. */
import type { MockBehaviourKind } from '../../../shared/ipc/mock-commands.js';
import { ReplayOptions } from './ReplayOptions.js';
import { BEHAVIOURS, isExposed, needsFile, type StartDraft } from './start-form.js';

/** Props of StartFields. */
export interface StartFieldsProps {
  readonly draft: StartDraft;
  readonly onChange: (change: Partial<StartDraft>) => void;
}

/** The fields of a draft; a replay's options only for a replay. */
export function StartFields({ draft, onChange }: StartFieldsProps) {
  return (
    <>
      <label>
        Behaviour
        <select
          data-testid="mock-behaviour"
          value={draft.behaviour}
          onChange={(e) => onChange({ behaviour: e.target.value as MockBehaviourKind })}
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
            onChange={(e) => onChange({ file: e.target.value })}
          />
        </label>
      )}
      {draft.behaviour === 'replay' && (
        <ReplayOptions
          draft={draft.replay}
          onChange={(change) => onChange({ replay: { ...draft.replay, ...change } })}
        />
      )}
      <div className="mk-row">
        <label>
          Host
          <input
            className="mono"
            data-testid="mock-host"
            value={draft.host}
            onChange={(e) => onChange({ host: e.target.value })}
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
            onChange={(e) => onChange({ port: e.target.value })}
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
          onChange={(e) => onChange({ tls: e.target.value as StartDraft['tls'] })}
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
            onChange={(e) => onChange({ certFile: e.target.value })}
          />
          <input
            className="mono"
            placeholder="key.pem"
            value={draft.keyFile}
            onChange={(e) => onChange({ keyFile: e.target.value })}
          />
        </div>
      )}
    </>
  );
}
