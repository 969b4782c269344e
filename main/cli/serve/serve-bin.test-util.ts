// Test support: the real `wstap serve` binary, running, with its output read as it comes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../bin.test-util.js';

/** A running `wstap serve`. */
export interface ServeBin {
  /** The URL it printed (`listening on ws://127.0.0.1:PORT`). */
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` appears on stdout or stderr (whatever came before counts). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Writes a console line to its standard input. */
  type(line: string): void;
  /** Sends a signal (default SIGINT) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `wstap <args>` (serve, or wscat's -l) and resolves once it says where it listens. */
export async function startServeBin(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ServeBin> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/wstap.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', WSTAP_HISTORY: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((w) => w());
  child.stdout.on('data', (d: Buffer) => ((out += d.toString('utf8')), wake()));
  child.stderr.on('data', (d: Buffer) => ((err += d.toString('utf8')), wake()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => (wake(), resolve(code))),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const waitFor = (pattern: RegExp, timeoutMs = 10_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = pattern.exec(out) ?? pattern.exec(err);
        if (found) {
          done();
          resolve(found[0]);
          return true;
        }
        if (gone) {
          done();
          reject(new Error(`wstap exited before ${pattern} appeared\nstdout: ${out}\nstderr: ${err}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(
        () => (
          done(),
          reject(new Error(`no ${pattern} within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`))
        ),
        timeoutMs,
      );
      const listener = (): void => void check();
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(listener);
      };
      waiters.add(listener);
      check();
    });
  // Human output says `listening on URL` (stderr); --json prints the listening event (stdout).
  const listening = await waitFor(
    /listening on wss?:\/\/\S+|"type":"listening","url":"wss?:\/\/[^"]+"/,
  ).catch((error: Error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url: /wss?:\/\/[^"\s]+/.exec(listening)?.[0] ?? '',
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor,
    type: (line) => child.stdin.write(`${line}\n`),
    async stop(signal = 'SIGINT') {
      if (!gone) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
