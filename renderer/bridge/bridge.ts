/**
 * The only code that finds the way to main: Electron's preload puts the contract on
 * `window.wstap`; in browser mode (`wstap ui`, e2e) the same contract runs over a WebSocket.
 */
import type { WstapBridge } from '../../shared/ipc/contract.js';
import { createWebBridge } from './web-transport.js';

declare global {
  interface Window {
    /** Set by the Electron preload (main/preload), absent in a browser. */
    readonly wstap?: WstapBridge;
  }
}

/** The bridge of this page. */
export function findBridge(): WstapBridge {
  return window.wstap ?? createWebBridge(window.location);
}
