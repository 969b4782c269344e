/**
 * Record: every connection of the console, or the selected connection's session, to a file (a
 * timestamped one in the data folder by default); the recordings under way; the folder's files.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RecordingFile, RecordingStatus } from '../../../shared/ipc/recording-commands.js';
import { command } from '../../bridge/commands.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { ActiveRecordings } from './ActiveRecordings.js';
import { formatSize, formatWhen } from './format.js';
import { startRecording } from './recording-commands.js';
import { scopeLabel, scopeOf } from './recording-scope.js';

/** The record controls and the recordings folder; `onPick` makes a file the panel's file. */
export function RecordSection({ onPick }: { onPick: (path: string) => void }) {
  const model = useModel();
  const [status, setStatus] = useState<RecordingStatus | null>(null);
  const [files, setFiles] = useState<readonly RecordingFile[]>([]);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [scope, setScope] = useState<'all' | 'selected'>('all');
  const selected = useConsole((s) =>
    s.selectedConn === null ? null : (s.connections[s.selectedConn] ?? null),
  );

  const refresh = useCallback(async () => {
    const [s, list] = await Promise.all([
      command(model, 'recording.status', null),
      command(model, 'recording.list', null),
    ]);
    if (s !== null) setStatus(s);
    if (list !== null) setFiles(list);
  }, [model]);
  // The folder changes when a recording starts or ends, here or from a sidebar row.
  const recordings = useConsole((s) => s.recordings);
  useEffect(() => void refresh(), [refresh, recordings]);

  const start = async () => {
    setBusy(true);
    const s = await startRecording(
      model,
      scope === 'all' || selected === null ? null : scopeOf(selected),
      path,
    );
    if (s !== null) {
      setStatus(s);
      setPath('');
    }
    setBusy(false);
  };
  return (
    <section className="rec-section" data-testid="record-section">
      <h3>Record</h3>
      <ul className="rec-active-list" data-testid="recordings-active">
        <ActiveRecordings onStopped={onPick} />
      </ul>
      <div className="rec-row">
        <select
          data-testid="record-scope"
          value={selected === null ? 'all' : scope}
          onChange={(e) => setScope(e.target.value === 'selected' ? 'selected' : 'all')}
        >
          <option value="all">All connections</option>
          {selected !== null && <option value="selected">{scopeLabel(scopeOf(selected))} (selected)</option>}
        </select>
        <input
          className="rec-input"
          data-testid="record-path"
          placeholder={status ? `${status.dir}/recording-<time>.jsonl` : 'file'}
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="button" data-testid="record-start" disabled={busy} onClick={() => void start()}>
          Record
        </button>
      </div>
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
