import { spawn } from 'node:child_process';

/** One timed child: how long it took and what it printed. */
export interface Timed {
  /** performance.now() just before spawn(). */
  readonly startedAt: number;
  readonly ms: number;
  readonly stdout: string;
}

/** Why a timed child failed, with what it printed: the bench stops on it (a wrong run proves nothing). */
export class SpawnFailure extends Error {}

/**
 * Runs `node <args>` (process.execPath, so no shell or npm shim is timed) and measures the wall
 * time from just before spawn() to the process's exit. Fails when it exits non-zero or outlives
 * `timeoutMs`.
 */
export function timeToExit(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let ms = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.once('error', reject);
    // 'exit' is the process ending; 'close' (all output read) comes after and is not timed.
    child.once('exit', () => (ms = performance.now() - started));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) return resolve({ startedAt: started, ms, stdout });
      const why = timedOut ? `did not exit within ${timeoutMs} ms` : `ended with ${signal ?? `exit ${code}`}`;
      reject(
        new SpawnFailure(`node ${args.join(' ')} ${why}\nstdout: ${stdout}\nstderr: ${Buffer.concat(err)}`),
      );
    });
  });
}

/**
 * Runs `node <args>` with standard input an open pipe (nothing typed, nothing ended: the client
 * just listens) and measures the wall time from just before spawn() to the moment `wanted`
 * appears on its stdout; then ends it as a user does, with Ctrl+C (SIGINT; SIGKILL if it is still
 * there after 2 s), and waits until it is gone, so runs never overlap. Fails when the text does not
 * appear within `timeoutMs` or the child exits first.
 */
export function timeToOutput(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  wanted: string,
  timeoutMs: number,
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const err: Buffer[] = [];
    let ms: number | null = null;
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdin.on('error', () => undefined);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (ms !== null) return;
      stdout += chunk;
      if (!stdout.includes(wanted)) return;
      ms = performance.now() - started;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    });
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (ms !== null) return resolve({ startedAt: started, ms, stdout });
      const why =
        signal === 'SIGKILL'
          ? `no ${JSON.stringify(wanted)} within ${timeoutMs} ms`
          : `ended with ${signal ?? `exit ${code}`} first`;
      reject(
        new SpawnFailure(`node ${args.join(' ')}: ${why}\nstdout: ${stdout}\nstderr: ${Buffer.concat(err)}`),
      );
    });
  });
}
