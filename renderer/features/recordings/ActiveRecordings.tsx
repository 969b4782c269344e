/** The recordings under way, for the sidebar and the Recordings tab: what each keeps, its file, Stop. */
import { useState } from 'react';
import type { ActiveRecordingInfo } from '../../../shared/ipc/recording-commands.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { stopRecording } from './recording-commands.js';
import { fileName } from '../file-name.js';
import { scopeLabel } from './recording-scope.js';
import './record-controls.css';

/** One item per recording under way; `onStopped` gets the finished file. */
export function ActiveRecordings({ onStopped }: { readonly onStopped?: (path: string) => void }) {
  const recordings = useConsole((s) => s.recordings);
  return (
    <>
      {recordings.map((r) => (
        <ActiveRecording key={r.recording} info={r} onStopped={onStopped} />
      ))}
    </>
  );
}

function ActiveRecording(props: {
  readonly info: ActiveRecordingInfo;
  readonly onStopped: ((path: string) => void) | undefined;
}) {
  const { info } = props;
  const model = useModel();
  const [busy, setBusy] = useState(false);
  const stop = async () => {
    setBusy(true);
    const status = await stopRecording(model, info.recording);
    setBusy(false);
    if (status !== null) props.onStopped?.(info.path);
  };
  return (
    <li className="rec-active" data-testid="recording-active" data-scope={scopeLabel(info.scope)}>
      <span className="rec-indicator" title={`recording ${scopeLabel(info.scope)}`}>
        ● REC
      </span>
      <span className="rec-scope" data-testid="recording-scope">
        {scopeLabel(info.scope)}
      </span>
      <span className="rec-path mono" title={info.path} data-testid="recording-path">
        {fileName(info.path)}
      </span>
      <button type="button" data-testid="record-stop" disabled={busy} onClick={() => void stop()}>
        Stop
      </button>
    </li>
  );
}
