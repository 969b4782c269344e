/**
 * Runs a script (`wstap run`, the desktop's script editor): the user's module in a worker thread,
 * its connections in this engine. The worker asks for connects and sends; the engine answers and
 * streams the events of the script's sessions back in batches (one postMessage per event-loop
 * turn). A wall-clock limit terminates the worker — an endless loop included — and the sessions it
 * left open are closed here, so what was recorded stays whole. Progress is reported as `script`
 * events (start, each log line, end), and every connection is tagged with the script's name.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventFields, ScriptEvent, ScriptOutcome, SessionEvent } from '../../../shared/model/events.js';
import type { Engine } from '../engine.js';
import { formatPosition, stackPositions, syntaxErrorPosition } from '../handlers/error-location.js';
import { prepareScript } from './prepare-script.js';
import { scriptHooksUrl } from './script-files.js';
import type { FromWorker, ScriptCall, WorkerResult, WorkerStart } from './script-protocol.js';
import { LineSplitter } from './line-splitter.js';
import { defaultWorkerFile } from './worker-file.js';

export interface ScriptRunOptions {
  readonly file: string;
  /** What the script sees as `args` (the words after `--`). */
  readonly args?: readonly string[];
  /** What the script sees as `env` (default: this process's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Wall-clock limit in ms (default 60 000); past it the worker is terminated. */
  readonly timeout?: number;
  /** Default timeout of expect, next, ping and expectClose (ms, default 5000). */
  readonly expectTimeout?: number;
  /** The worker's entry file (default: found next to this module, compiled or bundled). */
  readonly workerFile?: string;
}

export interface ScriptResult {
  readonly run: number;
  readonly name: string;
  readonly file: string;
  readonly outcome: ScriptOutcome;
  /** "file:line:column: what", or null when it passed. */
  readonly failure: string | null;
  /** Failed checks that did not stop the script, located the same way. */
  readonly softFailures: readonly string[];
  readonly passed: number;
  readonly failed: number;
  readonly durationMs: number;
  /** "4 expectations passed, 1 failed (0.8 s)". */
  readonly report: string;
}

export interface ScriptRun {
  readonly id: number;
  readonly name: string;
  readonly result: Promise<ScriptResult>;
  /** Stops the script now (outcome `stopped`). */
  stop(): void;
}

/** What the host needs from the engine: its commands and its event stream. */
export type ScriptEngine = Pick<
  Engine,
  | 'clock'
  | 'subscribe'
  | 'connect'
  | 'send'
  | 'ping'
  | 'pong'
  | 'sendRaw'
  | 'sendBytes'
  | 'close'
  | 'terminate'
  | 'done'
> & { emitScript(fields: EventFields<ScriptEvent>): void };

export const DEFAULT_SCRIPT_TIMEOUT = 60_000;
export const DEFAULT_EXPECT_TIMEOUT = 5_000;
/** How long the sessions a script left open get to close before they are dropped. */
const CLOSE_GRACE_MS = 2_000;

let runs = 0;

export function runScript(engine: ScriptEngine, options: ScriptRunOptions): ScriptRun {
  const id = ++runs;
  let stopRequested: () => void = () => undefined;
  const name = basename(options.file);
  const result = execute(engine, id, options, (stop) => (stopRequested = stop));
  return { id, name, result, stop: () => stopRequested() };
}

