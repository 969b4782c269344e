/**
 * A user's decoder module (`export function decode(bytes: Uint8Array): unknown`) run in a worker
 * thread per call, never in main's thread and never in the renderer: a module that throws gives
 * its message, one that loops or hangs is terminated after the time limit, and its result crosses
 * as JSON made in the worker (bytes as `{"$bytes": base64}`, bigint as text).
 */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConsoleError } from './console-error.js';
import { absoluteFile } from './decoder-files.js';

/** Time a decode may take (ms), module loading included. */
export const MODULE_TIMEOUT_MS = 2000;

// CommonJS source (eval workers are scripts); import() loads the user's ES or CommonJS module.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const replacer = function (key, value) {
  const raw = this[key];
  if (typeof raw === 'bigint') return raw.toString();
  if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
  if (raw instanceof ArrayBuffer) return { $bytes: Buffer.from(raw).toString('base64') };
  if (raw instanceof Map) return Object.fromEntries(raw);
  if (raw instanceof Set) return [...raw];
  if (typeof raw === 'number' && !Number.isFinite(raw)) return String(raw);
  return value;
};
(async () => {
  try {
    const mod = await import(workerData.url);
    const decode = typeof mod.decode === 'function' ? mod.decode : mod.default && mod.default.decode;
    if (typeof decode !== 'function') throw new Error('the module exports no decode(bytes) function');
    const value = await decode(new Uint8Array(workerData.bytes));
    parentPort.postMessage({ ok: true, json: JSON.stringify(value === undefined ? null : value, replacer) });
  } catch (error) {
    const where = error && typeof error.stack === 'string'
      ? (error.stack.split('\\n').find((line) => line.includes(workerData.url)) || '').trim()
      : '';
    parentPort.postMessage({ ok: false, message: (error && error.message) || String(error), where });
  }
})();
`;

type WorkerAnswer =
  | { readonly ok: true; readonly json: string }
  | { readonly ok: false; readonly message: string; readonly where: string };

/** Checks that a module path names a file (loading it happens per decode, in the worker). */
export async function checkModule(path: string): Promise<string> {
  const file = absoluteFile(path);
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile())
    throw new ConsoleError('DECODER_INVALID', `${file}: no such module file`);
  return file;
}

/** Runs the module's decode on `bytes` in a fresh worker; the value as JSON. */
export async function decodeWithModule(
  path: string,
  bytes: Uint8Array,
  timeoutMs = MODULE_TIMEOUT_MS,
): Promise<unknown> {
  const file = await checkModule(path);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { url: pathToFileURL(file).href, bytes },
    resourceLimits: { maxOldGenerationSizeMb: 256 },
    stdout: true,
    stderr: true,
  });
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new ConsoleError(
              'DECODER_FAILED',
              `${file}: decode did not return within ${timeoutMs} ms (an endless loop?); it was stopped`,
            ),
          ),
        timeoutMs,
      );
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      worker.once('message', (m: WorkerAnswer) => settle(() => resolve(m)));
      worker.once('error', (e) =>
        settle(() => reject(new ConsoleError('DECODER_FAILED', `${file}: ${e.message}`))),
      );
      worker.once('exit', (code) =>
        settle(() =>
          reject(new ConsoleError('DECODER_FAILED', `${file}: the decoder's worker exited (code ${code})`)),
        ),
      );
    });
    if (!answer.ok)
      throw new ConsoleError(
        'DECODER_FAILED',
        `${file}: decode threw: ${answer.message}${answer.where === '' ? '' : ` (${answer.where})`}`,
      );
    return JSON.parse(answer.json) as unknown;
  } finally {
    await worker.terminate();
  }
}
