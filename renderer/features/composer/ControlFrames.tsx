/** Ping, pong, close (code picker with meanings, reason) and terminate for the composer's session. */
import { useState } from 'react';
import { closeCodeInfo } from '../../../shared/protocol/close-codes.js';
import { useModel } from '../../store/use-console.js';
import {
  CLOSE_CODE_CHOICES,
  MAX_CLOSE_REASON,
  MAX_CONTROL_PAYLOAD,
  checkCloseReason,
  controlPayload,
  parseCloseCode,
  type ControlPayloadMode,
} from './control.js';
import { utf8Length } from './payload.js';
import { runCommand } from '../../bridge/commands.js';
import type { ComposerTarget } from './target.js';

/** Props of ControlFrames. */
export interface ControlFramesProps {
  readonly target: ComposerTarget;
}

/** Control frames and the two ways to end a connection. */
export function ControlFrames({ target }: ControlFramesProps) {
  const model = useModel();
  const [payloadMode, setPayloadMode] = useState<ControlPayloadMode>('text');
  const [payload, setPayload] = useState('');
  const [codeText, setCodeText] = useState('1000');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const session = target.ok ? target.session : null;

  const ping = controlPayload(payloadMode, payload);
  const code = parseCloseCode(codeText);
  const reasonError = checkCloseReason(reason);
  const inList = CLOSE_CODE_CHOICES.some((c) => String(c.code) === codeText.trim());
  const info = /^\d{1,5}$/.test(codeText.trim()) ? closeCodeInfo(Number(codeText.trim())) : null;

  const run = async (action: () => Promise<{ ok: boolean; error?: string }>) => {
    setError(null);
    const result = await action();
    if (!result.ok) setError(result.error ?? 'failed');
  };
  const sendControl = (channel: 'session.ping' | 'session.pong') =>
    run(async () => {
      if (session === null) return { ok: false, error: 'no open client session' };
      if (!ping.ok) return ping;
      return runCommand(model, channel, {
        session,
        ...(ping.payload === undefined ? {} : { payload: ping.payload }),
      });
    });
  const close = () =>
    run(async () => {
      if (session === null) return { ok: false, error: 'no open client session' };
      if (!code.ok) return code;
      if (reasonError !== null) return { ok: false, error: reasonError };
      return runCommand(model, 'session.close', {
        session,
        code: code.code,
        ...(reason === '' ? {} : { reason }),
      });
    });
  const terminate = () =>
    run(async () =>
      session === null
        ? { ok: false, error: 'no open client session' }
        : runCommand(model, 'session.terminate', { session }),
    );

  const disabled = session === null;
  return (
    <section className="composer-section" aria-label="Control frames">
      <h3>Control frames</h3>
      <div className="composer-row">
        <select
          aria-label="Ping payload encoding"
          value={payloadMode}
          onChange={(e) => setPayloadMode(e.target.value as ControlPayloadMode)}
        >
          <option value="text">text</option>
          <option value="hex">hex</option>
        </select>
        <input
          className={ping.ok ? 'mono grow' : 'mono grow invalid'}
          data-testid="composer-ping-payload"
          aria-label="Ping or pong payload"
          placeholder={`payload (optional, ≤ ${MAX_CONTROL_PAYLOAD} bytes)`}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
        />
        <button
          data-testid="composer-ping"
          disabled={disabled || !ping.ok}
          onClick={() => void sendControl('session.ping')}
        >
          Ping
        </button>
        <button
          data-testid="composer-pong"
          disabled={disabled || !ping.ok}
          onClick={() => void sendControl('session.pong')}
        >
          Pong
        </button>
      </div>
      {!ping.ok && <div className="composer-error">{ping.error}</div>}
      <div className="composer-row">
        <select
          className="grow"
          data-testid="composer-close-code"
          aria-label="Close code"
          value={inList ? codeText.trim() : 'custom'}
          onChange={(e) => e.target.value !== 'custom' && setCodeText(e.target.value)}
        >
          {CLOSE_CODE_CHOICES.map((c) => (
            <option key={c.code} value={String(c.code)} title={c.meaning}>
              {c.code} {c.name}
            </option>
          ))}
          <option value="custom">Other…</option>
        </select>
        <input
          className={code.ok ? 'mono composer-code' : 'mono composer-code invalid'}
          data-testid="composer-close-code-custom"
          aria-label="Close code number"
          inputMode="numeric"
          value={codeText}
          onChange={(e) => setCodeText(e.target.value)}
        />
      </div>
      <div className="composer-row">
        <input
          className={reasonError === null ? 'grow' : 'grow invalid'}
          data-testid="composer-close-reason"
          aria-label="Close reason"
          placeholder={`reason (optional, ≤ ${MAX_CLOSE_REASON} bytes)`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <span className="dim">{utf8Length(reason)} B</span>
      </div>
      <div className="composer-row">
        <span className="dim grow" data-testid="composer-close-meaning">
          {code.ok ? `${info?.name ?? ''}: ${info?.meaning ?? ''}` : code.error}
        </span>
        <button
          data-testid="composer-close"
          disabled={disabled || !code.ok || reasonError !== null}
          onClick={() => void close()}
        >
          Close
        </button>
        <button
          className="danger"
          data-testid="composer-terminate"
          title="Cut TCP without a close handshake (the peer sees 1006)"
          disabled={disabled}
          onClick={() => void terminate()}
        >
          Terminate
        </button>
      </div>
      {reasonError !== null && <div className="composer-error">{reasonError}</div>}
      {error !== null && (
        <div className="composer-error" data-testid="composer-control-error">
          {error}
        </div>
      )}
    </section>
  );
}
