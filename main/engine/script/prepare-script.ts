/**
 * Checks a script file and makes it importable: .js/.mjs as they are, .ts/.mts transpiled (the
 * handler transpiler, `'wstap'` left for the loader hook). Problems come back as one line with
 * file:line:column and what to do.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_SPECIFIERS } from './script-protocol.js';

export type PreparedScript =
  | {
      readonly ok: true;
      readonly file: string;
      readonly name: string;
      readonly entryUrl: string;
      readonly typescript: boolean;
    }
  | {
      readonly ok: false;
      readonly outcome: 'syntax' | 'unreadable';
      readonly file: string;
      readonly name: string;
      readonly failure: string;
    };

const EXTENSIONS = new Set(['.js', '.mjs', '.ts', '.mts']);

export async function prepareScript(path: string): Promise<PreparedScript> {
  const given = resolve(path);
  const name = basename(given);
  const bad = (failure: string, outcome: 'syntax' | 'unreadable' = 'unreadable'): PreparedScript => ({
    ok: false,
    outcome,
    file: given,
    name,
    failure,
  });
  if (!EXTENSIONS.has(extname(given)))
    return bad(`${given}: a script must be a .js, .mjs, .ts or .mts file (an ES module)`);
  let file: string;
  try {
    const info = await stat(given);
    if (!info.isFile()) return bad(`${given}: not a file; give the path of a script`);
    file = await realpath(given);
  } catch {
    return bad(`${given}: no such file; check the path (it is resolved from ${process.cwd()})`);
  }
  if (!/\.m?ts$/.test(file))
    return { ok: true, file, name, entryUrl: pathToFileURL(file).href, typescript: false };
  const { transpileHandler } = await import('../handlers/transpile-ts.js');
  const built = await transpileHandler(file, API_SPECIFIERS);
  if (!built.ok) return bad(built.error, 'syntax');
  return { ok: true, file, name, entryUrl: pathToFileURL(built.entry).href, typescript: true };
}
