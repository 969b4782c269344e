// The bundled main process, wired for real but run by plain Node against a stand-in electron
// module (fake-electron.test-util.cjs): no Electron binary exists here, and this is the only test
// that runs main.ts itself. It checks the order Electron needs (scheme before ready), what the
// page gets (the CSP, the bridge answering the console frame only), that the default echo server
// starts with no arguments, and that quitting waits for the engine and remembers the window.
import { spawnSync, fork } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from './protocol.js';

type Report = { readonly type: string } & Record<string, unknown>;

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let reports: Report[];
let exitCode: number | null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wstap-main-'));
  const appDir = join(dir, 'app');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'bundle-app.mjs'), appDir], {
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
  mkdirSync(join(appDir, 'node_modules', 'electron'), { recursive: true });
  copyFileSync(
    join(import.meta.dirname, 'fake-electron.test-util.cjs'),
    join(appDir, 'node_modules', 'electron', 'index.js'),
  );
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>wstap</title>');
  reports = [];
  const child = fork(join(appDir, 'main.cjs'), [], {
    env: { ...process.env, WSTAP_DATA_DIR: join(dir, 'data') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message) => reports.push(message as Report));
  exitCode = await new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const find = (type: string): Report => {
  const report = reports.find((r) => r.type === type);
  if (report === undefined)
    throw new Error(`no ${type} report in ${JSON.stringify(reports.map((r) => r.type))}`);
  return report;
};

describe('the main process (bundled, with a stand-in Electron)', () => {
  it('ran to the end without errors', () => {
    expect(reports.filter((r) => r.type === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('declares the scheme before ready and serves the page with the CSP', () => {
    expect(find('schemes')).toMatchObject({
      beforeReady: true,
      schemes: [{ scheme: 'wstap-app', privileges: { standard: true, secure: true } }],
    });
    expect(find('loaded')).toMatchObject({ url: 'wstap-app://console/index.html', status: 200, csp: CSP });
    expect(find('menu').labels).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
  });

  it('opens one isolated window whose preload exists', () => {
    expect(reports.filter((r) => r.type === 'window')).toHaveLength(1);
    const { webPreferences } = find('window').options as { webPreferences: { preload: string } };
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(existsSync(webPreferences.preload)).toBe(true);
  });

  it('answers the console frame and refuses a stranger', () => {
    expect(find('info').result).toMatchObject({
      ok: true,
      value: { host: 'electron', dataDir: join(dir, 'data') },
    });
    expect(find('stranger').result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('starts the default echo server and pushes batches', () => {
    const servers = (find('servers').result as { value: { servers: { url: string }[] } }).value.servers;
    expect(servers[0]?.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    expect(find('sent')).toMatchObject({ channel: 'wstap:batch' });
  });

  it('quits after disposing the engine, with the window position saved', () => {
    const quits = reports.filter((r) => r.type === 'quit');
    expect(quits).toEqual([
      { type: 'quit', prevented: true },
      { type: 'quit', prevented: false },
    ]);
    const state = JSON.parse(readFileSync(join(dir, 'data', 'window-state.json'), 'utf8')) as unknown;
    expect(state).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false });
  });
});
