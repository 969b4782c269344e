// `wstap ui` as a user runs it: the built binary, its printed URL, the page, the bridge, Ctrl-C.
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FAKE_INDEX, fakeRendererBuild } from '../../web/web-host.test-util.js';
import { buildCliOnce, runBin } from '../bin.test-util.js';
import { startUiBin } from './ui-bin.test-util.js';

const build = fakeRendererBuild();
const dataDir = mkdtempSync(join(tmpdir(), 'wstap-ui-data-'));
const env = { WSTAP_RENDERER_DIR: build.dir, DISPLAY: undefined, WAYLAND_DISPLAY: undefined };

beforeAll(() => buildCliOnce());
afterAll(() => {
  build.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Calls app.info over the bridge the page would open. */
async function appInfo(pageUrl: string): Promise<unknown> {
  const page = new URL(pageUrl);
  const socket = new WebSocket(`ws://${page.host}/bridge${page.search}`, { origin: page.origin });
  await once(socket, 'open');
  socket.send(JSON.stringify({ id: 1, channel: 'app.info', input: null }));
  const [data] = (await once(socket, 'message')) as [Buffer];
  socket.close();
  return JSON.parse(data.toString('utf8'));
}

describe('wstap ui', () => {
  it('serves the page at the printed URL with the default echo server, and stops on Ctrl-C', async () => {
    const ui = await startUiBin(['--no-open', '--data-dir', dataDir], build.dir);
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const page = await fetch(ui.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await page.text()).toBe(FAKE_INDEX);
    expect((await fetch(ui.url.replace(/token=.*/, 'token=wrong'))).status).toBe(403);
    expect(await appInfo(ui.url)).toMatchObject({
      id: 1,
      result: { ok: true, value: { host: 'web', dataDir, servers: [{ behaviour: 'echo' }] } },
    });
    expect(await ui.stop('SIGINT')).toBe(0);
    expect(ui.stderr()).toContain('stopping the console');
  });

  it('with --empty starts no server, and stops on SIGTERM', async () => {
    const ui = await startUiBin(['--no-open', '--empty', '--data-dir', dataDir], build.dir);
    expect(await appInfo(ui.url)).toMatchObject({ result: { ok: true, value: { servers: [] } } });
    expect(await ui.stop('SIGTERM')).toBe(0);
  });

  it('warns when bound beyond loopback', async () => {
    const ui = await startUiBin(
      ['--no-open', '--empty', '--host', '0.0.0.0', '--data-dir', dataDir],
      build.dir,
    );
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await ui.waitForStderr(/warning: --host 0\.0\.0\.0 is not loopback/);
    expect(await ui.stop('SIGINT')).toBe(0);
  });

  it.runIf(process.platform === 'linux')(
    'says it cannot open a browser without a display, and still serves',
    async () => {
      const ui = await startUiBin(['--empty', '--data-dir', dataDir], build.dir);
      expect((await fetch(ui.url)).status).toBe(200);
      await ui.waitForStderr(/no display \(DISPLAY and WAYLAND_DISPLAY are unset\)/);
      expect(await ui.stop('SIGINT')).toBe(0);
    },
  );

  it('fails in one line, exit 2, when the console is not built', async () => {
    const run = await runBin(['ui', '--no-open'], {
      env: { ...env, WSTAP_RENDERER_DIR: join(build.parent, 'none') },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^wstap: the console is not built \(.*index\.html is missing\): run `npm run build` first\n$/,
    );
  });

  it('refuses a bad port in one line, exit 2', async () => {
    const run = await runBin(['ui', '--no-open', '--port', '99999'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('wstap: --port takes 0-65535 (0 picks a free port), got 99999\n');
  });

  it('says the port is in use in one line, exit 2', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = await runBin(['ui', '--no-open', '--port', String(port), '--data-dir', dataDir], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `wstap: cannot listen on 127.0.0.1:${port}: the port is in use (--port 0 picks a free one)\n`,
      );
    } finally {
      taken.close();
    }
  });
});
