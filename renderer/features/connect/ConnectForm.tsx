/** The Connect tab: every client option of the engine, Connect, and saved connections. */
import { useMemo, useState, type FormEvent } from 'react';
import type { SavedConnection } from '../../../shared/ipc/contract.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { buildConnectInput, problemSummary } from './build-connect-input.js';
import { connectSession } from './connect-flow.js';
import { formFromInput } from './connect-form-state.js';
import { useDraft } from './connect-draft.js';
import { FieldError } from './FormFields.js';
import { HandshakeFields } from './HandshakeFields.js';
import { CompressionFields, KeepAliveFields, ReconnectFields } from './ProtocolFields.js';
import { SavedConnections } from './SavedConnections.js';
import { NetworkFields, TlsFields } from './TransportFields.js';
import './connect.css';

/** The form; Connect starts a session, selects it and shows the inspector. */
export function ConnectForm() {
  const model = useModel();
  const { form, update, replace } = useDraft();
  const servers = useConsole((s) => s.info?.servers);
  const [attempted, setAttempted] = useState(false);
  const [urlTouched, setUrlTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const built = useMemo(() => buildConnectInput(form), [form]);
  const problems = built.ok ? [] : built.errors;
  // An unfinished URL is not an error until the user leaves the field or presses Connect.
  const shown = attempted || urlTouched ? problems : problems.filter((p) => p.field !== 'url');
  const errorOf = (field: string) => shown.find((p) => p.field === field)?.message ?? null;
  const change = (patch: Parameters<typeof update>[0]) => {
    update(patch);
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!built.ok) return setError(problemSummary(built.errors));
    setBusy(true);
    setError(null);
    // On success the tab switches to the inspector and this form unmounts.
    const failure = await connectSession(model, built.input);
    if (failure !== null) {
      setBusy(false);
      setError(failure);
    }
  };
  const load = (saved: SavedConnection) => {
    replace(formFromInput(saved.options));
    setAttempted(false);
    setUrlTouched(false);
    setError(null);
  };
  const sections = { form, update: change, errorOf };
  const example = servers?.find((s) => s.behaviour === 'echo')?.url ?? 'ws://127.0.0.1:8080/path';

  return (
    <div className="connect" data-testid="connect-form">
      <form className="cf-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="cf-url-row">
          <label htmlFor="connect-url">URL</label>
          <input
            id="connect-url"
            className={errorOf('url') !== null ? 'cf-url mono cf-invalid' : 'cf-url mono'}
            value={form.url}
            placeholder={`${example}  ·  wss://host/path  ·  host:port`}
            spellCheck={false}
            autoComplete="off"
            autoFocus
            aria-invalid={errorOf('url') !== null}
            data-testid="connect-url"
            onChange={(e) => change({ url: e.target.value })}
            onBlur={() => setUrlTouched(form.url.trim() !== '')}
          />
          <button type="submit" className="cf-submit" disabled={busy} data-testid="connect-submit">
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </div>
        <FieldError text={errorOf('url')} />
        {error !== null && (
          <div className="cf-error" role="alert" data-testid="connect-error">
            {error}
          </div>
        )}
        <div className="cf-sections">
          <HandshakeFields {...sections} />
          <TlsFields {...sections} />
          <NetworkFields {...sections} />
          <CompressionFields {...sections} />
          <KeepAliveFields {...sections} />
          <ReconnectFields {...sections} />
        </div>
      </form>
      <SavedConnections
        build={() => {
          setAttempted(true);
          return built.ok ? built.input : null;
        }}
        onLoad={load}
      />
    </div>
  );
}