async function execute(
  engine: ScriptEngine,
  run: number,
  options: ScriptRunOptions,
  onStop: (stop: () => void) => void,
): Promise<ScriptResult> {
  const startT = engine.clock.now();
  const prepared = await prepareScript(options.file);
  const emit = (fields: Omit<EventFields<ScriptEvent>, 'type' | 'run' | 'name'>): void =>
    engine.emitScript({ type: 'script', run, name: prepared.name, ...fields });
  emit({ phase: 'start', message: prepared.file });
  const finish = (
    outcome: ScriptOutcome,
    failure: string | null,
    worker?: WorkerResult,
    soft: string[] = [],
  ): ScriptResult => {
    const passed = worker?.passed ?? 0;
    const failed = worker?.failed ?? (outcome === 'passed' ? 0 : 1);
    const durationMs = Math.round(engine.clock.now() - startT);
    const report = `${passed} expectation${passed === 1 ? '' : 's'} passed, ${failed} failed (${(durationMs / 1000).toFixed(1)} s)`;
    const end: ScriptResult = {
      run,
      name: prepared.name,
      file: prepared.file,
      outcome,
      failure,
      softFailures: soft,
      passed,
      failed,
      durationMs,
      report,
    };
    emit({
      phase: 'end',
      message: report,
      outcome,
      passed,
      failed,
      ...(failure === null ? {} : { failure }),
    });
    return end;
  };
  if (!prepared.ok) return finish(prepared.outcome, prepared.failure);

  const sessions = new Set<number>();
  const conns = new Set<number>();
  let creating = false;
  let batch: SessionEvent[] = [];
  let flushing = false;
  const worker = new Worker(options.workerFile ?? defaultWorkerFile(), {
    workerData: {
      entryUrl: prepared.entryUrl,
      file: prepared.file,
      name: prepared.name,
      args: [...(options.args ?? [])],
      env: { ...(options.env ?? process.env) },
      hooksUrl: scriptHooksUrl(),
      expectTimeout: options.expectTimeout ?? DEFAULT_EXPECT_TIMEOUT,
      // Message times count from here, when the script's own code is about to load.
      startT: engine.clock.now(),
    } satisfies WorkerStart,
    stdout: true,
    stderr: true,
  });
  const flush = (): void => {
    flushing = false;
    const events = batch;
    batch = [];
    worker.postMessage({ kind: 'events', events });
  };
  const unsubscribe = engine.subscribe(
    (event) => {
      if (event.type === 'connecting' && (creating || sessions.has(event.session))) {
        if (creating) sessions.add(event.session);
        conns.add(event.conn);
      } else if (!conns.has(event.conn)) return;
      // Of the frames, scripts see the server's pings (`on('ping')`); messages carry the rest.
      else if (event.type === 'frame' && !(event.opcode === 0x9 && event.dir === 'in')) return;
      batch.push(event);
      if (!flushing) {
        flushing = true;
        setImmediate(flush);
      }
    },
    { frames: true },
  );
  const logs = (level: 'info' | 'error') =>
    new LineSplitter((line) => emit({ phase: 'log', level, message: line }));
  const out = logs('info');
  const err = logs('error');
  worker.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  worker.stderr.on('data', (chunk: Buffer) => err.push(chunk));

  const call = async (request: ScriptCall): Promise<unknown> => {
    switch (request.op) {
      case 'connect':
        creating = true;
        try {
          return engine.connect(request.options);
        } finally {
          creating = false;
        }
      case 'send':
        return engine.send(request.session, request.message, request.options);
      case 'ping':
        return engine.ping(request.session, request.payload);
      case 'pong':
        return engine.pong(request.session, request.payload);
      case 'raw':
        return engine.sendRaw(request.session, request.frames);
      case 'bytes':
        return engine.sendBytes(request.session, request.bytes);
      case 'close':
        return engine.close(request.session, request.request);
      case 'terminate':
        return engine.terminate(request.session);
    }
  };

  const ended = await new Promise<{ outcome: ScriptOutcome; worker?: WorkerResult; message?: string }>(
    (resolve) => {
      const timeout = options.timeout ?? DEFAULT_SCRIPT_TIMEOUT;
      const timer = setTimeout(
        () =>
          resolve({
            outcome: 'timeout',
            message: `did not finish within ${timeout} ms (--timeout): stopped; is it in an endless loop, or waiting for something that never comes?`,
          }),
        timeout,
      );
      const done = (value: { outcome: ScriptOutcome; worker?: WorkerResult; message?: string }): void => {
        clearTimeout(timer);
        resolve(value);
      };
      onStop(() => done({ outcome: 'stopped', message: 'stopped before it finished' }));
      worker.on('message', (message: FromWorker) => {
        if (message.kind === 'log') emit({ phase: 'log', level: message.level, message: message.message });
        else if (message.kind === 'result') done({ outcome: message.result.outcome, worker: message.result });
        else
          call(message.call).then(
            (value) => worker.postMessage({ kind: 'reply', id: message.id, ok: true, value: value ?? null }),
            (error: Error & { code?: string }) =>
              worker.postMessage({
                kind: 'reply',
                id: message.id,
                ok: false,
                code: error.code ?? 'ERROR',
                message: error.message,
              }),
          );
      });
      worker.on('error', (error) =>
        done({ outcome: 'error', message: `the script's worker failed: ${error.message}` }),
      );
      worker.on('exit', (code) =>
        done({
          outcome: 'error',
          message: `the script ended the process (process.exit(${code})) before it finished`,
        }),
      );
    },
  );
  out.end();
  err.end();
  await closeLeftovers(engine, sessions, ended.outcome);
  unsubscribe();
  await worker.terminate();
  const soft = (ended.worker?.softFailures ?? []).map((f) => locate(f.message, f.stack, prepared.file));
  // Failed checks first, then what ended the script (nothing more when the checks were all of it).
  const onlyChecks = ended.outcome === 'assertion' && ended.worker?.stack === undefined && soft.length > 0;
  const failure =
    ended.outcome === 'passed'
      ? null
      : [
          ...soft,
          ...(onlyChecks
            ? []
            : [await describeFailure(ended.outcome, ended.worker, ended.message, prepared.file)]),
        ].join('\n');
  return finish(ended.outcome, failure, ended.worker, soft);
}

/** Sessions the script did not close: closed now (1000 when it finished, 1001 when it was stopped), dropped after a grace period. */
async function closeLeftovers(
  engine: ScriptEngine,
  sessions: ReadonlySet<number>,
  outcome: ScriptOutcome,
): Promise<void> {
  const code = outcome === 'timeout' || outcome === 'stopped' ? 1001 : 1000;
  await Promise.all(
    [...sessions].map(async (session) => {
      try {
        engine.close(session, { code, reason: 'script ended' });
      } catch {
        return; // already over
      }
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS)),
      );
      const closed = await Promise.race([engine.done(session).then(() => true), grace]);
      clearTimeout(timer);
      if (!closed) engine.terminate(session);
    }),
  );
}

async function describeFailure(
  outcome: ScriptOutcome,
  worker: WorkerResult | undefined,
  message: string | undefined,
  file: string,
): Promise<string> {
  const text = worker?.message ?? message ?? outcome;
  if (outcome === 'syntax') {
    const position = syntaxErrorPosition(worker?.stack ?? '') ?? (await checkSyntax(file));
    return position === null ? `${file}: ${text}` : `${formatPosition(position)}: ${text}`;
  }
  return locate(text, worker?.stack ?? '', file);
}

/** "file:line:column: message": the first frame of the script's (or its helpers') code. */
function locate(message: string, stack: string, file: string): string {
  const position = stackPositions(stack)[0];
  return `${position === undefined ? file : formatPosition(position)}: ${message}`;
}

async function checkSyntax(file: string): Promise<ReturnType<typeof syntaxErrorPosition>> {
  const { firstSyntaxError } = await import('../handlers/load-handler.js');
  return firstSyntaxError([file]);
}
