import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gorillaGopath, PEER_CACHE, REPO_ROOT } from './paths.js';
import { startListeningPeer, type RunningPeer } from './process.js';

const run = promisify(execFile);

/** The Go peers under test/peers/go/. */
export type GoPeerName = 'echo' | 'chat';

const builds = new Map<GoPeerName, Promise<string>>();

/** The directory holding a Go peer's sources. */
export function goPeerDir(name: GoPeerName): string {
  return join(REPO_ROOT, 'test', 'peers', 'go', name);
}

/**
 * Builds a Go peer against Debian's gorilla/websocket in GOPATH mode and returns the binary's
 * path. Binaries are cached under node_modules/.cache/wstap-peers/, keyed by a hash of the
 * sources and the Go version, so only a changed peer is rebuilt.
 */
export function buildGoPeer(name: GoPeerName): Promise<string> {
  let pending = builds.get(name);
  if (!pending) {
    pending = build(name);
    builds.set(name, pending);
    pending.catch(() => builds.delete(name));
  }
  return pending;
}

async function build(name: GoPeerName): Promise<string> {
  const dir = goPeerDir(name);
  const gopath = await gorillaGopath();
  if (gopath === null)
    throw new Error('gorilla/websocket not found: apt-get install -y golang-github-gorilla-websocket-dev');
  const { stdout: goVersion } = await run('go', ['version']);
  const hash = createHash('sha256').update(goVersion).update(gopath);
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.go')).sort()) {
    hash.update(file).update(await readFile(join(dir, file)));
  }
  const binary = join(PEER_CACHE, `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return binary;

  await mkdir(PEER_CACHE, { recursive: true });
  // Parallel test files may build the same peer: each writes its own file, then renames (atomic).
  const partial = `${binary}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const env = {
    ...process.env,
    // GOPATH mode: the peers import github.com/gorilla/websocket from Debian's gocode tree.
    // Building "." from the package directory works outside GOPATH; an absolute path does not.
    GO111MODULE: 'off',
    GOPATH: gopath,
    GOCACHE: join(PEER_CACHE, 'go-build'),
    GOFLAGS: '',
  };
  try {
    await run('go', ['build', '-o', partial, '.'], { cwd: dir, env, timeout: 300_000 });
    await rename(partial, binary);
  } catch (error) {
    await rm(partial, { force: true });
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`go build of test/peers/go/${name} failed: ${(error as Error).message}\n${stderr}`, {
      cause: error,
    });
  }
  return binary;
}

/**
 * Builds (if needed) and starts a Go peer on 127.0.0.1, port 0 unless `args` gives -addr, and
 * resolves once it prints `LISTENING <port>`. Call `stop()` in afterAll.
 */
export async function startGoPeer(name: GoPeerName, args: readonly string[] = []): Promise<RunningPeer> {
  const binary = await buildGoPeer(name);
  const withAddr = args.some((arg) => arg === '-addr' || arg.startsWith('-addr='))
    ? args
    : ['-addr', '127.0.0.1:0', ...args];
  return startListeningPeer(binary, withAddr);
}
