/** Send the draft every N ms: start/stop, a counter, and a stop when the connection closes. */
import { useState } from 'react';
import type { OutgoingInput } from '../../../shared/ipc/contract.js';
import { parseTimerSettings } from './timer.js';
import { useSendTimer, type TimerSend } from './use-send-timer.js';

/** Props of SendTimer. */
export interface SendTimerProps {
  /** The open session's id, null when none: a change stops the timer. */
  readonly session: number | null;
  capture(): Promise<
    { readonly ok: true; readonly message: OutgoingInput } | { readonly ok: false; readonly error: string }
  >;
  readonly send: TimerSend;
}

/** The repeat controls. */
export function SendTimer({ session, capture, send }: SendTimerProps) {
  const [interval, setIntervalText] = useState('1000');
  const [limit, setLimit] = useState('');
  const [error, setError] = useState<string | null>(null);
  const timer = useSendTimer(send, session);
  const settings = parseTimerSettings(interval, limit);

  const start = async () => {
    setError(null);
    if (!settings.ok) return setError(settings.error);
    const captured = await capture();
    if (!captured.ok) return setError(captured.error);
    timer.start(captured.message, settings.settings);
  };

  return (
    <section className="composer-section" aria-label="Repeat">
      <h3>Repeat</h3>
      <div className="composer-row">
        <label>
          every{' '}
          <input
            className={settings.ok ? 'mono composer-ms' : 'mono composer-ms invalid'}
            data-testid="composer-timer-interval"
            aria-label="Interval in ms"
            inputMode="numeric"
            value={interval}
            disabled={timer.running}
            onChange={(e) => setIntervalText(e.target.value)}
          />{' '}
          ms
        </label>
        <label>
          stop after{' '}
          <input
            className="mono composer-ms"
            data-testid="composer-timer-limit"
            aria-label="Stop after this many messages"
            placeholder="∞"
            inputMode="numeric"
            value={limit}
            disabled={timer.running}
            onChange={(e) => setLimit(e.target.value)}
          />
        </label>
        {timer.running ? (
          <button data-testid="composer-timer-stop" onClick={() => timer.stop()}>
            Stop
          </button>
        ) : (
          <button
            data-testid="composer-timer-start"
            disabled={session === null || !settings.ok}
            onClick={() => void start()}
          >
            Start
          </button>
        )}
        <span className="dim" data-testid="composer-timer-count">
          {timer.count} sent
        </span>
      </div>
      {timer.running && <div className="dim">Sending the draft as it was when started.</div>}
      {timer.stopped !== null && (
        <div className="dim" data-testid="composer-timer-status">
          {timer.stopped}
        </div>
      )}
      {error !== null && <div className="composer-error">{error}</div>}
    </section>
  );
}
