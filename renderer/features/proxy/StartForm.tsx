/** Starts a reverse proxy: target, listen address and port, request headers to set or remove. */
import { useState } from 'react';
import { useModel } from '../../store/use-console.js';
import { EMPTY_START, parseStart, type StartDraft } from './proxy-forms.js';
import { runCommand } from '../../bridge/commands.js';

/** Props of StartForm. */
export interface StartFormProps {
  readonly onDone: () => void;
}

/** The form at the top of the proxy panel. */
export function StartForm({ onDone }: StartFormProps) {
  const model = useModel();
  const [draft, setDraft] = useState<StartDraft>(EMPTY_START);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (part: Partial<StartDraft>) => setDraft({ ...draft, ...part });
  const start = async () => {
    const input = parseStart(draft);
    if (!input.ok) return setError(input.error);
    setBusy(true);
    const result = await runCommand(model, 'proxy.start', input.value);
    setBusy(false);
    setError(result.ok ? null : result.error);
    onDone();
  };
  return (
    <section className="proxy-start" aria-label="Start a proxy">
      <h3>Start a reverse proxy</h3>
      <div className="proxy-form-row">
        <input
          className="mono grow"
          aria-label="Target URL"
          placeholder="target: ws://127.0.0.1:9000"
          data-testid="proxy-target"
          value={draft.target}
          onChange={(e) => change({ target: e.target.value })}
        />
        <label className="proxy-field">
          listen on
          <input
            className="mono"
            aria-label="Listen host"
            data-testid="proxy-host"
            value={draft.host}
            onChange={(e) => change({ host: e.target.value })}
          />
        </label>
        <label className="proxy-field">
          port
          <input
            className="mono proxy-num"
            aria-label="Listen port (0: a free one)"
            data-testid="proxy-port"
            value={draft.port}
            onChange={(e) => change({ port: e.target.value })}
          />
        </label>
        <button data-testid="proxy-start" disabled={busy} onClick={() => void start()}>
          Start proxy
        </button>
      </div>
      <details>
        <summary>Request headers</summary>
        <div className="proxy-form-row">
          <textarea
            className="mono grow"
            aria-label="Headers to set, one Name: value a line"
            placeholder={'set, one a line: Authorization: Bearer …'}
            rows={2}
            data-testid="proxy-set-headers"
            value={draft.setHeaders}
            onChange={(e) => change({ setHeaders: e.target.value })}
          />
          <input
            className="mono grow"
            aria-label="Headers to remove"
            placeholder="remove: Cookie, Origin"
            data-testid="proxy-remove-headers"
            value={draft.removeHeaders}
            onChange={(e) => change({ removeHeaders: e.target.value })}
          />
        </div>
      </details>
      {error !== null && (
        <p className="proxy-error" data-testid="proxy-start-error">
          {error}
        </p>
      )}
    </section>
  );
}
