/** A replay's report: per connection what matched, and each difference with recorded and live side by side. */
import type { Finding, ReplayReport } from '../../../shared/replay/replay-report.js';
import { sideLines, type DiffLine } from './diff-lines.js';

/** The whole report. */
export function DiffReport({
  report,
  onShowConn,
}: {
  report: ReplayReport;
  onShowConn: (conn: number) => void;
}) {
  return (
    <div className="rec-report" data-testid="replay-report">
      <div
        className={report.differences === 0 ? 'rec-verdict rec-clean' : 'rec-verdict rec-differs'}
        data-testid="replay-verdict"
      >
        {report.differences === 0
          ? `✓ matched: ${report.connections.length} connection${report.connections.length === 1 ? '' : 's'} replayed as recorded`
          : `✗ ${report.differences} difference${report.differences === 1 ? '' : 's'}`}
        <span className="rec-dim">
          {' '}
          ({report.mode}, {report.match} match, {Math.round(report.durationMs)} ms)
        </span>
      </div>
      {report.connections.map((c) => (
        <div key={c.id} className="rec-report-conn" data-testid="replay-connection">
          <div className="rec-report-head">
            recorded #{c.id} → {c.url}: {c.sent} sent, {c.matched}/{c.expected} matched, {c.received} received
            {c.liveConn !== null && (
              <button type="button" className="rec-link" onClick={() => onShowConn(c.liveConn as number)}>
                show live connection
              </button>
            )}
          </div>
          {c.findings.map((f, i) => (
            <FindingView key={i} finding={f} />
          ))}
        </div>
      ))}
    </div>
  );
}

function title(f: Finding): string {
  switch (f.kind) {
    case 'missing':
      return `missing in step ${f.step}: recorded, never arrived`;
    case 'extra':
      return `extra in step ${f.step}: arrived, not in the recording`;
    case 'different':
      return `different in step ${f.step}: ${f.fields.map((d) => d.path).join(', ')}`;
    case 'late':
      return `late in step ${f.step}: ${Math.round(f.liveMs)} ms live, ${Math.round(f.recordedMs)} ms recorded`;
    case 'close':
      return 'closed differently';
    case 'failed':
      return 'failed';
  }
}

/** One difference. */
export function FindingView({ finding: f }: { finding: Finding }) {
  const fields = f.kind === 'different' ? f.fields : [];
  const expected =
    f.kind === 'missing' || f.kind === 'different' || f.kind === 'late'
      ? sideLines(f.expected, f.kind === 'missing' ? [{ path: '$', expected: '' }] : fields, 'expected')
      : f.kind === 'close'
        ? [{ text: f.expected, path: '', changed: true }]
        : [];
  const actual =
    f.kind === 'extra' || f.kind === 'different'
      ? sideLines(f.actual, f.kind === 'extra' ? [{ path: '$', actual: '' }] : fields, 'actual')
      : f.kind === 'close'
        ? [{ text: f.actual, path: '', changed: true }]
        : f.kind === 'failed'
          ? [{ text: f.message, path: '', changed: true }]
          : [];
  return (
    <div className={`rec-finding rec-${f.kind}`} data-testid="replay-finding" data-kind={f.kind}>
      <div className="rec-finding-title">{title(f)}</div>
      {fields.length > 0 && (
        <ul className="rec-fields" data-testid="replay-fields">
          {fields.map((d) => (
            <li key={d.path}>
              <code>{d.path}</code>: <span className="rec-old">{d.expected ?? '(absent)'}</span> →{' '}
              <span className="rec-new">{d.actual ?? '(absent)'}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="rec-sides">
        <Side label="recorded" lines={expected} testId="diff-recorded" />
        <Side label="live" lines={actual} testId="diff-live" />
      </div>
    </div>
  );
}

function Side({ label, lines, testId }: { label: string; lines: readonly DiffLine[]; testId: string }) {
  return (
    <div className="rec-side" data-testid={testId}>
      <div className="rec-side-label">{label}</div>
      <pre className="rec-lines">
        {lines.length === 0 ? (
          <span className="rec-dim">(nothing)</span>
        ) : (
          lines.map((l, i) => (
            <div key={i} className={l.changed ? 'rec-line rec-changed' : 'rec-line'} data-changed={l.changed}>
              {l.text === '' ? ' ' : l.text}
            </div>
          ))
        )}
      </pre>
    </div>
  );
}
