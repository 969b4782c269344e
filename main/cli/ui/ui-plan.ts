import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWhole } from '../connect/values.js';
import { UserError } from '../errors.js';

/** `wstap ui`'s flags as commander gives them. */
export interface UiFlags {
  readonly port?: string;
  readonly host?: string;
  /** false with --no-open. */
  readonly open?: boolean;
  readonly dataDir?: string;
  readonly empty?: boolean;
}

/** What one `wstap ui` run does. */
export interface UiPlan {
  readonly host: string;
  readonly port: number;
  readonly open: boolean;
  readonly dataDir: string;
  /** Skip the default echo server and its client. */
  readonly empty: boolean;
  /** The renderer build (out/renderer). */
  readonly rendererDir: string;
}

/** Where the process runs, for the defaults (injectable for tests). */
export interface UiEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
}

const CURRENT: UiEnvironment = { platform: process.platform, env: process.env, home: homedir() };

/** Checks the flags and fills in the defaults; throws UserError for a bad value. */
export function planUi(flags: UiFlags, where: UiEnvironment = CURRENT): UiPlan {
  const port = flags.port === undefined ? 0 : parseWhole('--port', flags.port);
  if (port > 65535) throw new UserError(`--port takes 0-65535 (0 picks a free port), got ${port}`);
  const host = flags.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UserError('--host needs an address, e.g. 127.0.0.1');
  return {
    host,
    port,
    open: flags.open !== false,
    dataDir: flags.dataDir === undefined ? defaultDataDir(where) : resolve(flags.dataDir),
    empty: flags.empty === true,
    rendererDir: where.env.WSTAP_RENDERER_DIR ? resolve(where.env.WSTAP_RENDERER_DIR) : defaultRendererDir(),
  };
}

/** The console's settings folder by platform convention (the same one the desktop app uses). */
export function defaultDataDir({ platform, env, home }: UiEnvironment): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'wstap');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'wstap');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'wstap');
}

/**
 * out/renderer of the wstap package this code belongs to: found by walking up to wstap's
 * package.json, as the code runs from main/cli/ui (tests), out/main/cli/ui (tsc) or out/cli (bundle).
 */
export function defaultRendererDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isWstap(manifest)) return join(dir, 'out', 'renderer');
    if (dirname(dir) === dir) return join(from, 'renderer');
  }
}

function isWstap(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'wstap';
  } catch {
    return false;
  }
}
