// The desktop app for real: Electron running out/app/main.cjs (after `npm run build`). The binary
// is found without loading the electron module (that downloads it, and throws where it cannot):
// ELECTRON_BINARY, or the file node_modules/electron/path.txt names. Without one the test is
// skipped with the reason printed; REQUIRE_ELECTRON=1 makes that a failure (for machines that
// have Electron, so a lost binary cannot pass silently).
import { _electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppInfo, WstapBridge } from '../shared/ipc/contract.js';
import type { Result } from '../shared/ipc/result.js';
import { findElectronBinary } from '../main/cli/app/electron-binary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const binary = findElectronBinary(root);
const missing = 'missing' in binary ? `no Electron binary: ${binary.missing}` : null;
const required = process.env.REQUIRE_ELECTRON === '1';
if (missing !== null && !required) console.log(`e2e/electron.spec.ts skipped — ${missing}`);

/** The page's view of the bridge (the page has no DOM types here: this project is Node's). */
type Page = { wstap: WstapBridge };

test.describe('the desktop app', () => {
  test.skip(missing !== null && !required, missing ?? '');

  let dataDir: string;
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'wstap-e2e-electron-'));
  });
  test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('opens the console with exactly the bridge and no Node', async () => {
    if ('missing' in binary) throw new Error(`REQUIRE_ELECTRON=1 but ${missing}`);
    // Without ELECTRON_RUN_AS_NODE, which would run main.cjs as a plain Node script.
    const env: Record<string, string> = { WSTAP_DATA_DIR: dataDir };
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE' && key !== 'WSTAP_DATA_DIR') env[key] = value;
    const app = await _electron.launch({
      executablePath: binary.path,
      // Chromium refuses to start as root with its OS sandbox (CI runs as root).
      args: [join(root, 'out', 'app', 'main.cjs'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: root,
      env,
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle(/wstap/i);
      expect(page.url()).toMatch(/^wstap-app:\/\/console\//);

      const bridgeKeys = await page.evaluate(() => Object.keys((globalThis as unknown as Page).wstap).sort());
      expect(bridgeKeys).toEqual(['call', 'onBatch']);
      expect(await page.evaluate(() => typeof require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
        'undefined',
      );

      const info = (await page.evaluate(() =>
        (globalThis as unknown as Page).wstap.call('app.info', null),
      )) as Result<AppInfo>;
      expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });

      // Started with no arguments: the default echo server comes up.
      await expect
        .poll(async () => {
          const again = (await page.evaluate(() =>
            (globalThis as unknown as Page).wstap.call('app.info', null),
          )) as Result<AppInfo>;
          return again.ok ? again.value.servers.length : -1;
        })
        .toBeGreaterThan(0);

      const bad = await page.evaluate(() =>
        (globalThis as unknown as Page).wstap.call(
          'session.send' as 'app.info',
          { session: 'x' } as unknown as null,
        ),
      );
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    } finally {
      await app.close();
    }
  });
});
