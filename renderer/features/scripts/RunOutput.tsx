/**
 * One run: its state or outcome, the failure as `file:line:col` links that put the editor's cursor
 * there, the connections it opened (each opens the inspector filtered to it) and its log lines.
 * Everything from the script is React text.
 */
import type { ScriptRunInfo } from '../../../shared/ipc/script-commands.js';
import { parseFailure, positionLabel, type FailurePart } from './failure.js';
import type { RunView } from './script-runs.js';

export interface RunOutputProps {
  readonly run: RunView | null;
  /** The open file, so a failure in it can be jumped to. */
  readonly openFile: string | null;
  onJump(part: FailurePart): void;
  onShowConn(conn: number): void;
}

/** "running", "passed", "failed: expectation", "stopped". */
export function statusText(info: ScriptRunInfo): string {
  if (info.state === 'running') return 'running…';
  if (info.outcome === 'passed') return 'passed';
  if (info.outcome === 'stopped') return 'stopped';
  return `failed (${info.outcome ?? 'unknown'})`;
}

/** The run's output pane. */
export function RunOutput({ run, openFile, onJump, onShowConn }: RunOutputProps) {
  if (run === null)
    return (
      <section className="scripts-output" data-testid="script-output">
        <div className="inotice">Run the script to see its output here.</div>
      </section>
    );
  const { info } = run;
  const kind = info.state === 'running' ? 'running' : info.outcome === 'passed' ? 'passed' : 'failed';
  return (
    <section className="scripts-output" data-testid="script-output" data-run={info.run}>
      <header className="scripts-run-head">
        <span
          className={`scripts-badge ${kind}`}
          data-testid="script-status"
          data-outcome={info.outcome ?? 'running'}
        >
          {statusText(info)}
        </span>
        <span className="idim">
          run {info.run} · {info.name}
        </span>
        {info.report !== '' && <span data-testid="script-report">{info.report}</span>}
      </header>
      {parseFailure(info.failure).map((part, i) => (
        <div key={i} className="scripts-failure" data-testid="script-failure">
          {part.line !== null && (
            <button
              type="button"
              className="chip"
              data-testid="script-failure-link"
              title={part.file === openFile ? 'Put the cursor there' : `${part.file} (open it to jump)`}
              disabled={part.file !== openFile}
              onClick={() => onJump(part)}
            >
              {positionLabel(part)}
            </button>
          )}
          <span className="scripts-failure-text">{part.message}</span>
        </div>
      ))}
      <div className="scripts-conns" data-testid="script-conns">
        <span className="idim">Connections:</span>
        {info.conns.length === 0 && <span className="idim">none</span>}
        {info.conns.map((conn) => (
          <button
            key={conn}
            type="button"
            className="chip"
            data-testid={`script-conn-${conn}`}
            title="Show its frames in the inspector"
            onClick={() => onShowConn(conn)}
          >
            #{conn} frames →
          </button>
        ))}
      </div>
      <pre className="scripts-log" data-testid="script-log">
        {run.lines.map((line, i) => (
          <div
            key={run.firstLine + i}
            className={line.level === 'info' ? undefined : `scripts-log-${line.level}`}
          >
            {line.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
