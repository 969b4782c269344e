import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A peer process that printed `LISTENING <port>` and is serving on 127.0.0.1. */
export interface RunningPeer {
  readonly port: number;
  readonly proc: ChildProcess;
  /** Every stdout line printed so far (e.g. the chat peer's `JOIN <room> <n>`). */
  readonly lines: readonly string[];
  /** Resolves with the first stdout line, printed so far or later, that matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the nth (from 1) stdout line that matches, e.g. a message re-sent after a reconnect. */
  waitForNthLine(pattern: RegExp, nth: number, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of startListeningPeer. */
export interface StartOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the LISTENING line (default 15 s). */
  readonly timeoutMs?: number;
}

/** Starts a peer process and resolves once it printed `LISTENING <port>` on stdout. */
export async function startListeningPeer(
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): Promise<RunningPeer> {
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  let exited: string | null = null;
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  createInterface({ input: proc.stdout }).on('line', (line) => {
    lines.push(line);
    for (const listener of listeners) listener();
  });
  const exitPromise = new Promise<void>((resolve) => {
    proc.once('exit', (code, signal) => {
      exited = `exited (code ${code}, signal ${signal})`;
      for (const listener of listeners) listener();
      resolve();
    });
  });
  proc.once('error', (error) => {
    exited = `failed to start: ${error.message}`;
    for (const listener of listeners) listener();
  });

  const describe = (): string => `${command} ${args.join(' ')}`;
  const waitForNthLine = (pattern: RegExp, nth: number, timeoutMs = 10_000): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const what = nth === 1 ? `${pattern}` : `${pattern} ${nth} times`;
      const check = (): void => {
        let seen = 0;
        for (const line of lines) {
          const match = pattern.exec(line);
          if (match && ++seen === nth) return done(() => resolve(match));
        }
        if (exited !== null)
          done(() => reject(new Error(`${describe()} ${exited} before printing ${what}\n${stderr}`)));
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(new Error(`${describe()}: no line matching ${what} within ${timeoutMs} ms\n${stderr}`)),
          ),
        timeoutMs,
      );
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });
  const waitForLine = (pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray> =>
    waitForNthLine(pattern, 1, timeoutMs);

  const stop = async (): Promise<void> => {
    if (exited !== null || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exitPromise;
    clearTimeout(timer);
  };

  try {
    const match = await waitForLine(/^LISTENING (\d+)$/, options.timeoutMs ?? 15_000);
    return { port: Number(match[1]), proc, lines, waitForLine, waitForNthLine, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
