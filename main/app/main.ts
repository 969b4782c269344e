/**
 * The Electron main process (bundled to out/app/main.cjs by scripts/bundle-app.mjs): one
 * instance, one console window, one engine. The engine's console service does the work; this file
 * only wires it to Electron and lets it shut down cleanly on quit. WSTAP_DATA_DIR moves the user
 * data folder (settings, saved connections, window state) — the e2e test uses a temp dir.
 */
import * as electron from 'electron';
import { join } from 'node:path';
import { createConsoleService, type ConsoleService } from '../engine/console/console-service.js';
import { VERSION } from '../engine/version.js';
import { registerIpc } from './ipc.js';
import { startsDefault } from './launch-args.js';
import { menuTemplate } from './menu.js';
import { APP_URL, registerAppScheme, rendererRoot, serveApp } from './protocol.js';
import { createConsoleWindow } from './window.js';
import { initialBounds, loadWindowState, saveWindowState } from './window-state.js';

const { app, Menu, protocol, screen } = electron;

/** How long quitting waits for the engine to close its sockets and files. */
const DISPOSE_TIMEOUT_MS = 5000;

const dataDir = process.env.WSTAP_DATA_DIR;
if (dataDir) app.setPath('userData', dataDir);
registerAppScheme(protocol);

let window: Electron.BrowserWindow | null = null;
let service: ConsoleService | null = null;

function openWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const opened = createConsoleWindow(electron, {
    preload: join(__dirname, 'preload.cjs'),
    url: APP_URL,
    bounds: initialBounds(loadWindowState(stateFile), workAreas),
  });
  opened.on('close', () => {
    saveWindowState(stateFile, { bounds: opened.getNormalBounds(), maximized: opened.isMaximized() });
  });
  opened.on('closed', () => {
    if (window === opened) window = null;
  });
  window = opened;
}

async function start(): Promise<void> {
  serveApp(protocol, rendererRoot(__dirname));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ appName: app.name, isMac: process.platform === 'darwin', isDev: !app.isPackaged }),
    ),
  );
  const started = createConsoleService({
    host: 'electron',
    version: VERSION,
    dataDir: app.getPath('userData'),
  });
  service = started;
  registerIpc(electron, started, () => window);
  openWindow();
  if (startsDefault(process.argv, app.isPackaged)) {
    await started.startDefault().catch((error: unknown) => {
      console.error(`wstap: the default echo server did not start: ${(error as Error).message}`);
    });
  }
}

/** Disposes the engine once, then lets the quit go on (or gives up waiting after a while). */
function quitCleanly(event: Electron.Event): void {
  const running = service;
  if (running === null) return;
  service = null;
  event.preventDefault();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref());
  Promise.race([running.dispose(), timeout])
    .catch((error: unknown) => console.error(`wstap: shutting down: ${(error as Error).message}`))
    .finally(() => app.quit());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (window === null && service !== null) openWindow();
  });
  app.on('will-quit', quitCleanly);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`wstap: the console could not start: ${(error as Error).message}`);
      app.exit(1);
    });
}
