// Test support: the real `wstap ui` binary, running, with its output read as it comes.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../bin.test-util.js';

/** A running `wstap ui`. */
export interface UiBin {
  /** The page URL it printed (`wstap console: URL`), token included. */
  readonly url: string;
  /** Everything printed to stderr so far. */
  stderr(): string;
  /** Resolves when `pattern` appears on stderr (whatever came before counts). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** The environment without a display: a test never opens a real browser (Linux says why instead). */
function withoutDisplay(): NodeJS.ProcessEnv {
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...rest } = process.env;
  return rest;
}

/** Starts `wstap ui <args>` serving `rendererDir`; resolves once it printed its URL. */
export async function startUiBin(args: readonly string[], rendererDir: string): Promise<UiBin> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/wstap.cjs'), 'ui', ...args], {
    cwd: ROOT,
    env: { ...withoutDisplay(), NO_COLOR: '1', WSTAP_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let gone = false;
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((w) => w());
  child.stdout.on('data', (d: Buffer) => ((out += d.toString('utf8')), wake()));
  child.stderr.on('data', (d: Buffer) => ((err += d.toString('utf8')), wake()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => ((gone = true), wake(), resolve(code))),
  );
  /** Resolves with `find`'s answer once it has one; rejects on exit or timeout. */
  const waitFor = <T>(find: () => T | null, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found !== null) return (done(), resolve(found));
        if (gone)
          return (
            done(),
            reject(new Error(`wstap ui exited before ${what}\nstdout: ${out}\nstderr: ${err}`))
          );
      };
      const timer = setTimeout(
        () => (
          done(),
          reject(new Error(`no ${what} within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`))
        ),
        timeoutMs,
      );
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const url = await waitFor(
    () => /^wstap console: (http:\/\/\S+)$/m.exec(out)?.[1] ?? null,
    'URL',
    15_000,
  ).catch((error: Error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url,
    stderr: () => err,
    waitForStderr: (pattern, timeoutMs = 10_000) =>
      waitFor(() => (pattern.test(err) ? true : null), String(pattern), timeoutMs).then(() => undefined),
    async stop(signal) {
      if (!gone) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
