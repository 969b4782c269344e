/**
 * The console's script runs: each run's state, its log lines (the newest MAX_LINES kept) and the
 * connections it opened, built from the engine's `script` and `connecting` events. The renderer
 * reads a run incrementally (`script.output` from the line it has), so a chatty script costs one
 * small call per batch, not the whole log each time.
 */
import type { ScriptLogLine, ScriptRunInfo } from '../../../shared/ipc/script-commands.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import type { Engine } from '../engine.js';
import type { ScriptRun, ScriptRunOptions } from '../script/script-host.js';
import { ConsoleError } from './console-error.js';

/** Log lines kept per run (the oldest go first). */
export const MAX_LINES = 10_000;
/** Lines one `script.output` call returns at most. */
export const MAX_LINES_PER_CALL = 2_000;
/** Ended runs remembered (the oldest are forgotten). */
export const MAX_RUNS = 200;

interface RunRecord {
  info: ScriptRunInfo;
  readonly handle: ScriptRun;
  readonly lines: ScriptLogLine[];
}

/** Every run this console started. */
export class ScriptRuns {
  private readonly runs = new Map<number, RunRecord>();
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: Pick<Engine, 'runScript' | 'subscribe'>) {
    this.unsubscribe = engine.subscribe((event) => this.onEvent(event), { frames: false });
  }

  /** Starts a run. */
  start(options: ScriptRunOptions): ScriptRunInfo {
    const handle = this.engine.runScript(options);
    const info: ScriptRunInfo = {
      run: handle.id,
      name: handle.name,
      file: options.file,
      state: 'running',
      started: Date.now(),
      outcome: null,
      failure: null,
      passed: 0,
      failed: 0,
      report: '',
      conns: [],
      lines: 0,
      firstLine: 0,
    };
    // The record exists before the run's first event (the host emits it after an await).
    const record: RunRecord = { info, handle, lines: [] };
    this.runs.set(handle.id, record);
    this.forgetOld();
    void handle.result.then((result) => {
      record.info = {
        ...record.info,
        state: 'ended',
        outcome: result.outcome,
        failure: result.failure,
        passed: result.passed,
        failed: result.failed,
        report: result.report,
      };
    });
    return record.info;
  }

  /** Stops a running script (nothing when it already ended). */
  stop(run: number): void {
    this.get(run).handle.stop();
  }

  /** Every run, oldest first. */
  list(): readonly ScriptRunInfo[] {
    return [...this.runs.values()].map((r) => r.info);
  }

  /** A run's state and its lines from `from` (absolute line number) on. */
  output(run: number, from: number): { info: ScriptRunInfo; from: number; lines: ScriptLogLine[] } {
    const record = this.get(run);
    const start = Math.max(from, record.info.firstLine);
    const offset = start - record.info.firstLine;
    return {
      info: record.info,
      from: start,
      lines: record.lines.slice(offset, offset + MAX_LINES_PER_CALL),
    };
  }

  /** Stops listening (the engine's dispose stops the runs themselves). */
  close(): void {
    this.unsubscribe();
  }

  private get(run: number): RunRecord {
    const record = this.runs.get(run);
    if (record === undefined) throw new ConsoleError('UNKNOWN_RUN', `no script run with id ${run}`);
    return record;
  }

  private onEvent(event: SessionEvent): void {
    if (event.type === 'script') {
      const record = this.runs.get(event.run);
      if (record === undefined) return;
      if (event.phase === 'log') {
        record.lines.push({ level: event.level ?? 'info', text: event.message });
        let firstLine = record.info.firstLine;
        if (record.lines.length > MAX_LINES) {
          record.lines.splice(0, record.lines.length - MAX_LINES);
          firstLine = record.info.lines + 1 - MAX_LINES;
        }
        record.info = { ...record.info, lines: record.info.lines + 1, firstLine };
      } else if (event.phase === 'end') {
        // The result promise settles a tick later; the event already says how it ended.
        record.info = {
          ...record.info,
          state: 'ended',
          outcome: event.outcome ?? null,
          failure: event.failure ?? null,
          passed: event.passed ?? 0,
          failed: event.failed ?? 0,
          report: event.message,
        };
      }
    } else if (event.type === 'connecting' && event.script !== undefined) {
      // Tagged by file name: the newest running run of that name opened it.
      const record = [...this.runs.values()]
        .reverse()
        .find((r) => r.info.state === 'running' && r.info.name === event.script);
      if (record !== undefined && !record.info.conns.includes(event.conn))
        record.info = { ...record.info, conns: [...record.info.conns, event.conn] };
    }
  }

  private forgetOld(): void {
    for (const [id, record] of this.runs) {
      if (this.runs.size <= MAX_RUNS) break;
      if (record.info.state === 'ended') this.runs.delete(id);
    }
  }
}
