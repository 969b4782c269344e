import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PYTHON, REPO_ROOT } from './paths.js';
import { startListeningPeer, type RunningPeer } from './process.js';

const SCRIPTS = join(REPO_ROOT, 'test', 'peers', 'python');

/** One step of a ws_client.py script (see the script's docstring). */
export type PythonStep =
  | { readonly op: 'text'; readonly data: string }
  | { readonly op: 'binary'; readonly base64: string }
  | { readonly op: 'fragments'; readonly data: readonly string[] }
  | { readonly op: 'fragments'; readonly base64: readonly string[] }
  | { readonly op: 'ping'; readonly data?: string }
  | { readonly op: 'recv'; readonly count?: number }
  | { readonly op: 'close'; readonly code?: number; readonly reason?: string }
  | { readonly op: 'wait_closed' };

/** One JSON line ws_client.py printed. */
export type PythonEvent =
  | { readonly event: 'open'; readonly extensions: readonly string[] }
  | { readonly event: 'message'; readonly type: 'text'; readonly data: string }
  | { readonly event: 'message'; readonly type: 'binary'; readonly base64: string }
  | { readonly event: 'pong'; readonly data: string }
  | { readonly event: 'closed'; readonly code: number | null; readonly reason: string | null }
  | { readonly event: 'error'; readonly message: string };

/** What a ws_client.py run printed. */
export interface PythonClientResult {
  readonly exitCode: number | null;
  readonly events: readonly PythonEvent[];
  readonly stderr: string;
}

/** Options of runPythonClient. */
export interface PythonClientOptions {
  /** Offer permessage-deflate (websockets' default); off unless set. */
  readonly deflate?: boolean;
  /** Kill the client after this long (default 20 s). */
  readonly timeoutMs?: number;
}

/** Runs ws_client.py (python3-websockets) against `url` with a script; resolves when it exits. */
export function runPythonClient(
  url: string,
  steps: readonly PythonStep[],
  options: PythonClientOptions = {},
): Promise<PythonClientResult> {
  const args = [join(SCRIPTS, 'ws_client.py'), url, ...(options.deflate ? ['--deflate'] : [])];
  const proc = spawn(PYTHON, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const events: PythonEvent[] = [];
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: proc.stdout }).on('line', (line) => {
    if (line.trim() !== '') events.push(JSON.parse(line) as PythonEvent);
  });
  proc.stdin.end(JSON.stringify(steps));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`ws_client.py timed out; events so far: ${JSON.stringify(events)}\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    proc.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'close' (not 'exit'): stdout is fully read by then.
    proc.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, events, stderr });
    });
  });
}

/** Starts ws_server.py (python3-websockets echo server) on 127.0.0.1, port 0. */
export function startPythonServer(options: { readonly deflate?: boolean } = {}): Promise<RunningPeer> {
  const args = [join(SCRIPTS, 'ws_server.py'), '--port', '0', ...(options.deflate ? ['--deflate'] : [])];
  return startListeningPeer(PYTHON, args);
}
