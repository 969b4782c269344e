import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { missingServers, serverContestants } from '../serve/contestants.js';
import type { ServerCommand } from '../serve/server-process.js';

/** The four ways the load reaches an echo server. */
export const PROXY_IDS = ['direct', 'tcp-relay', 'wstap', 'mitmdump'] as const;
export type ProxyId = (typeof PROXY_IDS)[number];

/** One contestant: what sits between the load and the echo server (nothing, for direct). */
export interface ProxyContestant {
  readonly id: ProxyId;
  readonly label: string;
}

/** Where the programs are; mitmdump's path and version, or why it is not in the race. */
export interface Programs {
  /** The echo server behind every contestant: bench/serve's bare ws echo. */
  readonly echo: ServerCommand;
  readonly tcpRelay: string;
  readonly wstap: { readonly bin: string; readonly version: string };
  readonly mitmdump: { readonly path: string; readonly version: string } | { readonly missing: string };
}

/** What one run of a relay needs, as they go on its command line: the echo server's port on 127.0.0.1, a free port (mitmdump cannot take port 0), a recording file. */
export interface RelayRun {
  readonly targetPort: string;
  readonly listenPort: string;
  readonly recording: string;
}

/** mitmproxy's version from `mitmdump --version` (`Mitmproxy: 8.1.1` …), or null. */
export function parseMitmdumpVersion(text: string): string | null {
  return /^Mitmproxy:\s*(\S+)/m.exec(text)?.[1] ?? null;
}

/** What is missing for the bench to run at all (mitmdump is optional), or null. */
export function missingPrograms(root: string): string | null {
  const serve = missingServers(root);
  if (serve !== null) return serve.replace('npm run bench -- serve', 'npm run bench -- proxy');
  if (!existsSync(resolve(root, 'out/bench/proxy/tcp-relay.js')))
    return 'out/bench/proxy/tcp-relay.js is missing: run the bench through `npm run bench -- proxy`';
  return null;
}

/** Finds the programs; mitmdump on the PATH (`mitmdump --version` must answer). */
export function findPrograms(root: string, env: NodeJS.ProcessEnv): Programs {
  const bare = serverContestants(root).find((s) => s.id === 'bare');
  if (bare === undefined) throw new Error('bench/serve has no bare ws echo server');
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    version: string;
    bin: { wstap: string };
  };
  const probe = spawnSync('mitmdump', ['--version'], { env, encoding: 'utf8', timeout: 30_000 });
  const version = probe.status === 0 ? parseMitmdumpVersion(probe.stdout) : null;
  const mitmdump =
    version !== null
      ? { path: 'mitmdump', version }
      : {
          missing:
            probe.error !== undefined
              ? `mitmdump is not installed (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}; apt-get install -y mitmproxy)`
              : `\`mitmdump --version\` failed (${probe.signal ?? `exit ${probe.status}`}): ${(probe.stderr || probe.stdout).trim().slice(0, 300)}`,
        };
  return {
    echo: bare,
    tcpRelay: resolve(root, 'out/bench/proxy/tcp-relay.js'),
    wstap: { bin: resolve(root, pkg.bin.wstap), version: pkg.version },
    mitmdump,
  };
}

/** The contestants the bench can run, in this order, among `wanted`; mitmdump only when installed. */
export function proxyContestants(programs: Programs, wanted: readonly ProxyId[]): ProxyContestant[] {
  const labels: Record<ProxyId, string | null> = {
    direct: `direct (${programs.echo.label})`,
    'tcp-relay': 'plain Node TCP relay',
    wstap: `wstap ${programs.wstap.version} proxy -q --record`,
    mitmdump: 'version' in programs.mitmdump ? `mitmdump ${programs.mitmdump.version} reverse` : null,
  };
  return PROXY_IDS.filter((id) => wanted.includes(id)).flatMap((id) => {
    const label = labels[id];
    return label === null ? [] : [{ id, label }];
  });
}

/**
 * The relay of contestant `id` in front of the echo server at `run.targetPort`, or null for direct:
 * the TCP relay; `wstap proxy` with full inspection (every frame of both directions decoded) and
 * recording, `-q` (connections opening and closing only); mitmdump in reverse mode, `-q`, on a
 * port chosen beforehand (it does not say where it listens when quiet).
 */
export function relayCommand(id: ProxyId, programs: Programs, run: RelayRun): ServerCommand | null {
  const port = run.targetPort;
  switch (id) {
    case 'direct':
      return null;
    case 'tcp-relay':
      return { label: 'plain Node TCP relay', args: [programs.tcpRelay, port] };
    case 'wstap':
      return {
        label: `wstap ${programs.wstap.version} proxy`,
        args: [
          programs.wstap.bin,
          'proxy',
          '--listen',
          '127.0.0.1:0',
          '--target',
          `ws://127.0.0.1:${port}`,
          '-q',
          '--record',
          run.recording,
        ],
      };
    case 'mitmdump': {
      if (!('version' in programs.mitmdump))
        throw new Error(`mitmdump cannot run: ${programs.mitmdump.missing}`);
      return {
        label: `mitmdump ${programs.mitmdump.version}`,
        command: programs.mitmdump.path,
        // `--mode reverse:URL` with --listen-host/--listen-port: what mitmproxy 8 takes (10 also takes reverse:URL@port).
        args: [
          '--mode',
          `reverse:http://127.0.0.1:${port}`,
          '--listen-host',
          '127.0.0.1',
          '--listen-port',
          run.listenPort,
          '-q',
        ],
        url: `ws://127.0.0.1:${run.listenPort}`,
      };
    }
  }
}
