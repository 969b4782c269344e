/** A connection row's record toggle: records its session (or the connection), or stops that recording. */
import { useState, type MouseEvent } from 'react';
import type { ConnectionView } from '../../store/connections.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { startRecording, stopRecording } from './recording-commands.js';
import { scopedRecordingOf, scopeLabel, scopeOf } from './recording-scope.js';
import './record-controls.css';

/** Shown on every sidebar row that is not over, and on a finished one while its recording runs. */
export function RecordButton({ view }: { readonly view: ConnectionView }) {
  const model = useModel();
  const active = useConsole((s) => scopedRecordingOf(s.recordings, view));
  const [busy, setBusy] = useState(false);
  const over = view.state === 'closed' || view.state === 'failed';
  if (active === null && over) return null;
  const scope = scopeOf(view);
  const toggle = (event: MouseEvent) => {
    event.stopPropagation();
    setBusy(true);
    const done = active !== null ? stopRecording(model, active.recording) : startRecording(model, scope);
    void done.then(() => setBusy(false));
  };
  return active !== null ? (
    <button
      type="button"
      className="rec-toggle rec-on"
      disabled={busy}
      title={`Recording ${scopeLabel(active.scope)} to ${active.path}: click to stop`}
      data-testid="row-record-stop"
      onClick={toggle}
    >
      ● REC
    </button>
  ) : (
    <button
      type="button"
      className="rec-toggle"
      disabled={busy}
      title={`Record ${scopeLabel(scope)} from now on (a file in the recordings folder)`}
      data-testid="row-record"
      onClick={toggle}
    >
      ●
    </button>
  );
}
