/**
 * The preload of the console window: exposes exactly WstapBridge (shared/ipc/contract.ts) as
 * `window.wstap` and nothing generic — no ipcRenderer, no channel names, no event objects reach the
 * page. It runs sandboxed, so scripts/bundle-app.mjs makes it one CommonJS file whose only require
 * is `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventBatch, WstapBridge } from '../../shared/ipc/contract.js';
import { fail } from '../../shared/ipc/result.js';
import { BATCH_CHANNEL, CALL_CHANNEL } from './ipc-channels.js';

const bridge: WstapBridge = {
  // invoke rejects only when main is gone or has no handler; the contract promises a Result.
  call: (channel, input) =>
    ipcRenderer
      .invoke(CALL_CHANNEL, channel, input)
      .catch(() => fail('DISCONNECTED', 'the console lost its connection to wstap')),
  onBatch(listener) {
    const forward = (_event: IpcRendererEvent, batch: EventBatch): void => listener(batch);
    ipcRenderer.on(BATCH_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(BATCH_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('wstap', bridge);
