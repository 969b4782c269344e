import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { benchEnv } from '../child-env.js';

/** `wstap ui` running in its own process, and the URL (with its token) it printed. */
export interface RunningConsole {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts the built `wstap ui --no-open --empty` on a free port with a temp data dir. */
export async function startConsole(root: string): Promise<RunningConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wstap-bench-ui-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'bin', 'wstap.cjs'), 'ui', '--no-open', '--empty', '--port', '0', '--data-dir', dataDir],
    { env: benchEnv(), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const found = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(line);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`wstap ui exited (${code}) before printing its URL`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with this machine's closed-network flags (docs/field-notes). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
