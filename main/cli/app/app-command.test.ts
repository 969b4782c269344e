// `wstap app`: finding Electron without loading the electron module, the one-line refusal when
// there is none, and the launch (with a stand-in executable).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.test-util.js';
import { planApp, runApp } from './app-run.js';
import { findElectronBinary, wstapRoot } from './electron-binary.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A wstap package root with an electron package (and, when named, its downloaded binary). */
function fakeCheckout(binary?: { name: string; present: boolean }): string {
  dir = mkdtempSync(join(tmpdir(), 'wstap-app-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'wstap' }));
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
  // Loading it would be the bug this code avoids.
  writeFileSync(join(electron, 'index.js'), 'throw new Error("the electron module was loaded");');
  if (binary) {
    writeFileSync(join(electron, 'path.txt'), binary.name);
    if (binary.present) writeFileSync(join(electron, 'dist', binary.name), '');
  }
  mkdirSync(join(dir, 'out', 'app'), { recursive: true });
  writeFileSync(join(dir, 'out', 'app', 'main.cjs'), '');
  return dir;
}

describe('findElectronBinary', () => {
  it('takes the file path.txt names under dist', () => {
    const root = fakeCheckout({ name: 'electron', present: true });
    expect(findElectronBinary(root, {})).toEqual({
      path: join(root, 'node_modules', 'electron', 'dist', 'electron'),
    });
  });

  it('says why there is none: never downloaded, named but gone, not installed', () => {
    expect(findElectronBinary(fakeCheckout(), {})).toMatchObject({
      missing: expect.stringContaining('npx install-electron'),
    });
    rmSync(dir!, { recursive: true });
    const named = findElectronBinary(fakeCheckout({ name: 'electron', present: false }), {});
    expect(named).toMatchObject({ missing: expect.stringContaining('does not exist') });
    const bare = mkdtempSync(join(tmpdir(), 'wstap-app-bare-'));
    try {
      expect(findElectronBinary(bare, {})).toMatchObject({
        missing: expect.stringContaining('not installed'),
      });
    } finally {
      rmSync(bare, { recursive: true });
    }
  });

  it('prefers ELECTRON_BINARY, which must exist', () => {
    const root = fakeCheckout({ name: 'electron', present: true });
    const other = join(root, 'my-electron');
    writeFileSync(other, '');
    expect(findElectronBinary(root, { ELECTRON_BINARY: other })).toEqual({ path: other });
    expect(findElectronBinary(root, { ELECTRON_BINARY: join(root, 'nope') })).toMatchObject({
      missing: expect.stringContaining('ELECTRON_BINARY'),
    });
  });

  it('finds wstap’s root above the code', () => {
    const root = fakeCheckout();
    expect(wstapRoot(join(root, 'out', 'app'))).toBe(root);
    expect(wstapRoot('/')).toBeNull();
  });
});

describe('wstap app', () => {
  it('refuses in one line, pointing at wstap ui, when there is no Electron', async () => {
    const run = await runCli(['app'], undefined, { ELECTRON_BINARY: '/nonexistent/electron' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('wstap ui');
    expect(run.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('runs main.cjs with the flags as arguments and environment, and returns its exit code', async () => {
    const root = fakeCheckout({ name: 'electron', present: false });
    const binary = join(root, 'fake-electron.sh');
    writeFileSync(
      binary,
      '#!/bin/sh\necho "$@" > "$WSTAP_DATA_DIR/args"\necho "as-node=${ELECTRON_RUN_AS_NODE:-unset}" >> "$WSTAP_DATA_DIR/args"\nexit 3\n',
    );
    chmodSync(binary, 0o755);
    const plan = planApp(
      { empty: true, dataDir: root },
      { ELECTRON_BINARY: binary, ELECTRON_RUN_AS_NODE: '1', PATH: process.env.PATH },
      join(root, 'out', 'cli'),
    );
    expect(plan.args).toEqual([join(root, 'out', 'app', 'main.cjs'), '--empty']);
    expect(await runApp(plan, { stderr: new PassThrough() as unknown as NodeJS.WriteStream })).toBe(3);
    expect(readFileSync(join(root, 'args'), 'utf8')).toBe(
      `${join(root, 'out', 'app', 'main.cjs')} --empty\nas-node=unset\n`,
    );
  });

  it('says when the app is not built', () => {
    const root = fakeCheckout({ name: 'electron', present: true });
    rmSync(join(root, 'out'), { recursive: true });
    expect(() => planApp({}, {}, root)).toThrow(/npm run build/);
  });
});
