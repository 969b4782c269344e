/**
 * A replay report for people: one line per connection, then each difference with the step it
 * happened in (and what was sent to start that step), JSON differences field by field.
 */
import type {
  ConversationConnection,
  ConversationMessage,
} from '../../../shared/interchange/conversation.js';
import type {
  ConnectionReport,
  Finding,
  ReplayReport,
  ReportMessage,
} from '../../../shared/replay/replay-report.js';
import type { Palette } from '../terminal.js';

const PREVIEW = 100;

/** The lines of a report. */
export function reportLines(
  report: ReplayReport,
  recorded: readonly ConversationConnection[],
  c: Palette,
): string[] {
  const lines: string[] = [];
  for (const connection of report.connections) {
    const source = recorded.find((r) => r.id === connection.id);
    lines.push(connectionLine(connection, c));
    for (const finding of connection.findings) lines.push(...findingLines(finding, source, c));
  }
  const failed = report.connections.filter((r) => r.findings.length > 0).length;
  const seconds = (report.durationMs / 1000).toFixed(1);
  if (report.differences === 0) {
    const sent = report.connections.reduce((n, r) => n + r.sent, 0);
    const received = report.connections.reduce((n, r) => n + r.received, 0);
    lines.push(
      c.green(
        `✓ matched: ${plural(report.connections.length, 'connection')}, ${sent} sent, ${received} received as recorded (${report.mode}, ${seconds} s)`,
      ),
    );
  } else {
    lines.push(
      c.red(
        `✗ ${plural(report.differences, 'difference')} in ${failed} of ${plural(report.connections.length, 'connection')} (${report.mode}, ${seconds} s)`,
      ),
    );
  }
  return lines;
}

function connectionLine(r: ConnectionReport, c: Palette): string {
  const status = r.findings.length === 0 ? c.green('✓') : c.red('✗');
  const live = r.liveConn === null ? '' : c.dim(` (live #${r.liveConn})`);
  return `${status} #${r.id} ${r.url}${live}: ${r.sent} sent, ${r.matched}/${r.expected} expected messages matched, ${r.received} received`;
}

function findingLines(f: Finding, source: ConversationConnection | undefined, c: Palette): string[] {
  const at = 'step' in f ? `  ${stepName(f.step, source)}: ` : '  ';
  switch (f.kind) {
    case 'missing':
      return [`${at}${c.red('missing')} ${preview(f.expected)}`];
    case 'extra':
      return [`${at}${c.yellow('extra')} ${preview(f.actual)}`];
    case 'different':
      return [
        `${at}${c.red('different')}`,
        `    ${c.red('- expected')} ${preview(f.expected)}`,
        `    ${c.green('+ received')} ${preview(f.actual)}`,
        ...f.fields.map(
          (d) => `      ${d.path}: ${d.expected ?? c.dim('(absent)')} → ${d.actual ?? c.dim('(absent)')}`,
        ),
      ];
    case 'late':
      return [
        `${at}${c.yellow('late')} ${preview(f.expected)}: after ${f.liveMs} ms (recorded ${f.recordedMs} ms)`,
      ];
    case 'close':
      return [`  ${c.red('close')}: expected ${f.expected}; got ${f.actual}`];
    case 'failed':
      return [`  ${c.red('failed')}: ${f.message}`];
  }
}

/** `step 3 (after sending {"id":3,…})`, or `on connect` for step 0. */
function stepName(step: number, source: ConversationConnection | undefined): string {
  if (step === 0) return 'on connect';
  const sent = source?.messages.filter((m) => m.from === 'client')[step - 1];
  return sent === undefined ? `step ${step}` : `step ${step} (after sending ${preview(sent)})`;
}

function preview(message: ReportMessage | ConversationMessage): string {
  const body = message.text !== undefined ? message.text : `binary ${message.base64 ?? ''}`;
  const flat = body.replace(/\s+/g, ' ');
  return flat.length <= PREVIEW ? flat : `${flat.slice(0, PREVIEW - 1)}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
