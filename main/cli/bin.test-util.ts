// Test support: the real `wstap` binary, built once per test run however many files spawn it.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds out/ and the CLI bundle bin/wstap.cjs runs (`npm run build:main`) once per vitest run. Test files run in parallel worker
 * processes; two compilers rewriting out/ at once could let a spawned wstap read a half-written
 * file, so the first worker builds under a lock and the others wait for its marker.
 */
export async function buildCliOnce(timeoutMs = 180_000): Promise<void> {
  // Workers of one run share their parent: its pid names the run.
  const outDir = join(ROOT, 'out');
  const marker = join(outDir, `.cli-built-${process.ppid}`);
  if (existsSync(marker)) return;
  mkdirSync(outDir, { recursive: true });
  try {
    mkdirSync(`${marker}.lock`);
  } catch {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(marker)) {
      if (Date.now() > deadline) throw new Error(`another test worker did not finish building out/ within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return;
  }
  for (const name of readdirSync(outDir)) {
    if (name.startsWith('.cli-built-') && !name.startsWith(`.cli-built-${process.ppid}`)) rmSync(join(outDir, name), { recursive: true, force: true });
  }
  await promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  await promisify(execFile)(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: ROOT });
  writeFileSync(marker, '');
}

/** What one run of the binary printed and returned. */
export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a binary run. */
export interface BinOptions {
  /** Written to stdin (then closed); `null` leaves stdin open until `stdin` in `onSpawn` ends it. */
  readonly input?: string | Uint8Array | null;
  readonly env?: Record<string, string | undefined>;
  readonly timeoutMs?: number;
  /** Called with the child's stdin when `input` is null, to write it at the right moment. */
  readonly onSpawn?: (stdin: NodeJS.WritableStream) => void;
  /** Where the binary runs (default: the repository root). */
  readonly cwd?: string;
}

/** Spawns `bin/wstap.cjs <args>` with NO_COLOR (unless env says otherwise) and collects its output. */
export function runBin(args: readonly string[], options: BinOptions = {}): Promise<BinRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, WSTAP_HISTORY: '' };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [join(ROOT, 'bin/wstap.cjs'), ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  // A child that exits before reading everything makes stdin error with EPIPE: not the test's failure.
  child.stdin.on('error', () => undefined);
  if (options.input === null) options.onSpawn?.(child.stdin);
  else child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wstap ${args.join(' ')} did not exit within ${options.timeoutMs ?? 20_000} ms\nstdout: ${Buffer.concat(out)}\nstderr: ${Buffer.concat(err)}`));
    }, options.timeoutMs ?? 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
