import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SERVER_MAX_PAYLOAD } from '../../main/engine/server/server.js';

/** A WebSocket echo server the bench starts, as `node <args>`. */
export interface ServerContestant {
  readonly id: 'wstap' | 'wstap-quiet' | 'bare';
  readonly label: string;
  readonly args: readonly string[];
}

/** The baseline every ratio is taken against. */
export const BASELINE_ID = 'bare';

/** What is missing for the bench to run, or null. */
export function missingServers(root: string): string | null {
  if (!existsSync(resolve(root, 'out/cli/wstap.cjs')))
    return 'out/cli/wstap.cjs is missing: run `npm run bench -- serve` (it runs build:main first)';
  if (!existsSync(resolve(root, 'out/bench/serve/bare-echo.js')))
    return 'out/bench/serve/bare-echo.js is missing: run the bench through `npm run bench -- serve`';
  if (!existsSync('/proc/self/status'))
    return 'bench/serve reads /proc (CPU time, VmRSS): it runs on Linux only';
  return null;
}

/**
 * The servers: `wstap serve --echo --port 0` as a user runs it (its package.json `bin`: the tap,
 * the timeline kept per connection for /timeline, and a line printed per message); the same with
 * `-q` (tap and timeline, no message lines: what printing costs); and the baseline, ws's own
 * WebSocketServer echoing (bare-echo.ts) with wstap's settings: the same maxPayload, and
 * permessage-deflate accepted when offered — the load offers none, so neither compresses.
 */
export function serverContestants(root: string): readonly ServerContestant[] {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    version: string;
    bin: { wstap: string };
  };
  const wstap = resolve(root, pkg.bin.wstap);
  const ws = JSON.parse(readFileSync(resolve(root, 'node_modules/ws/package.json'), 'utf8')) as {
    version: string;
  };
  return [
    {
      id: 'wstap',
      label: `wstap ${pkg.version} serve --echo`,
      args: [wstap, 'serve', '--echo', '--port', '0'],
    },
    {
      id: 'wstap-quiet',
      label: 'wstap serve --echo -q',
      args: [wstap, 'serve', '--echo', '--port', '0', '-q'],
    },
    {
      id: 'bare',
      label: `bare ws ${ws.version} echo`,
      args: [resolve(root, 'out/bench/serve/bare-echo.js'), String(DEFAULT_SERVER_MAX_PAYLOAD)],
    },
  ];
}
