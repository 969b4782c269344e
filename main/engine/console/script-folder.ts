/**
 * The script editor's files: list a folder's scripts, read one, write one. Paths come from the
 * renderer, which is untrusted: only absolute paths, only script extensions are written, and a
 * file is read only when it is a regular file of at most MAX_SCRIPT_BYTES.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import type { ScriptFileEntry, ScriptFolder } from '../../../shared/ipc/script-commands.js';
import { ConsoleError } from './console-error.js';

/** Extensions a script may have (docs/scripting.md). */
export const SCRIPT_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.js', '.mjs'];
/** Largest script the editor opens or saves. */
export const MAX_SCRIPT_BYTES = 4 << 20;

const reasonOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code === 'ENOENT'
    ? 'no such file or folder'
    : error instanceof Error
      ? error.message
      : String(error);

/** The absolute form of a path from the renderer; refuses a relative one (relative to what?). */
export function absolutePath(path: string): string {
  if (!isAbsolute(path)) throw new ConsoleError('SCRIPT_FILE', `${path}: expected an absolute path`);
  return resolve(path);
}

/** True for a file name with a script extension (`.d.ts` declarations are not scripts). */
export function isScriptName(name: string): boolean {
  return SCRIPT_EXTENSIONS.includes(extname(name)) && !name.endsWith('.d.ts');
}

async function entryOf(path: string): Promise<ScriptFileEntry | null> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile()) return null;
  return { name: basename(path), path, size: info.size, mtime: info.mtimeMs };
}

/** The scripts of `dir` by name (not recursive); `create` makes the folder first (the default one). */
export async function listScripts(dir: string, create = false): Promise<ScriptFolder> {
  const folder = absolutePath(dir);
  if (create) await mkdir(folder, { recursive: true });
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new ConsoleError('SCRIPT_FILE', `${folder}: cannot list it: ${reasonOf(error)}`);
  }
  const entries = await Promise.all(names.filter(isScriptName).map((name) => entryOf(join(folder, name))));
  return {
    dir: folder,
    files: entries
      .filter((e): e is ScriptFileEntry => e !== null)
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The text of a script file. */
export async function readScript(path: string): Promise<{ path: string; text: string }> {
  const file = absolutePath(path);
  const info = await stat(file).catch((error: unknown) => {
    throw new ConsoleError('SCRIPT_FILE', `${file}: cannot read it: ${reasonOf(error)}`);
  });
  if (!info.isFile()) throw new ConsoleError('SCRIPT_FILE', `${file}: not a file`);
  if (info.size > MAX_SCRIPT_BYTES)
    throw new ConsoleError(
      'SCRIPT_FILE',
      `${file}: ${info.size} bytes, more than the editor opens (${MAX_SCRIPT_BYTES})`,
    );
  return { path: file, text: await readFile(file, 'utf8') };
}

/** Writes a script file (its folder must exist; only script extensions). */
export async function writeScript(path: string, text: string): Promise<ScriptFileEntry> {
  const file = absolutePath(path);
  if (!isScriptName(file))
    throw new ConsoleError('SCRIPT_FILE', `${file}: a script's name ends in ${SCRIPT_EXTENSIONS.join(', ')}`);
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new ConsoleError('SCRIPT_FILE', `${file}: cannot write it: ${reasonOf(error)}`);
  }
  const entry = await entryOf(file);
  if (entry === null) throw new ConsoleError('SCRIPT_FILE', `${file}: not a file after writing it`);
  return entry;
}
