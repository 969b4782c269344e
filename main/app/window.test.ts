// The console window's security settings and lockdown, with fakes for Electron's objects.
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  createConsoleWindow,
  lockDown,
  type LockableContents,
  type LockableSession,
  type WindowElectron,
} from './window.js';

type Listener = (event: { url?: string; preventDefault(): void }, ...rest: unknown[]) => void;

function fakes() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  let requestHandler:
    ((c: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  let checkHandler: ((...args: unknown[]) => boolean) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => void listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
  };
  const session = {
    setPermissionRequestHandler: (handler: typeof requestHandler) => void (requestHandler = handler),
    setPermissionCheckHandler: (handler: typeof checkHandler) => void (checkHandler = handler),
  };
  lockDown(contents as unknown as LockableContents, session as unknown as LockableSession);
  const fire = (name: string, url: string): boolean => {
    let prevented = false;
    listeners.get(name)!({ url, preventDefault: () => void (prevented = true) }, url);
    return prevented;
  };
  return {
    fire,
    open: (url: string) => openHandler!({ url }),
    requestHandler: requestHandler!,
    checkHandler: checkHandler!,
  };
}

describe('createConsoleWindow', () => {
  function open(maximized: boolean) {
    const seen: {
      options?: BrowserWindowConstructorOptions;
      loaded?: string;
      shown: boolean;
      maximized: boolean;
    } = { shown: false, maximized: false };
    let readyToShow: (() => void) | undefined;
    class FakeWindow {
      readonly webContents = {
        on: () => undefined,
        setWindowOpenHandler: () => undefined,
        session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
      };
      constructor(options: BrowserWindowConstructorOptions) {
        seen.options = options;
      }
      once(_name: 'ready-to-show', listener: () => void) {
        readyToShow = listener;
      }
      loadURL(url: string) {
        seen.loaded = url;
        return Promise.resolve();
      }
      show() {
        seen.shown = true;
      }
      maximize() {
        seen.maximized = true;
      }
    }
    const electron = { BrowserWindow: FakeWindow } as unknown as WindowElectron;
    createConsoleWindow(electron, {
      preload: '/app/preload.cjs',
      url: 'wstap-app://console/index.html',
      bounds: { width: 1000, height: 700, maximized },
    });
    readyToShow?.();
    return seen;
  }

  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    const seen = open(false);
    expect(seen.options?.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(seen.options).toMatchObject({ width: 1000, height: 700, show: false });
    expect(seen.options).not.toHaveProperty('maximized');
    expect(seen.options).not.toHaveProperty('x');
  });

  it('loads the console and shows it once painted, maximized when it was', () => {
    expect(open(false)).toMatchObject({
      loaded: 'wstap-app://console/index.html',
      shown: true,
      maximized: false,
    });
    expect(open(true)).toMatchObject({ shown: true, maximized: true });
  });
});

describe('lockDown', () => {
  it('refuses every navigation, redirect and webview', () => {
    const f = fakes();
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'wstap-app://console/index.html')).toBe(true);
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-frame-navigate', 'wstap-app://console/index.html')).toBe(false);
  });

  it('opens no window', () => {
    const f = fakes();
    expect(f.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(f.open('wstap-app://console/index.html')).toEqual({ action: 'deny' });
  });

  it('grants no permission', () => {
    const f = fakes();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      let granted: boolean | undefined;
      f.requestHandler(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(f.checkHandler(null, 'media', 'wstap-app://console', {})).toBe(false);
  });
});
