/**
 * What the Scripts tab shows, kept per window outside React so switching to the inspector (to see
 * a run's frames) and back finds the same folder, open file, unsaved edits and run.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WstapBridge } from '../../../shared/ipc/contract.js';
import type { ScriptCompletion, ScriptFolder } from '../../../shared/ipc/script-commands.js';

/** The open file. */
export interface OpenFile {
  readonly path: string;
  /** What is on disk (as last read or saved). */
  readonly saved: string;
  /** Bumps on each load, so reopening the same file reloads the editor. */
  readonly load: number;
}

/** The tab's state. */
export interface ScriptsUi {
  readonly folder: ScriptFolder | null;
  readonly file: OpenFile | null;
  /** The editor's text (unsaved when it differs from `file.saved`). */
  readonly draft: string;
  readonly completions: readonly ScriptCompletion[];
  /** The run started from here last; null: the newest run of the open file. */
  readonly shownRun: number | null;
  readonly args: string;
}

const stores = new WeakMap<WstapBridge, StoreApi<ScriptsUi>>();

/** The Scripts tab's store of a window. */
export function scriptsUiOf(bridge: WstapBridge): StoreApi<ScriptsUi> {
  let store = stores.get(bridge);
  if (store === undefined) {
    store = createStore<ScriptsUi>()(() => ({
      folder: null,
      file: null,
      draft: '',
      completions: [],
      shownRun: null,
      args: '',
    }));
    stores.set(bridge, store);
  }
  return store;
}
