#!/usr/bin/env node
// `npm start`: builds everything (`npm run build`), then opens the desktop console in Electron when
// its binary is here, else in the browser (`wstap ui`), saying why in one line. The electron module
// is never loaded: in plain Node it tries to download its binary and throws (docs/field-notes.md);
// the binary is found the way node_modules/electron/index.js finds it (path.txt names it under
// dist/), or given by ELECTRON_BINARY. Extra arguments go to `wstap ui` (npm start -- --port 7000).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const appMain = join(root, 'out', 'app', 'main.cjs');

/** Runs a command with this terminal; resolves with its exit code (128 + n for a signal). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    // Ctrl-C in a terminal reaches the child itself (same process group): passing it on too would
    // be a second Ctrl-C (stop at once). A SIGINT sent to us alone is passed on if the child is
    // still running 2 s later; SIGTERM (never sent by a terminal) is passed on at once.
    let interrupted = false;
    const onInt = () => {
      if (!interrupted) setTimeout(() => child.kill('SIGINT'), 2000).unref();
      interrupted = true;
    };
    const onTerm = () => child.kill('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.once('error', (error) => {
      process.stderr.write(`start: cannot run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 143));
    });
  });
}

/** The Electron binary, or why there is none. */
function findElectron() {
  const given = process.env.ELECTRON_BINARY;
  if (given) return existsSync(given) ? { path: given } : { why: `ELECTRON_BINARY ${given} does not exist` };
  const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt))
    return { why: 'Electron binary not found (node_modules/electron/path.txt missing)' };
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { why: `Electron binary not found (${binary} missing)` };
}

// npm sets npm_execpath to the npm that runs this script; reuse it (and its Node) for the build.
const npm = process.env.npm_execpath;
const built = npm
  ? await run(process.execPath, [npm, 'run', 'build'])
  : await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
      shell: process.platform === 'win32',
    });
if (built !== 0) process.exit(built);

const electron = findElectron();
const why =
  electron.path === undefined
    ? electron.why
    : existsSync(appMain)
      ? null
      : `the desktop shell is not built (${appMain} missing)`;
if (why === null) {
  process.exit(await run(electron.path, [appMain]));
}
process.stderr.write(`${why}: opening the console in your browser instead\n`);
process.exit(await run(process.execPath, [join(root, 'bin', 'wstap.cjs'), 'ui', ...process.argv.slice(2)]));
