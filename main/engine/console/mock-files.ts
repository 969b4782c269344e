/**
 * The mock editor's files: read, validate and save mock definitions. Only `.yaml`, `.yml` and
 * `.json` files of at most 1 MiB are read or written: the renderer shows untrusted payloads, so a
 * path it sends must not reach any file of the user's (a key, a shell profile).
 */
import { existsSync } from 'node:fs';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { MockTextProblem, MockValidation } from '../../../shared/ipc/mock-commands.js';
import { EngineError } from '../errors.js';
import type { MockProblem } from '../mock/definition.js';
import { parseMockDefinition } from '../mock/parse-definition.js';
import { ConsoleError } from './console-error.js';

/** The largest mock definition the console reads. */
export const MAX_MOCK_BYTES = 1 << 20;

/** `path` resolved, when it names a mock definition file; else MOCK_FILE_REFUSED. */
export function mockPath(path: string): string {
  if (!/\.(ya?ml|json)$/i.test(path))
    throw new ConsoleError(
      'MOCK_FILE_REFUSED',
      `${path} is not a mock definition: the console reads and writes only .yaml, .yml and .json files`,
    );
  return resolve(path);
}

/** The text of a mock definition file. */
export async function readMock(path: string): Promise<{ path: string; text: string }> {
  const file = mockPath(path);
  try {
    const size = (await stat(file)).size;
    if (size > MAX_MOCK_BYTES)
      throw new ConsoleError('MOCK_FILE_REFUSED', `${file} is ${size} bytes: the editor opens at most 1 MiB`);
    return { path: file, text: await readFile(file, 'utf8') };
  } catch (error) {
    if (error instanceof ConsoleError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new EngineError(
      'FILE_UNREADABLE',
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}`,
    );
  }
}

/**
 * Saves `text` to `path` (a temporary file renamed over it, so a failed write leaves the old
 * file whole); a server watching it reloads. Broken text is saved all the same: it is the
 * user's file, and the reload refuses it while the last good definition keeps serving.
 */
export async function writeMock(path: string, text: string): Promise<string> {
  const file = mockPath(path);
  const temporary = join(dirname(file), `.${basename(file)}.wstap-${process.pid}.tmp`);
  try {
    const mode = await stat(file).then(
      (s) => s.mode & 0o777,
      () => 0o644,
    );
    await writeFile(temporary, text, { encoding: 'utf8', mode });
    await rename(temporary, file);
    return file;
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConsoleError('MOCK_WRITE_FAILED', `cannot write ${file}: ${code ?? (error as Error).message}`);
  }
}

/** What loading `text` would report: syntax, schema, then the checks a schema cannot make. */
export function validateMock(text: string, format: 'yaml' | 'json', path?: string): MockValidation {
  const file = path === undefined ? `mock.${format}` : resolve(path);
  const result = parseMockDefinition(text, file, {
    format,
    fileExists: path === undefined ? undefined : existsSync,
  });
  return {
    ok: result.ok,
    errors: result.ok ? [] : result.errors.map(problemOf),
    warnings: result.warnings.map(problemOf),
  };
}

/** The format a mock file's name says. */
export function formatOf(path: string): 'yaml' | 'json' {
  return /\.json$/i.test(path) ? 'json' : 'yaml';
}

function problemOf(problem: MockProblem): MockTextProblem {
  const { severity, line, column, path, message } = problem;
  return { severity, line, column, path, message };
}
