/** Record: every connection of the console to a file (a timestamped one in the data folder by default), and the folder's files. */
import { useCallback, useEffect, useState } from 'react';
import type { RecordingFile, RecordingStatus } from '../../../shared/ipc/recording-commands.js';
import { command } from '../../bridge/commands.js';
import { useModel } from '../../store/use-console.js';
import { formatSize, formatWhen } from './format.js';

/** The record controls and the recordings folder; `onPick` makes a file the panel's file. */
export function RecordSection({ onPick }: { onPick: (path: string) => void }) {
  const model = useModel();
  const [status, setStatus] = useState<RecordingStatus | null>(null);
  const [files, setFiles] = useState<readonly RecordingFile[]>([]);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const [s, list] = await Promise.all([
      command(model, 'recording.status', null),
      command(model, 'recording.list', null),
    ]);
    if (s !== null) setStatus(s);
    if (list !== null) setFiles(list);
  }, [model]);
  useEffect(() => void refresh(), [refresh]);

  const start = async () => {
    setBusy(true);
    const s = await command(model, 'recording.start', path.trim() === '' ? {} : { path: path.trim() });
    if (s !== null) setStatus(s);
    setBusy(false);
  };
  const stop = async () => {
    setBusy(true);
    const s = await command(model, 'recording.stop', null);
    if (s !== null) {
      setStatus(s);
      if (s.last !== null) onPick(s.last);
    }
    await refresh();
    setBusy(false);
  };
  const active = status?.active ?? null;

  return (
    <section className="rec-section" data-testid="record-section">
      <h3>Record</h3>
      {active !== null ? (
        <div className="rec-row">
          <span
            className="rec-indicator"
            data-testid="recording-indicator"
            title="recording every connection"
          >
            ● REC
          </span>
          <span className="rec-path" data-testid="recording-path">
            {active.path}
          </span>
          <button type="button" data-testid="record-stop" disabled={busy} onClick={() => void stop()}>
            Stop
          </button>
        </div>
      ) : (
        <div className="rec-row">
          <input
            className="rec-input"
            data-testid="record-path"
            placeholder={status ? `${status.dir}/recording-<time>.jsonl` : 'file'}
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="button" data-testid="record-start" disabled={busy} onClick={() => void start()}>
            Record all connections
          </button>
        </div>
      )}
      <div className="rec-list-head">
        <span>
          In {status?.dir ?? 'the recordings folder'} ({files.length})
        </span>
        <button
          type="button"
          className="rec-link"
          data-testid="recordings-refresh"
          onClick={() => void refresh()}
        >
          refresh
        </button>
      </div>
      <ul className="rec-list" data-testid="recordings-list">
        {files.map((f) => (
          <li key={f.path} data-testid="recording-file">
            <button type="button" className="rec-link" onClick={() => onPick(f.path)} title={f.path}>
              {f.name}
            </button>
            <span className="rec-dim">
              {formatSize(f.bytes)} · {formatWhen(f.modified)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
