/**
 * The mock panel's state, one vanilla store per console model (kept across tab switches): the
 * servers as `mock.servers` last answered, the `reload` events seen, the start form and the
 * editor's document. Listens to the bridge's batches from its first use.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MockServer } from '../../../shared/ipc/mock-commands.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import type { ConsoleModel } from '../../store/console-store.js';
import { EMPTY_START, type StartDraft } from './start-form.js';

/** A `reload` event as the panel shows it. */
export interface ReloadNote {
  /** Counts reloads seen, from 1: a new note has a new number even when its text repeats. */
  readonly n: number;
  readonly ok: boolean;
  readonly files: readonly string[];
  readonly message: string;
}

/** The document open in the editor. */
export interface EditorDoc {
  readonly path: string;
  readonly text: string;
  /** The text as last read or saved (the editor is dirty when it differs). */
  readonly saved: string;
  /** Bumps each time a file is (re)opened, so the editor loads it afresh. */
  readonly rev: number;
}

/** Everything the panel renders from. */
export interface MockPanelState {
  readonly servers: readonly MockServer[];
  /** The newest last, at most KEPT_RELOADS. */
  readonly reloads: readonly ReloadNote[];
  readonly draft: StartDraft;
  readonly doc: EditorDoc | null;
}

const KEPT_RELOADS = 20;

/** Event types after which the server list is worth asking for again. */
const CHANGES = new Set<SessionEvent['type']>(['listening', 'server-stopped', 'open', 'closed', 'room']);

/** The reload notes a batch adds (pure). */
export function addReloads(
  list: readonly ReloadNote[],
  events: readonly SessionEvent[],
): readonly ReloadNote[] {
  let out = list;
  for (const e of events) {
    if (e.type !== 'reload') continue;
    const n = (out.at(-1)?.n ?? 0) + 1;
    out = [...out, { n, ok: e.ok, files: e.files, message: e.message }].slice(-KEPT_RELOADS);
  }
  return out;
}

/** The newest reload of `path` (reloads name the files that changed). */
export function lastReloadOf(list: readonly ReloadNote[], path: string): ReloadNote | null {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.files.includes(path)) return list[i]!;
  return null;
}

const stores = new WeakMap<ConsoleModel, StoreApi<MockPanelState>>();

/** The panel's store of `model`. */
export function mockStore(model: ConsoleModel): StoreApi<MockPanelState> {
  const existing = stores.get(model);
  if (existing !== undefined) return existing;
  const created = createStore<MockPanelState>()(() => ({
    servers: [],
    reloads: [],
    draft: EMPTY_START,
    doc: null,
  }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  model.bridge.onBatch((batch) => {
    const reloads = addReloads(created.getState().reloads, batch.events);
    if (reloads !== created.getState().reloads) created.setState({ reloads });
    if (timer === null && batch.events.some((e) => CHANGES.has(e.type))) {
      // One refresh per burst of connects and closes, not one per event.
      timer = setTimeout(() => {
        timer = null;
        void refreshServers(model);
      }, 150);
    }
  });
  stores.set(model, created);
  return created;
}

/** Asks main for the servers and their clients. */
export async function refreshServers(model: ConsoleModel): Promise<void> {
  const result = await model.bridge.call('mock.servers', null);
  if (result.ok) mockStore(model).setState({ servers: result.value });
}
