import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root (test/peers/ is two levels down). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The interpreter Debian's python3-websockets is installed for (PATH may hold another one). */
export const PYTHON = '/usr/bin/python3';

/** Where built peers and Go's build cache live, so repeated runs don't rebuild. */
export const PEER_CACHE = join(REPO_ROOT, 'node_modules', '.cache', 'wstap-peers');

const GORILLA = 'src/github.com/gorilla/websocket/conn.go';

/** Finds the GOPATH that holds Debian's gorilla/websocket (golang-github-gorilla-websocket-dev). */
export async function gorillaGopath(): Promise<string | null> {
  let candidates = ['/usr/share/gocode'];
  try {
    const { stdout } = await promisify(execFile)('dpkg', ['-L', 'golang-github-gorilla-websocket-dev']);
    const match = /^(.*\/gocode)\//m.exec(stdout);
    if (match?.[1]) candidates = [match[1], ...candidates];
  } catch {
    // Not a Debian machine, or the package is missing: try the default location.
  }
  return candidates.find((dir) => existsSync(join(dir, GORILLA))) ?? null;
}
