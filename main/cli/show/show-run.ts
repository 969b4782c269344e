import type { SessionEvent } from '../../../shared/model/events.js';
import { RecordingError } from '../../../shared/record/line-codec.js';
import type { RecordingHeader } from '../../../shared/record/types.js';
import { readRecordingBatches } from '../../engine/recording/recording-reader.js';
import type { OutputPlan } from '../output/output-plan.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { BatchedOutput } from '../output/batched-output.js';
import { printerFor, type EventPrinter, type OutputLine } from '../output/event-printer.js';
import { paletteFor } from '../terminal.js';
import { filtersNothing, keepEvent, type ShowFilter } from './show-filter.js';
import { StatsCollector } from './show-stats.js';
import { statsLines } from './stats-lines.js';

/** Everything a `show` run does, decided from the flags before the file is opened. */
export interface ShowPlan {
  readonly file: string;
  /** The same output choices as `connect`, so a recording prints exactly like the live session did. */
  readonly output: OutputPlan;
  /** A summary instead of the events. */
  readonly stats: boolean;
  readonly filter: ShowFilter;
}

/** Lines queued before they are written out, within one read of the file (bounds memory). */
const FLUSH_LINES = 4096;

/**
 * Prints a recording the way `wstap connect` printed the session live — the same printers, fed
 * the same events (frames derived from the wire records) — or a summary with --stats. The file is
 * streamed, never loaded whole; output goes out in batches with backpressure. A corrupt line
 * becomes a UserError naming it, after everything before it was printed.
 */
export async function runShow(plan: ShowPlan, io: Io): Promise<ExitCode> {
  const output = new BatchedOutput({ out: io.stdout, err: io.stderr });
  const err = paletteFor(io.stderr, plan.output.noColor);
  const out = paletteFor(io.stdout, plan.output.noColor);
  const printer = plan.stats ? null : printerFor(plan.output, out, err);
  const stats = plan.stats ? new StatsCollector() : null;
  const filtered = !filtersNothing(plan.filter);
  let header: RecordingHeader | null = null;
  let truncated: { line: number; bytes: number } | null = null;
  const skipped = new Map<string, number>();
  let read = 0;
  let dataKept = 0;
  // The reader went away (`| head`): nothing more can be shown, so stop reading.
  let stopped = false;
  const onOutputError = (): void => void (stopped = true);
  io.stdout.on('error', onOutputError);

  let pending: OutputLine[] = [];
  const flush = async (): Promise<void> => {
    output.add(pending);
    pending = [];
    await output.flush();
  };
  const take = (event: SessionEvent): void => {
    read++;
    if (filtered && !keepEvent(plan.filter, event)) return;
    if (event.type === 'frame' || event.type === 'message' || event.type === 'stream-end') dataKept++;
    if (stats) stats.take(event);
    else for (const line of (printer as EventPrinter).lines(event)) pending.push(line);
  };

  try {
    for await (const items of readRecordingBatches(plan.file)) {
      for (const item of items) {
        if (item.kind === 'event') take(item.event);
        else if (item.kind === 'header') header = item.header;
        else if (item.kind === 'skipped') skipped.set(item.type, (skipped.get(item.type) ?? 0) + 1);
        else truncated = { line: item.line, bytes: item.bytes };
        if (pending.length >= FLUSH_LINES) await flush();
      }
      await flush();
      if (stopped) break;
    }
  } catch (error) {
    // Everything before the bad line is shown first; then one line says what is wrong where.
    await flush();
    throw showError(plan.file, error);
  } finally {
    io.stdout.off('error', onOutputError);
  }
  if (stopped) return EXIT.OK;

  if (stats) {
    const result = stats.result();
    const source = { file: plan.file, tool: header?.tool ?? '?', startedAt: header?.startedAt ?? '?' };
    if (plan.output.format === 'json') {
      const extra = { truncated, skipped: [...skipped.values()].reduce((a, b) => a + b, 0) };
      pending.push({ to: 'out', text: JSON.stringify({ type: 'stats', ...source, ...result, ...extra }) });
    } else {
      for (const text of statsLines(result, source, out)) pending.push({ to: 'out', text });
    }
  }
  const note = (text: string): void => void pending.push({ to: 'err', text });
  if (filtered && dataKept === 0) note(err.yellow(`no frame or message matched the filters (${read} events read)`));
  if (skipped.size > 0) {
    const types = [...skipped].map(([type, n]) => `${type} ×${n}`).join(', ');
    note(err.yellow(`skipped lines of record types this wstap does not know (${types}): a newer wstap wrote them`));
  }
  if (truncated !== null) {
    note(err.yellow(`the recording ends with a cut line ${truncated.line} (${truncated.bytes} B): the writer was killed mid-write`));
  }
  await flush();
  return EXIT.OK;
}

/** File system errors people meet, in words. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A reading failure as one line for the user: where the recording is broken, or why it cannot be read. */
function showError(file: string, error: unknown): unknown {
  if (error instanceof RecordingError) return new UserError(`${file}, ${error.message} (${error.code})`);
  const errno = (error as NodeJS.ErrnoException).code;
  if (errno !== undefined && (error as NodeJS.ErrnoException).syscall !== undefined) {
    return new UserError(`cannot read the recording ${file}: ${ERRNO_WORDS[errno] ?? (error as Error).message}`);
  }
  return error;
}
