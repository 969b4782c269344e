// Test support: runs the CLI in-process with captured streams, as a user's shell would see it.
import { PassThrough } from 'node:stream';
import { main } from './main.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `wstap <argv>` with `input` on stdin (or an interactive-looking empty stdin). */
export async function runCli(argv: readonly string[], input?: Uint8Array | string, env: Record<string, string> = {}): Promise<CliRun> {
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (d: Buffer) => out.push(d));
  stderr.on('data', (d: Buffer) => err.push(d));
  if (input === undefined) stdin.isTTY = true;
  else (stdin as unknown as PassThrough).end(input);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(argv, { stdin, stdout, stderr });
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    for (const key of Object.keys(env)) {
      if (key in saved) process.env[key] = saved[key];
      else delete process.env[key];
    }
  }
}
