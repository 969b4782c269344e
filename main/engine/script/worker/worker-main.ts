/**
 * The worker thread a script runs in (`wstap run`). It maps `import 'wstap'` to the API with a
 * module resolve hook, imports the user's module (its top level is the script; a default-exported
 * function is awaited too), and reports one result. Connections live in the engine on the main
 * thread (script-host.ts), so killing this thread at the wall-clock limit loses no recorded data.
 */
import { register } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import {
  API_GLOBAL,
  type FromWorker,
  type ToWorker,
  type WorkerResult,
  type WorkerStart,
} from '../script-protocol.js';
import { createRun } from './api.js';
import { ScriptFailure } from './failures.js';
import { ScriptRpc } from './rpc.js';

const start = workerData as WorkerStart;
const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);

// Stack traces of TypeScript scripts name the .ts lines (the transpiled files carry source maps).
process.setSourceMapsEnabled(true);
register(start.hooksUrl);

const rpc = new ScriptRpc({ postMessage: post });
const run = createRun({
  rpc,
  post,
  t0: start.startT,
  name: start.name,
  args: start.args,
  env: start.env,
  expectTimeout: start.expectTimeout,
});
(globalThis as Record<symbol, unknown>)[Symbol.for(API_GLOBAL)] = run.api;

port.on('message', (message: ToWorker) => {
  if (message.kind === 'reply') rpc.reply(message);
  else for (const event of message.events) run.event(event);
});

// A promise the script forgot to await, or a throw in a timer callback, fails the script.
process.on('unhandledRejection', (error) => run.fail(error));
process.on('uncaughtException', (error) => run.fail(error));

// import() through Function: the CommonJS bundle of this file must keep a real dynamic import.
const importModule = new Function('url', 'return import(url)') as (
  url: string,
) => Promise<Record<string, unknown>>;

/** This file's folder: frames in it are wstap's, not the script's. */
const OWN = ownFolder();

void main();

async function main(): Promise<void> {
  let result: WorkerResult;
  try {
    const loaded = await Promise.race([importModule(start.entryUrl), run.fatal]);
    if (typeof loaded.default === 'function') {
      await Promise.race([(loaded.default as () => unknown)(), run.fatal]);
    }
    const { passed, failed } = run.counts();
    result =
      failed > 0
        ? {
            outcome: 'assertion',
            message: `${failed} check${failed === 1 ? '' : 's'} failed`,
            passed,
            failed,
            softFailures: located(),
          }
        : { outcome: 'passed', passed, failed, softFailures: [] };
  } catch (error) {
    result = failure(error);
  }
  run.stopTimers();
  post({ kind: 'result', result });
}

function failure(error: unknown): WorkerResult {
  const { passed, failed } = run.counts();
  const counts = { passed, failed: failed + 1, softFailures: located() };
  if (error instanceof ScriptFailure) {
    return {
      outcome: error.kind,
      message: error.message,
      stack: userFrames(error.callStack ?? error.stack),
      ...counts,
    };
  }
  if (!(error instanceof Error)) {
    return {
      outcome: 'error',
      message: `${String(error)} (a thrown ${typeof error}: throw an Error to see the line)`,
      ...counts,
    };
  }
  const stack = userFrames(error.stack);
  // A SyntaxError with no frame of the script's own is the module failing to parse, not JSON.parse.
  const loading = error.name === 'SyntaxError' && !/^\s*at /m.test(stack ?? '');
  const message = error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  return { outcome: loading ? 'syntax' : 'error', message, stack: loading ? error.stack : stack, ...counts };
}

function located(): { message: string; stack: string }[] {
  return run.softFailures.map((f) => ({ message: f.message, stack: userFrames(f.stack) ?? '' }));
}

/** The stack without wstap's own frames and Node's internals. */
function userFrames(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  return stack
    .split('\n')
    .filter(
      (line) => !/^\s*at /.test(line) || !(line.includes('node:') || (OWN !== null && line.includes(OWN))),
    )
    .join('\n');
}

function ownFolder(): string | null {
  const frame = /\((?:file:\/\/)?(\/[^):]+):\d+:\d+\)|at (?:file:\/\/)?(\/[^):]+):\d+:\d+/.exec(
    new Error().stack?.split('\n')[1] ?? '',
  );
  const file = frame?.[1] ?? frame?.[2];
  if (file === undefined) return null;
  return dirname(file.startsWith('file:') ? fileURLToPath(file) : file);
}
