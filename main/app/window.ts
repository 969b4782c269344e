/**
 * The console window: one BrowserWindow locked down the way Electron's security checklist asks —
 * context isolation, sandbox, no Node in the page, web security on, no navigation away from the
 * console, no new windows, every permission request refused. The page is untrusted in the sense
 * that it renders whatever a WebSocket peer sent. Electron is passed in (type-only import).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Event, Session, WebContents } from 'electron';
import { isConsoleUrl } from './protocol.js';
import { MIN_SIZE, type InitialBounds } from './window-state.js';

/** The parts of a WebContents the lockdown touches. */
export type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** The parts of a Session the lockdown touches. */
export type LockableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/**
 * Refuses navigation, redirects, new windows, <webview> and every permission (camera,
 * notifications, clipboard read, …): the console needs none. Reload is not a navigation event.
 */
export function lockDown(contents: LockableContents, session: LockableSession): void {
  const deny = (event: Event): void => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-frame-navigate', (event) => {
    if (!isConsoleUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** What createConsoleWindow needs from Electron. */
export interface WindowElectron {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
}

/**
 * Opens the console window on `url`, shown once the page has painted. The options are written out
 * here, at `new BrowserWindow`, where Electronegativity (npm run security) can read them.
 */
export function createConsoleWindow(
  electron: WindowElectron,
  options: { readonly preload: string; readonly url: string; readonly bounds: InitialBounds },
): BrowserWindow {
  const { BrowserWindow } = electron;
  const { maximized, ...rect } = options.bounds;
  const window = new BrowserWindow({
    ...rect,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'wstap',
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click on a link would ask for a new window (denied anyway): not even that.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  lockDown(window.webContents, window.webContents.session);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.loadURL(options.url).catch((error: unknown) => {
    // A build without out/renderer shows the 404 page; anything else is worth a line in the log.
    console.error(`wstap: could not load the console: ${(error as Error).message}`);
  });
  return window;
}
