// The IPC adapter with fakes for Electron's objects: no electron module is loaded.
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import type { CommandHandlers, EventBatch } from '../../shared/ipc/contract.js';
import { INPUT_CHECKS } from '../../shared/ipc/inputs.js';
import { ok, type Result } from '../../shared/ipc/result.js';
import { BATCH_CHANNEL, CALL_CHANNEL } from '../preload/ipc-channels.js';
import {
  answerCall,
  isConsoleSender,
  pushBatch,
  registerIpc,
  type CallEvent,
  type FrameLike,
  type IpcElectron,
} from './ipc.js';

const CONSOLE = 'wstap-app://console/index.html';

function fakeFrame(
  url: string,
  ids: { processId?: number; routingId?: number } = {},
  parent: FrameLike | null = null,
) {
  return {
    url,
    processId: ids.processId ?? 4,
    routingId: ids.routingId ?? 1,
    parent,
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
  };
}

function fakeWindow(url = CONSOLE) {
  const sent: { channel: string; args: unknown[] }[] = [];
  const contents = {
    mainFrame: fakeFrame(url),
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    send: (channel: string, ...args: unknown[]) => void sent.push({ channel, args }),
  };
  const window = {
    webContents: contents,
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
  };
  return { window, contents, sent };
}

/** Handlers that answer with what they were called with. */
function echoHandlers(): { handlers: CommandHandlers; calls: unknown[] } {
  const calls: unknown[] = [];
  const entries = Object.keys(INPUT_CHECKS).map((channel) => [
    channel,
    async (input: unknown): Promise<Result<unknown>> => {
      calls.push({ channel, input });
      return ok({ channel, input });
    },
  ]);
  return { handlers: Object.fromEntries(entries) as CommandHandlers, calls };
}

const fromMainFrame = (w: ReturnType<typeof fakeWindow>): CallEvent => ({
  sender: w.contents,
  senderFrame: w.contents.mainFrame,
});

describe('the sender check', () => {
  it('lets the console window main frame through', () => {
    const w = fakeWindow();
    expect(isConsoleSender(fromMainFrame(w), w.window)).toBe(true);
    // The same frame as another object (Electron may hand out a new wrapper): ids decide.
    expect(
      isConsoleSender({ sender: w.contents, senderFrame: fakeFrame('wstap-app://console/') }, w.window),
    ).toBe(true);
  });

  it('refuses a subframe of the console window', () => {
    const w = fakeWindow();
    const child = fakeFrame(CONSOLE, { routingId: 7 }, w.contents.mainFrame);
    expect(isConsoleSender({ sender: w.contents, senderFrame: child }, w.window)).toBe(false);
    // Even one that claims the main frame's ids but has a parent.
    const sneaky = fakeFrame(CONSOLE, {}, w.contents.mainFrame);
    expect(isConsoleSender({ sender: w.contents, senderFrame: sneaky }, w.window)).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'http://127.0.0.1:5173/',
    'wstap-app://other/index.html',
    'wstap-app-evil://console/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
  ])('refuses the main frame showing %j', (url) => {
    const w = fakeWindow();
    w.contents.mainFrame.url = url;
    expect(isConsoleSender(fromMainFrame(w), w.window)).toBe(false);
  });

  it('refuses another window and a missing or closed window', () => {
    const w = fakeWindow();
    const other = fakeWindow();
    expect(isConsoleSender(fromMainFrame(other), w.window)).toBe(false);
    expect(isConsoleSender(fromMainFrame(w), null)).toBe(false);
    w.window.destroyed = true;
    expect(isConsoleSender(fromMainFrame(w), w.window)).toBe(false);
  });

  it('refuses a frame that is gone: null, destroyed, detached, or throwing when read', () => {
    const w = fakeWindow();
    expect(isConsoleSender({ sender: w.contents, senderFrame: null }, w.window)).toBe(false);
    const destroyed = { ...fakeFrame(CONSOLE), isDestroyed: () => true };
    expect(isConsoleSender({ sender: w.contents, senderFrame: destroyed }, w.window)).toBe(false);
    const detached = { ...fakeFrame(CONSOLE), detached: true };
    expect(isConsoleSender({ sender: w.contents, senderFrame: detached }, w.window)).toBe(false);
    const disposed = {
      ...fakeFrame(CONSOLE),
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isConsoleSender({ sender: w.contents, senderFrame: disposed }, w.window)).toBe(false);
  });
});

