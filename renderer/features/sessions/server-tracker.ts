/**
 * Keeps the server list current: one listener on the bridge's batches per console model (the
 * console store keeps no engine-wide events), plus what Start and Stop answered.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ServerInfo } from '../../../shared/ipc/contract.js';
import type { ConsoleModel } from '../../store/console-store.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { applyServerEvents, markServer, mergeServers, type ServerList } from './server-list.js';

/** The servers seen since this renderer loaded, and how to note a Start or Stop. */
export interface ServerTracker {
  readonly servers: ServerList;
  started(info: ServerInfo): void;
  stopped(url: string): void;
}

const trackers = new WeakMap<ConsoleModel, StoreApi<ServerTracker>>();

/** The tracker of `model`, listening from its first use for as long as the model lives. */
export function serverTracker(model: ConsoleModel): StoreApi<ServerTracker> {
  let tracker = trackers.get(model);
  if (tracker === undefined) {
    const store = createStore<ServerTracker>()((set, get) => ({
      servers: [],
      started: (info) => set({ servers: markServer(get().servers, info.url, true, info.behaviour) }),
      stopped: (url) => set({ servers: markServer(get().servers, url, false) }),
    }));
    model.bridge.onBatch((batch) => {
      const servers = applyServerEvents(store.getState().servers, batch.events);
      if (servers !== store.getState().servers) store.setState({ servers });
    });
    trackers.set(model, store);
    tracker = store;
  }
  return tracker;
}

/** Servers and proxies to list: app.info's plus those tracked since. */
export function useServers(): ServerList {
  const tracked = useStore(serverTracker(useModel()), (s) => s.servers);
  const atLoad = useConsole((s) => s.info?.servers);
  return useMemo(() => mergeServers(atLoad ?? [], tracked), [atLoad, tracked]);
}
