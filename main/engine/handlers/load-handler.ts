/**
 * Loading (and reloading) a handler module: .js/.mjs as ES modules, .cjs with require, .ts/.mts
 * transpiled first (transpile-ts.ts). Every failure comes back as a message with file:line:column
 * and what to do; nothing here throws at the caller.
 *
 * Reload. Node caches an ES module by URL for the life of the process, so each load imports the
 * handler under a new URL (`?v=<mtime>-<counter>`). The trade-off: the old module is never freed —
 * every reload keeps one more copy of the handler's code and top-level values in memory (a few
 * KiB for a typical handler, fine for the hundreds of saves of a debugging session, not for a
 * loop). CommonJS files are dropped from require's cache instead, which does free them.
 * Only the handler file itself is reloaded: what it imports (`./util.js`, packages) is cached by
 * Node and keeps its first version until wstap restarts. TypeScript handlers are the exception:
 * the .ts files they import are transpiled anew on every load, so they reload too.
 */
import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  describeError,
  formatPosition,
  stackPositions,
  syntaxErrorPosition,
  withSourcePaths,
} from './error-location.js';
import { handlerExports } from './handler-exports.js';
import type { HandlerLoadResult } from './handler-types.js';
import { forgetCommonJs, freshRequire, nativeImport } from './native-loader.js';

const KINDS: Readonly<Record<string, 'esm' | 'cjs' | 'ts'>> = {
  '.js': 'esm',
  '.mjs': 'esm',
  '.cjs': 'cjs',
  '.ts': 'ts',
  '.mts': 'ts',
};
let loads = 0;

/** Loads a handler file afresh (edits since the last load are picked up). */
export async function loadHandlerModule(path: string): Promise<HandlerLoadResult> {
  const given = resolve(path);
  const kind = KINDS[extname(given)];
  if (kind === undefined) {
    return {
      ok: false,
      error: `${given}: a handler must be a .js, .mjs, .cjs, .ts or .mts file`,
      files: [given],
    };
  }
  let file: string;
  let mtime: number;
  try {
    const info = await stat(given);
    if (!info.isFile()) {
      return { ok: false, error: `${given}: not a file; give the path of a handler module`, files: [given] };
    }
    mtime = info.mtimeMs;
    // Node names a module by its real path (symlinks resolved) in stacks; watching it follows the target.
    file = await realpath(given);
  } catch {
    const error = `${given}: no such file; check the path (it is resolved from ${process.cwd()})`;
    return { ok: false, error, files: [given] };
  }
  let files: readonly string[] = [file];
  let built: readonly string[] = [];
  let exports: unknown;
  try {
    if (kind === 'cjs') {
      exports = freshRequire(file);
    } else if (kind === 'esm') {
      // A .js file may be CommonJS (package.json "type"); import() would then reuse require's cache.
      forgetCommonJs(file);
      exports = await nativeImport(`${pathToFileURL(file).href}?v=${Math.trunc(mtime)}-${++loads}`);
    } else {
      const { transpileHandler } = await import('./transpile-ts.js');
      const transpiled = await transpileHandler(file);
      files = transpiled.files;
      if (!transpiled.ok) return { ok: false, error: transpiled.error, files };
      built = transpiled.outputs;
      // Stack traces of TS handlers (also the ones a handler logs itself) then show .ts lines.
      process.setSourceMapsEnabled(true);
      exports = await nativeImport(pathToFileURL(transpiled.entry).href);
    }
  } catch (error) {
    return { ok: false, error: await loadFailure(error, file, files, built), files };
  }
  const checked = handlerExports(exports, file);
  return checked.ok
    ? { ok: true, module: checked.module, files }
    : { ok: false, error: checked.error, files };
}

const NOT_FOUND = new Set([
  'ERR_MODULE_NOT_FOUND',
  'MODULE_NOT_FOUND',
  'ERR_PACKAGE_PATH_NOT_EXPORTED',
  'ERR_UNSUPPORTED_DIR_IMPORT',
]);

/** What went wrong while a handler loaded, as "file:line:col: what (what to do)". */
async function loadFailure(
  error: unknown,
  file: string,
  files: readonly string[],
  built: readonly string[],
): Promise<string> {
  if (!(error instanceof Error)) return `${file}: ${describeError(error)} (thrown while loading the handler)`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && NOT_FOUND.has(code)) {
    const firstLine = withSourcePaths(error.message).split('\n')[0];
    return `${file}: ${firstLine} (check the import path, and that the package is installed)`;
  }
  if (error.name === 'SyntaxError') {
    // require() and the linker put "file:line" and a caret above the stack; an ES module's own
    // syntax error has no position in Node 20, so `node --check` is asked where it is.
    const position =
      syntaxErrorPosition(error.stack ?? '') ?? (await firstSyntaxError(built.length > 0 ? built : [file]));
    const what = `SyntaxError: ${withSourcePaths(error.message)}`;
    if (position !== null) return `${formatPosition(position)}: ${what} (fix it and save)`;
    return `${file}: ${what} (in a module it imports: Node does not say which; \`node --check FILE\` on each one does)`;
  }
  const own = stackPositions(error.stack ?? '').find((position) => files.includes(position.file));
  return `${own ? formatPosition(own) : file}: ${describeError(error)} (thrown while loading the handler)`;
}

/** The first syntax error `node --check` finds in these files, mapped to the user's source. */
export async function firstSyntaxError(
  candidates: readonly string[],
): Promise<ReturnType<typeof syntaxErrorPosition>> {
  for (const candidate of candidates) {
    const stderr = await new Promise<string>((done) => {
      // ELECTRON_RUN_AS_NODE: in the desktop app process.execPath is Electron, which then acts as node.
      const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
      execFile(process.execPath, ['--check', candidate], { env, timeout: 10_000 }, (_error, _stdout, text) =>
        done(String(text)),
      );
    });
    const position = syntaxErrorPosition(stderr);
    if (position !== null) return position;
  }
  return null;
}
