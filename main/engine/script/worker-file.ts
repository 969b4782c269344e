/**
 * Where the script worker's entry file is: next to a bundle (`out/cli/`, `out/app/`) it is
 * script-worker.cjs; next to the compiled module (`out/main/engine/script/`) it is
 * worker/worker-main.js. In the packaged desktop app the bundle is read from resources/app.asar and
 * the worker is unpacked beside it (electron-builder.yml `asarUnpack`), so a worker thread starts
 * from a real file whatever Electron's asar support in workers does.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder's twin outside the archive (`…/app.asar/out/app` → `…/app.asar.unpacked/out/app`); any other folder as it is. */
export function unpackedFolder(dir: string): string {
  return dir.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

/** The worker's entry for a module in folder `here` (default: this module's own folder). */
export function defaultWorkerFile(here = dirname(fileURLToPath(import.meta.url))): string {
  const candidates = [
    join(unpackedFolder(here), 'script-worker.cjs'),
    join(here, 'worker', 'worker-main.js'),
  ];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}
