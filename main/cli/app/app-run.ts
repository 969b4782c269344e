import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { findElectronBinary, wstapRoot } from './electron-binary.js';

/** The options of `wstap app`. */
export interface AppFlags {
  readonly empty?: boolean;
  readonly dataDir?: string;
}

/** One launch: the executable, its arguments and environment. */
export interface AppPlan {
  readonly binary: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * What to run, or a UserError (one line) when Electron or the app build is missing. `from` is
 * where this code runs (main/cli/app, out/main/cli/app or out/cli): wstap's root is above it.
 */
export function planApp(
  flags: AppFlags,
  env: NodeJS.ProcessEnv = process.env,
  from: string = dirname(fileURLToPath(import.meta.url)),
): AppPlan {
  const root = wstapRoot(from);
  if (root === null) throw new UserError('cannot find the wstap package this command belongs to');
  const binary = findElectronBinary(root, env);
  if ('missing' in binary) {
    throw new UserError(
      `no Electron to run the desktop app: ${binary.missing}; \`wstap ui\` opens the same console in a browser`,
    );
  }
  const main = join(root, 'out', 'app', 'main.cjs');
  if (!existsSync(main))
    throw new UserError(`the desktop app is not built (${main} is missing): run \`npm run build\` first`);
  // ELECTRON_RUN_AS_NODE (set by some editors' terminals) would run main.cjs as a Node script.
  const { ELECTRON_RUN_AS_NODE: _asNode, ...rest } = env;
  return {
    binary: binary.path,
    args: [main, ...(flags.empty ? ['--empty'] : [])],
    env: flags.dataDir ? { ...rest, WSTAP_DATA_DIR: resolve(flags.dataDir) } : rest,
  };
}

/** Runs the app until it exits; its exit code becomes ours (a signal: 130 for SIGINT, else 1). */
export function runApp(plan: AppPlan, io: Pick<Io, 'stderr'>): Promise<ExitCode> {
  return new Promise((done) => {
    const child = spawn(plan.binary, plan.args, { stdio: 'inherit', env: plan.env });
    // Ctrl-C reaches the app through the terminal's process group, so wstap only waits for it to
    // close its sockets and files; a SIGTERM sent to wstap alone is passed on.
    const onInt = (): void => {};
    const onTerm = (): void => void child.kill('SIGTERM');
    process.on('SIGINT', onInt).on('SIGTERM', onTerm);
    const finish = (code: ExitCode): void => {
      process.off('SIGINT', onInt).off('SIGTERM', onTerm);
      done(code);
    };
    child.once('error', (error) => {
      io.stderr.write(`wstap: could not start Electron (${plan.binary}): ${error.message}\n`);
      finish(EXIT.USAGE);
    });
    child.once('exit', (code, signal) => {
      finish(code !== null ? (code as ExitCode) : signal === 'SIGINT' ? EXIT.INTERRUPTED : EXIT.INTERNAL);
    });
  });
}
