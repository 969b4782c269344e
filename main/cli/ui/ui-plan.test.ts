import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../bin.test-util.js';
import { browserLaunch } from './open-browser.js';
import { defaultDataDir, defaultRendererDir, planUi, type UiEnvironment } from './ui-plan.js';

const linux: UiEnvironment = { platform: 'linux', env: {}, home: '/home/ada' };

describe('planUi', () => {
  it('defaults: a free port on 127.0.0.1, a browser, the echo server, out/renderer', () => {
    expect(planUi({}, linux)).toEqual({
      host: '127.0.0.1',
      port: 0,
      open: true,
      dataDir: '/home/ada/.config/wstap',
      empty: false,
      rendererDir: join(ROOT, 'out', 'renderer'),
    });
  });

  it('takes the flags', () => {
    const plan = planUi({ port: '7000', host: '::1', open: false, dataDir: 'd', empty: true }, linux);
    expect(plan).toMatchObject({ port: 7000, host: '::1', open: false, dataDir: resolve('d'), empty: true });
  });

  it('refuses a port that is not one', () => {
    expect(() => planUi({ port: '70000' }, linux)).toThrow(/--port takes 0-65535/);
    expect(() => planUi({ port: 'http' }, linux)).toThrow(/--port takes a whole number/);
    expect(() => planUi({ host: '' }, linux)).toThrow(/--host needs an address/);
  });

  it('takes the renderer build from WSTAP_RENDERER_DIR when set', () => {
    expect(planUi({}, { ...linux, env: { WSTAP_RENDERER_DIR: 'build' } }).rendererDir).toBe(resolve('build'));
  });
});

describe('defaultDataDir', () => {
  it('follows each platform’s convention', () => {
    expect(defaultDataDir({ ...linux, env: { XDG_CONFIG_HOME: '/xdg' } })).toBe('/xdg/wstap');
    expect(defaultDataDir({ ...linux, env: { XDG_CONFIG_HOME: '' } })).toBe('/home/ada/.config/wstap');
    expect(defaultDataDir({ ...linux, platform: 'darwin' })).toBe(
      '/home/ada/Library/Application Support/wstap',
    );
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        home: 'C:\\Users\\ada',
      }),
    ).toBe(join('C:\\Users\\ada\\AppData\\Roaming', 'wstap'));
  });
});

describe('defaultRendererDir', () => {
  it('finds out/renderer from the source, the compiled tree and the bundle alike', () => {
    for (const from of ['main/cli/ui', 'out/main/cli/ui', 'out/cli']) {
      expect(defaultRendererDir(join(ROOT, from))).toBe(join(ROOT, 'out', 'renderer'));
    }
  });
});

describe('browserLaunch', () => {
  const url = 'http://127.0.0.1:1/?token=t';

  it('uses open on macOS, cmd /c start on Windows, xdg-open with a display', () => {
    expect(browserLaunch('darwin', {}, url)).toEqual({ kind: 'run', command: 'open', args: [url] });
    expect(browserLaunch('win32', {}, url)).toEqual({
      kind: 'run',
      command: 'cmd',
      args: ['/c', 'start', '""', url],
    });
    expect(browserLaunch('linux', { DISPLAY: ':0' }, url)).toEqual({
      kind: 'run',
      command: 'xdg-open',
      args: [url],
    });
    expect(browserLaunch('linux', { WAYLAND_DISPLAY: 'wayland-0' }, url)).toMatchObject({
      command: 'xdg-open',
    });
  });

  it('says why not when Linux has no display', () => {
    expect(browserLaunch('linux', {}, url)).toEqual({
      kind: 'skip',
      reason: expect.stringMatching(/^no display/),
    });
  });
});
