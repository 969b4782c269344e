// The bundled main process, wired for real but run by plain Node against a stand-in electron
// module (fake-electron.test-util.cjs): no Electron binary exists here, and this is the only test
// that runs main.ts itself. It checks the order Electron needs (scheme before ready), what the
// page gets (the CSP, the bridge answering the console frame only), that the default echo server
// starts with no arguments, and that quitting waits for the engine and remembers the window.
// The bundle runs from a temp folder laid out as the package is (out/app, out/renderer, and of
// node_modules only typescript, a production dependency electron-builder ships, and the stand-in
// electron), so what the Scripts tab needs at run time — the script worker, the API's declarations
// for completions, the compiler for a .ts script, a user decoder module's worker — must come with
// the bundle, not from the repository: a real .ts script runs against a real ws echo server.
import { spawnSync, fork } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptCompletion } from '../../shared/ipc/script-commands.js';
import { startScriptServer, type ScriptServer } from '../engine/script/script.test-util.js';
import { CSP } from './protocol.js';

type Report = { readonly type: string } & Record<string, unknown>;

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let server: ScriptServer;
let reports: Report[];
let exitCode: number | null;

const GREETING = 'hello from the packaged app';
// A TypeScript script (the type annotation needs the compiler) that logs, checks and closes.
const SCRIPT = `import { args, assert, connect, log } from 'wstap';
const greeting: string = ${JSON.stringify(GREETING)};
const ws = await connect(args[0]!);
await ws.send(greeting);
const reply = await ws.expect(greeting);
assert.equal(reply.text, greeting);
log(\`echoed \${reply.size} bytes\`);
await ws.close();
`;
const DECODER = `export function decode(bytes) {
  return { upper: new TextDecoder().decode(bytes).toUpperCase(), bytes: bytes.length };
}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wstap-main-'));
  server = await startScriptServer('wstap-main-scripts-');
  const appDir = join(dir, 'out', 'app');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'bundle-app.mjs'), appDir], {
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, 'electron'), { recursive: true });
  copyFileSync(
    join(import.meta.dirname, 'fake-electron.test-util.cjs'),
    join(modules, 'electron', 'index.js'),
  );
  symlinkSync(join(root, 'node_modules', 'typescript'), join(modules, 'typescript'), 'dir');
  mkdirSync(join(dir, 'out', 'renderer'));
  writeFileSync(join(dir, 'out', 'renderer', 'index.html'), '<!doctype html><title>wstap</title>');
  writeFileSync(join(server.dir, 'echo.ws.ts'), SCRIPT);
  writeFileSync(join(server.dir, 'upper.mjs'), DECODER);
  reports = [];
  const child = fork(join(appDir, 'main.cjs'), [], {
    cwd: dir,
    env: {
      ...process.env,
      WSTAP_DATA_DIR: join(dir, 'data'),
      FAKE_ELECTRON_SCRIPT: join(server.dir, 'echo.ws.ts'),
      FAKE_ELECTRON_SERVER: server.url,
      FAKE_ELECTRON_DECODER: join(server.dir, 'upper.mjs'),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message) => reports.push(message as Report));
  exitCode = await new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}, 90_000);

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

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

  it('gives the Scripts tab completions from the bundled declarations', () => {
    const result = find('completions').result as { ok: boolean; value: ScriptCompletion[] };
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.value).toContainEqual(
      expect.objectContaining({ label: 'connect', owner: null, kind: 'function' }),
    );
    const expectEntry = result.value.find((c) => c.owner === 'Connection' && c.label === 'expect');
    expect(expectEntry?.detail).toMatch(/^expect\(matcher: Matcher/);
  });

  it('runs a TypeScript script in the bundled worker against a real echo server', () => {
    expect(find('run').result).toMatchObject({ ok: true, value: { state: 'running' } });
    const { info, lines } = (
      find('output').result as { value: { info: Record<string, unknown>; lines: unknown[] } }
    ).value;
    // Two expectations: the expect and the assert.equal.
    expect(info).toMatchObject({ outcome: 'passed', failure: null, passed: 2, failed: 0 });
    expect(info.conns).toHaveLength(1);
    expect(lines).toEqual([{ level: 'info', text: `echoed ${GREETING.length} bytes` }]);
  });

  it("decodes the echoed frame with a user's decoder module", () => {
    expect(find('decoded').result).toEqual({
      ok: true,
      value: {
        decoder: { kind: 'module', modulePath: join(server.dir, 'upper.mjs') },
        value: { upper: GREETING.toUpperCase(), bytes: GREETING.length },
        bytes: GREETING.length,
      },
    });
  });
});
