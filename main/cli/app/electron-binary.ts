/**
 * Finds the Electron executable without loading the `electron` module (which, in plain Node,
 * downloads the binary when it is missing and throws where it cannot — see field-notes.md):
 * ELECTRON_BINARY when set, else the file node_modules/electron/path.txt names under
 * node_modules/electron/dist. `wstap app` and e2e/electron.spec.ts use it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The executable, or why there is none (one line). */
export type ElectronBinary = { readonly path: string } | { readonly missing: string };

/**
 * Looks for Electron as installed for the package at `packageRoot` (node_modules may be hoisted
 * above it: resolved like require would, but only package.json is resolved, nothing is loaded).
 */
export function findElectronBinary(
  packageRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  const override = env.ELECTRON_BINARY;
  if (override) {
    return existsSync(override)
      ? { path: override }
      : { missing: `ELECTRON_BINARY names ${override}, which does not exist` };
  }
  let electronDir: string;
  try {
    electronDir = dirname(createRequire(join(packageRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (it is a development dependency of wstap)' };
  }
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing: `Electron's binary was never downloaded (no ${pathFile}; \`npx install-electron --no\` fetches it)`,
    };
  }
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { missing: `${binary} (named by ${pathFile}) does not exist` };
}

/** The folder of the wstap package this code belongs to (source, compiled tree or bundle alike). */
export function wstapRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === 'wstap') return dir;
    } catch {
      // no package.json here, or not JSON
    }
    if (dirname(dir) === dir) return null;
  }
}
