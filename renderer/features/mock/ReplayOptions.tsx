/** A replay server's options in the start form: `wstap serve --replay FILE`'s flags (docs/serve-replay.md). */
import type { ReplayDraft } from './replay-form.js';

/** Props of ReplayOptions. */
export interface ReplayOptionsProps {
  readonly draft: ReplayDraft;
  readonly onChange: (change: Partial<ReplayDraft>) => void;
}

/** Speed, correlated and ignored fields, the matching window, what a mismatch does, which connections. */
export function ReplayOptions({ draft, onChange }: ReplayOptionsProps) {
  return (
    <fieldset className="mk-replay" data-testid="mock-replay-options">
      <legend>Replay options</legend>
      <div className="mk-row">
        <label title="Recorded gaps are divided by this: 2 twice as fast, 0.5 half as fast, max no delays">
          Speed
          <input
            className="mono"
            data-testid="mock-replay-speed"
            placeholder="1 (max: no delays)"
            value={draft.speed}
            onChange={(e) => onChange({ speed: e.target.value })}
          />
        </label>
        <label title="A live message may match any of the next N recorded client messages not matched yet">
          Window
          <input
            className="mono"
            data-testid="mock-replay-window"
            placeholder="8 (1: strict order)"
            inputMode="numeric"
            value={draft.window}
            onChange={(e) => onChange({ window: e.target.value })}
          />
        </label>
        <label title="A client message the recording lacks">
          On mismatch
          <select
            data-testid="mock-replay-mismatch"
            value={draft.onMismatch}
            onChange={(e) => onChange({ onMismatch: e.target.value as ReplayDraft['onMismatch'] })}
          >
            <option value="warn">warn</option>
            <option value="close">warn and close (1008)</option>
          </select>
        </label>
      </div>
      <label title="Copied from each live request into the replies to it; not compared when matching">
        Correlate fields
        <input
          className="mono"
          data-testid="mock-replay-correlate"
          placeholder="$.id $.meta.requestId"
          value={draft.correlate}
          onChange={(e) => onChange({ correlate: e.target.value })}
        />
      </label>
      <label title="Not compared when matching: timestamps, nonces">
        Ignore fields
        <input
          className="mono"
          data-testid="mock-replay-ignore"
          placeholder="$.ts $..nonce"
          value={draft.ignore}
          onChange={(e) => onChange({ ignore: e.target.value })}
        />
      </label>
      <label title="Each client that connects gets the next of these recorded connections">
        Recorded connections to serve
        <input
          className="mono"
          data-testid="mock-replay-connections"
          placeholder="all, in file order (or e.g. 2 3)"
          value={draft.connections}
          onChange={(e) => onChange({ connections: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
