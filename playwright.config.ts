// Playwright for the e2e suites in e2e/: the Electron app (electron.spec.ts, skipped without an
// Electron binary) and the renderer in a browser (every other spec: browser mode, `wstap ui`, the
// same renderer and bridge contract). Browsers are never downloaded (`npx playwright install`
// fails on these machines): the browser specs run Debian's Chromium, /usr/bin/chromium
// (apt-get install -y chromium), with the flags this machine's closed network needs
// (docs: field-notes.md). Run after `npm run build`: the specs test the built app.
import { defineConfig } from '@playwright/test';
import { VIEWPORT } from './e2e/fixtures/screenshots.js';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Each browser test starts its own wstap ui, peer and browser context: two workers fit 2 cores.
  workers: 2,
  fullyParallel: true,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: VIEWPORT,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