describe('answerCall', () => {
  it('passes a good call through to its handler', async () => {
    const w = fakeWindow();
    const { handlers, calls } = echoHandlers();
    const input = { session: 1, on: true };
    const result = await answerCall(handlers, w.window, fromMainFrame(w), 'session.setAutoPong', input);
    expect(result).toEqual({ ok: true, value: { channel: 'session.setAutoPong', input } });
    expect(calls).toHaveLength(1);
  });

  it('answers FORBIDDEN_SENDER without running anything', async () => {
    const w = fakeWindow('https://evil.example/');
    const { handlers, calls } = echoHandlers();
    const result = await answerCall(handlers, w.window, fromMainFrame(w), 'app.info', null);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(calls).toHaveLength(0);
  });

  it('refuses unknown channels and bad input before any handler', async () => {
    const w = fakeWindow();
    const { handlers, calls } = echoHandlers();
    const call = (channel: unknown, input: unknown) =>
      answerCall(handlers, w.window, fromMainFrame(w), channel, input);
    expect(await call('app.shutdown', null)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await call('__proto__', null)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await call(42, null)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    const bad = await call('session.send', { session: 'one', message: { kind: 'text', text: 'hi' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await call('session.close', { session: 1, extra: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call('app.info', { anything: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(calls).toHaveLength(0);
  });
});

describe('pushBatch and registerIpc', () => {
  const batch = { rows: {}, events: [], stats: {} } as unknown as EventBatch;

  it('sends batches only to a live window showing the console', () => {
    const w = fakeWindow();
    expect(pushBatch(w.window, batch)).toBe(true);
    expect(w.sent).toEqual([{ channel: BATCH_CHANNEL, args: [batch] }]);
    w.contents.mainFrame.url = 'https://evil.example/';
    expect(pushBatch(w.window, batch)).toBe(false);
    w.contents.mainFrame.url = CONSOLE;
    w.contents.destroyed = true;
    expect(pushBatch(w.window, batch)).toBe(false);
    expect(pushBatch(null, batch)).toBe(false);
    expect(w.sent).toHaveLength(1);
  });

  it('registers one call handler and the batch push, and undoes both', async () => {
    const w = fakeWindow();
    const { handlers } = echoHandlers();
    const listeners = new Set<(b: EventBatch) => void>();
    const service = {
      handlers,
      onBatch: (listener: (b: EventBatch) => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    type Listener = Parameters<IpcElectron['ipcMain']['handle']>[1];
    const registered = new Map<string, Listener>();
    const fakeElectron = {
      // eslint-disable-next-line no-restricted-syntax -- a fake of it, for the adapter under test
      ipcMain: {
        handle: (channel: string, listener: Listener) => void registered.set(channel, listener),
        removeHandler: (channel: string) => void registered.delete(channel),
      },
    };
    const undo = registerIpc(fakeElectron, service, () => w.window);
    expect([...registered.keys()]).toEqual([CALL_CHANNEL]);
    const event = fromMainFrame(w) as unknown as IpcMainInvokeEvent;
    const answer: unknown = await registered.get(CALL_CHANNEL)!(event, 'store.stats', null);
    expect(answer).toMatchObject({ ok: true, value: { channel: 'store.stats' } });
    for (const listener of listeners) listener(batch);
    expect(w.sent).toHaveLength(1);
    undo();
    expect(registered.size).toBe(0);
    expect(listeners.size).toBe(0);
  });
});
