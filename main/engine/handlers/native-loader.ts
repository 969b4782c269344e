/**
 * Loading a user's module with Node's own loaders, and the temp folder handler builds live in.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let folder: string | undefined;
const PREFIX = 'wstap-handlers-';

/**
 * os.tmpdir()/wstap-handlers-<pid>: made on first use, removed when the process exits. A process
 * that is killed cannot clean up (test runners end their workers so), so the folders of processes
 * that no longer exist are removed here too (a process in another PID namespace sharing this /tmp
 * looks gone: its transpiled files are read while it loads a handler and by a handler's lazy
 * import() of a .ts file, so such a load fails; its server goes on).
 */
export function handlerTempDir(): string {
  if (folder === undefined) {
    removeOrphans();
    const made = join(tmpdir(), `${PREFIX}${process.pid}`);
    mkdirSync(made, { recursive: true });
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    folder = made;
  }
  return folder;
}

function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, belongs to someone else
  }
}

type Importer = (url: string) => Promise<Record<string, unknown>>;
let importer: Importer | undefined;

/**
 * `import(url)` done by Node's ES module loader. A plain `import()` in this file is not enough:
 * the CLI bundle runs inside a vm.Script (bin/wstap.cjs, for V8's code cache) where import() has
 * no loader (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and vitest rewrites import() into its own
 * module runner. A one-line CommonJS file that Node's require compiles always has the default
 * loader, so the handler is loaded exactly as `node` would load it.
 */
export function nativeImport(url: string): Promise<Record<string, unknown>> {
  if (importer === undefined) {
    const helper = join(handlerTempDir(), 'import.cjs');
    writeFileSync(helper, 'module.exports = (url) => import(url);\n');
    importer = createRequire(helper)(helper) as Importer;
  }
  return importer(url);
}

/** require(file) after dropping it from require's cache, so an edited CommonJS file runs again. */
export function freshRequire(file: string): unknown {
  const require = createRequire(file);
  delete require.cache[file];
  return require(file);
}

/**
 * Drops a file from require's cache. import() of a CommonJS .js file goes through that cache, so
 * a new `?v=` query alone would hand back the old exports.
 */
export function forgetCommonJs(file: string): void {
  delete createRequire(file).cache[file];
}
