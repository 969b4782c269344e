// Test support for main/app/main.test.ts: a stand-in for the `electron` module, installed as
// node_modules/electron next to a freshly bundled main.cjs run by plain Node (no Electron binary
// exists here). It implements only what main.ts touches, drives one scripted session — the page
// loads, calls over IPC from the console frame and from a stranger, the default server comes up,
// the app quits — and reports each step to the test with process.send. With FAKE_ELECTRON_SCRIPT
// set it also uses the Scripts tab: completions, a run of that script (args: FAKE_ELECTRON_SERVER)
// and its first received frame decoded by the module FAKE_ELECTRON_DECODER.
'use strict';
const { EventEmitter } = require('node:events');
const path = require('node:path');

const report = (type, data = {}) => process.send({ type, ...data });
let ready = false;
let callHandler;
let schemeHandler;
/** Every batch main pushed to the window, and what runs when one more comes. */
const batches = [];
let onBatch = () => {};

const app = Object.assign(new EventEmitter(), {
  name: 'wstap',
  isPackaged: false,
  paths: { userData: path.join(require('node:os').tmpdir(), 'wstap-fake-electron-unset') },
  setPath(name, value) {
    this.paths[name] = value;
  },
  getPath(name) {
    return this.paths[name];
  },
  requestSingleInstanceLock: () => true,
  whenReady: () =>
    new Promise((resolve) =>
      setImmediate(() => {
        ready = true;
        resolve();
      }),
    ),
  quit() {
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    report('quit', { prevented });
    if (!prevented) setImmediate(() => process.exit(0));
  },
  exit: (code) => process.exit(code),
});

const protocol = {
  registerSchemesAsPrivileged: (schemes) => report('schemes', { schemes, beforeReady: !ready }),
  handle: (scheme, handler) => {
    schemeHandler = handler;
    report('protocol', { scheme });
  },
};

const mainFrame = { url: '', processId: 1, routingId: 1, parent: null, isDestroyed: () => false };

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    report('window', { options });
    const contents = new EventEmitter();
    let sent = 0;
    Object.assign(contents, {
      mainFrame,
      session: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} },
      setWindowOpenHandler: () => {},
      isDestroyed: () => false,
      send: (channel, batch) => {
        batches.push(batch);
        report('sent', { channel, count: ++sent });
        onBatch();
      },
    });
    this.webContents = contents;
  }
  isDestroyed = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 10, y: 20, width: 900, height: 700 });
  show() {}
  async loadURL(url) {
    mainFrame.url = url;
    const response = await schemeHandler(new Request(url));
    report('loaded', { url, status: response.status, csp: response.headers.get('content-security-policy') });
    this.emit('ready-to-show');
    setImmediate(() => session(this).catch((error) => report('error', { message: error.stack })));
  }
}

/** What the page would do, then quitting. */
async function session(window) {
  const fromConsole = { sender: window.webContents, senderFrame: mainFrame };
  const stranger = {
    sender: window.webContents,
    senderFrame: { ...mainFrame, url: 'https://evil.example/' },
  };
  report('info', { result: await callHandler(fromConsole, 'app.info', null) });
  report('stranger', { result: await callHandler(stranger, 'app.info', null) });
  for (let i = 0; i < 200; i++) {
    const info = await callHandler(fromConsole, 'app.info', null);
    if (info.ok && info.value.servers.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  report('servers', { result: await callHandler(fromConsole, 'app.info', null) });
  await scriptsTab((channel, input) => callHandler(fromConsole, channel, input));
  window.emit('close');
  app.emit('window-all-closed');
}

/** Resolves with the first value `find` gives over the batches so far, checked again on each new one. */
function whenBatches(find) {
  return new Promise((resolve) => {
    const check = () => {
      const found = find(batches);
      if (found === undefined) return;
      onBatch = () => {};
      resolve(found);
    };
    onBatch = check;
    check();
  });
}

const IN = 1 << 9; // shared/ipc/rows.ts ROW_FLAG.IN
const TEXT = 1;

/** The Scripts tab: completions, a run to its end, a received frame through a decoder module. */
async function scriptsTab(call) {
  const { FAKE_ELECTRON_SCRIPT: script, FAKE_ELECTRON_SERVER: server } = process.env;
  if (script === undefined) return;
  report('completions', { result: await call('script.completions', null) });
  const started = await call('script.run', { path: script, args: [server], timeout: 30_000 });
  report('run', { result: started });
  if (!started.ok) return;
  const { run } = started.value;
  await whenBatches((all) =>
    all.some((b) => b.events.some((e) => e.type === 'script' && e.run === run && e.phase === 'end'))
      ? true
      : undefined,
  );
  const output = await call('script.output', { run, from: 0 });
  report('output', { result: output });
  const conns = output.ok ? output.value.info.conns : [];
  const firstReceived = (all) => {
    for (const { rows } of all)
      for (let i = 0; i < rows.id.length; i++)
        if (conns.includes(rows.conn[i]) && rows.flags[i] & IN && (rows.flags[i] & 0x0f) === TEXT)
          return rows.id[i];
    return undefined;
  };
  const id = conns.length === 0 ? null : await whenBatches(firstReceived);
  if (id === null) return report('decoded', { result: null });
  const modulePath = process.env.FAKE_ELECTRON_DECODER;
  const decoded = await call('decoder.decode', {
    kind: 'frame',
    id,
    decoder: { kind: 'module', modulePath },
  });
  report('decoded', { result: decoded });
}

module.exports = {
  app,
  protocol,
  BrowserWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (menu) => report('menu', { labels: menu.map((m) => m.label) }),
  },
  // eslint-disable-next-line no-restricted-syntax -- the stand-in for Electron's own
  ipcMain: {
    handle: (channel, handler) => {
      callHandler = handler;
      report('ipc', { channel });
    },
    removeHandler: () => {},
  },
};
