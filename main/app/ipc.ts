/**
 * The Electron IPC adapter, and the only file that touches ipcMain (eslint.config.js): one
 * `wstap:call` handler for every command and one `wstap:batch` push. Every call is checked before
 * dispatch() sees it: it must come from the main frame of the console window, showing a page of
 * the console's own origin (wstap-app://console/) — not a subframe, not a page the window was
 * somehow navigated to, not another window. Electron is imported for types only and passed in, so
 * the checks are unit-tested with fakes.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CommandHandlers, EventBatch } from '../../shared/ipc/contract.js';
import { BRIDGE_ERROR_CODES, fail, type Result } from '../../shared/ipc/result.js';
import type { ConsoleService } from '../engine/console/console-service.js';
import { dispatch } from '../engine/console/dispatch.js';
import { BATCH_CHANNEL, CALL_CHANNEL } from '../preload/ipc-channels.js';
import { isConsoleUrl } from './protocol.js';

/** The part of a frame (Electron's WebFrameMain) the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FrameLike | null;
  /** Electron ≥ 35: a frame removed from the DOM or navigated away from. */
  readonly detached?: boolean;
  isDestroyed(): boolean;
}

/** The part of a WebContents the adapter uses. */
export interface ContentsLike {
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** The part of the console window the adapter uses. */
export interface WindowLike {
  readonly webContents: ContentsLike;
  isDestroyed(): boolean;
}

/** The part of an invoke event the sender check reads. */
export interface CallEvent {
  readonly sender: ContentsLike;
  readonly senderFrame: FrameLike | null;
}

/** The part of Electron this adapter needs (pass the `electron` module). */
export interface IpcElectron {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
}

const sameFrame = (a: FrameLike, b: FrameLike): boolean =>
  a.processId === b.processId && a.routingId === b.routingId;

/**
 * True when the call came from the console window's main frame while it shows a console page.
 * False for anything else, including a frame that is gone (reading a disposed frame throws).
 */
export function isConsoleSender(event: CallEvent, window: WindowLike | null): boolean {
  try {
    if (window === null || window.isDestroyed()) return false;
    const contents = window.webContents;
    if (contents.isDestroyed() || event.sender !== contents) return false;
    const frame = event.senderFrame;
    if (frame === null || frame.isDestroyed() || frame.detached === true) return false;
    if (frame.parent !== null || !sameFrame(frame, contents.mainFrame)) return false;
    return isConsoleUrl(frame.url);
  } catch {
    return false;
  }
}

/** Answers one `wstap:call`: the sender check, then dispatch() (which checks channel and input). */
export async function answerCall(
  handlers: CommandHandlers,
  window: WindowLike | null,
  event: CallEvent,
  channel: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isConsoleSender(event, window)) return fail('FORBIDDEN_SENDER', BRIDGE_ERROR_CODES.FORBIDDEN_SENDER);
  try {
    return await dispatch(handlers, channel, input);
  } catch {
    // dispatch() never rejects; this keeps "a Result, never an exception" true if that changes.
    return fail('INTERNAL', BRIDGE_ERROR_CODES.INTERNAL);
  }
}

/** Sends a batch to the console window when it is there and still shows a console page. */
export function pushBatch(window: WindowLike | null, batch: EventBatch): boolean {
  try {
    if (window === null || window.isDestroyed()) return false;
    const contents = window.webContents;
    if (contents.isDestroyed() || !isConsoleUrl(contents.mainFrame.url)) return false;
    contents.send(BATCH_CHANNEL, batch);
    return true;
  } catch {
    // The window closed between the checks and the send: the batch has no reader left.
    return false;
  }
}

/**
 * Connects the service to the console window: the call handler and the batch push. `getWindow`
 * is asked on every call (the window may be closed and made again on macOS). Returns the undo.
 */
export function registerIpc(
  electron: IpcElectron,
  service: Pick<ConsoleService, 'handlers' | 'onBatch'>,
  getWindow: () => WindowLike | null,
): () => void {
  electron.ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, channel: unknown, input: unknown) =>
    answerCall(service.handlers, getWindow(), event, channel, input),
  );
  const stopBatches = service.onBatch((batch) => {
    pushBatch(getWindow(), batch);
  });
  return () => {
    electron.ipcMain.removeHandler(CALL_CHANNEL);
    stopBatches();
  };
}
