import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { gorillaGopath, PYTHON } from './paths.js';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './chromium.js';
import { NGINX } from './nginx.js';
import { checkOpenssl } from './tls.js';

const run = promisify(execFile);

/** The real peers tests can stand up. */
export type PeerName = 'go' | 'python' | 'tshark' | 'openssl' | 'chromium' | 'nginx';

/** Whether a peer can be used here, and why not when it cannot. */
export interface PeerCheck {
  readonly ok: boolean;
  /** Why the peer (or one of several) is missing; null when ok. */
  readonly reason: string | null;
}

async function probe(name: PeerName): Promise<string | null> {
  const timeout = 20_000;
  try {
    switch (name) {
      case 'go': {
        await run('go', ['version'], { timeout });
        return (await gorillaGopath()) === null
          ? 'gorilla/websocket not found (apt-get install -y golang-github-gorilla-websocket-dev)'
          : null;
      }
      case 'python': {
        const { stdout } = await run(PYTHON, ['-c', 'import websockets; print(websockets.__version__)'], {
          timeout,
        });
        const major = Number(stdout.trim().split('.')[0]);
        return major >= 10 ? null : `python3-websockets ${stdout.trim()} is older than 10`;
      }
      case 'openssl':
        return await checkOpenssl();
      case 'chromium':
        return existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (apt-get install -y chromium)`;
      case 'nginx':
        return existsSync(NGINX) ? null : `${NGINX} not found (apt-get install -y nginx)`;
      case 'tshark': {
        // -D lists only the interfaces we may capture on: no "lo" means no permission.
        const { stdout } = await run('tshark', ['-D'], { timeout });
        return /\blo\b/.test(stdout)
          ? null
          : 'tshark cannot capture on lo (run as root or grant dumpcap capabilities)';
      }
    }
  } catch (error) {
    const hint = { go: 'golang-go', python: 'python3-websockets', tshark: 'tshark', openssl: 'openssl', chromium: 'chromium', nginx: 'nginx' }[
      name
    ];
    return `${name} unavailable (apt-get install -y ${hint}): ${(error as Error).message.split('\n')[0]}`;
  }
}

const cache = new Map<PeerName, Promise<string | null>>();

/** Checks one peer (cached per process). */
export function checkPeer(name: PeerName): Promise<PeerCheck> {
  let pending = cache.get(name);
  if (!pending) {
    pending = probe(name);
    cache.set(name, pending);
  }
  return pending.then((reason) => ({ ok: reason === null, reason }));
}

/**
 * Checks the peers a test file needs. When one is missing it prints why and resolves not-ok (the
 * caller skips), unless REQUIRE_PEERS=1 (CI), where a missing peer is an error.
 */
export async function requirePeers(...names: PeerName[]): Promise<PeerCheck> {
  const checks = await Promise.all(names.map(checkPeer));
  const reasons = checks.flatMap((check) => (check.reason === null ? [] : [check.reason]));
  if (reasons.length === 0) return { ok: true, reason: null };
  const reason = reasons.join('; ');
  if (process.env.REQUIRE_PEERS === '1') throw new Error(`REQUIRE_PEERS=1 but a peer is missing: ${reason}`);
  console.warn(`skipping: ${reason}`);
  return { ok: false, reason };
}

/** A describe block that runs only when the peers are there; otherwise one skipped test names why. */
export function describeWithPeers(check: PeerCheck, title: string, body: () => void): void {
  if (check.ok) {
    describe(title, body);
  } else {
    describe(title, () => {
      it.skip(`skipped: ${check.reason ?? 'peer missing'}`, () => {});
    });
  }
}
