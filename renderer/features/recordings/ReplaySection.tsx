/** Replay: the panel's file against a URL with a live progress bar and the report; or served as a mock. */
import { useState } from 'react';
import type { ReplayMode } from '../../../shared/replay/replay-report.js';
import { command } from '../../bridge/commands.js';
import { useModel } from '../../store/use-console.js';
import { DiffReport } from './DiffReport.js';
import { parsePaths } from './format.js';
import { usePanelState } from './panel-state.js';
import { progressShare, useReplayProgress } from './use-replay.js';

type Match = 'exact' | 'json' | 'shape' | 'type';

/** The replay and mock controls for `file`; `onShowConn` selects a connection in the inspector. */
export function ReplaySection({ file, onShowConn }: { file: string; onShowConn: (conn: number) => void }) {
  const model = useModel();
  const [target, setTarget] = useState('');
  const [mode, setMode] = useState<ReplayMode>('lockstep');
  const [match, setMatch] = useState<Match>('json');
  const [ignore, setIgnore] = useState('');
  const started = usePanelState((s) => s.replay);
  const setStarted = usePanelState((s) => s.setReplay);
  const progress = useReplayProgress(model, started);
  const mocks = usePanelState((s) => s.mocks);
  const addMock = usePanelState((s) => s.addMock);
  const removeMock = usePanelState((s) => s.removeMock);

  const replay = async () => {
    const input = {
      path: file,
      mode,
      match,
      ...(target.trim() === '' ? {} : { target: target.trim() }),
      ...(ignore.trim() === '' ? {} : { ignore: parsePaths(ignore) }),
    };
    const first = await command(model, 'recording.replay', input);
    if (first !== null) setStarted(first);
  };
  const cancel = () => {
    if (progress !== null) void command(model, 'recording.replayCancel', { replay: progress.replay });
  };
  const serve = async () => {
    const served = await command(model, 'recording.serve', { path: file });
    if (served !== null) addMock(served);
  };
  const stopMock = async (url: string) => {
    if ((await command(model, 'recording.stopServe', { url })) !== null) removeMock(url);
  };
  const running = progress !== null && !progress.finished;

  return (
    <section className="rec-section" data-testid="replay-section">
      <h3>Replay</h3>
      <div className="rec-row">
        <input
          className="rec-input"
          data-testid="replay-target"
          placeholder="target URL (default: the recorded URLs)"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
        <select
          data-testid="replay-mode"
          value={mode}
          onChange={(e) => setMode(e.target.value as ReplayMode)}
        >
          <option value="lockstep">lockstep</option>
          <option value="timed">timed</option>
          <option value="fast">fast</option>
        </select>
        <select data-testid="replay-match" value={match} onChange={(e) => setMatch(e.target.value as Match)}>
          <option value="json">JSON match</option>
          <option value="exact">exact match</option>
          <option value="shape">shape match</option>
          <option value="type">type match</option>
        </select>
      </div>
      <div className="rec-row">
        <input
          className="rec-input"
          data-testid="replay-ignore"
          placeholder="ignore fields, e.g. $.at $.seq"
          value={ignore}
          onChange={(e) => setIgnore(e.target.value)}
        />
        <button
          type="button"
          data-testid="replay-run"
          disabled={file === '' || running}
          onClick={() => void replay()}
        >
          Replay
        </button>
        {running && (
          <button type="button" data-testid="replay-cancel" onClick={cancel}>
            Stop
          </button>
        )}
        <button type="button" data-testid="serve-mock" disabled={file === ''} onClick={() => void serve()}>
          Serve as mock
        </button>
      </div>
      {mocks.map((m) => (
        <div key={m.url} className="rec-row" data-testid="mock-served">
          <span>
            mock of {m.connections} recorded connection{m.connections === 1 ? '' : 's'} at{' '}
            <code>{m.url}</code>
          </span>
          <button type="button" className="rec-link" onClick={() => void stopMock(m.url)}>
            stop
          </button>
        </div>
      ))}
      {progress !== null && (
        <div className="rec-progress-box">
          <div className="rec-progress-label" data-testid="replay-progress-label">
            {progress.finished ? 'finished' : 'replaying'} {progress.path} → {progress.target} (
            {progress.mode}): {progress.done}/{progress.total}
          </div>
          <div
            className="rec-progress"
            data-testid="replay-progress"
            role="progressbar"
            aria-valuenow={progress.done}
            aria-valuemax={progress.total}
          >
            <div className="rec-progress-fill" style={{ width: `${progressShare(progress) * 100}%` }} />
          </div>
          {progress.error !== null && <div className="rec-warning">{progress.error}</div>}
          {progress.report !== null && <DiffReport report={progress.report} onShowConn={onShowConn} />}
        </div>
      )}
    </section>
  );
}
