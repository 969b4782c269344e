/**
 * The renderer's one store: a zustand vanilla store (testable without React) with slices for
 * connections, the inspector's view of the rows, and the app. Rows themselves live in a mutable
 * RowStore beside it; the state only carries a version that bumps once per batch, so a batch of
 * 1000 frames costs one setState, not 1000 (house-style: batch at every boundary).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, EventBatch, StoreStats, WstapBridge } from '../../shared/ipc/contract.js';
import type { ActiveRecordingInfo } from '../../shared/ipc/recording-commands.js';
import type { SessionEvent } from '../../shared/model/events.js';
import { applyEvents, type Connections } from './connections.js';
import { compileFilter, DEFAULT_FILTER, RowView, type RowFilter } from './row-filter.js';
import { RowStore } from './row-store.js';

/** The main panes. */
export type Tab = 'inspector' | 'timeline' | 'connect' | 'scripts' | 'proxy' | 'mock' | 'recordings';

/** Everything React renders from. */
export interface ConsoleState {
  readonly info: AppInfo | null;
  readonly connections: Connections;
  /** Selected connection (sidebar); null = all connections. */
  readonly selectedConn: number | null;
  readonly tab: Tab;
  readonly filter: RowFilter;
  /** The filter's error (a bad regex), shown beside the search box. */
  readonly filterError: string | null;
  /** Bumps when rows arrive or the view is rebuilt. */
  readonly rowsVersion: number;
  /** Rows in the current view. */
  readonly viewLength: number;
  /** Absolute row index opened in the detail pane. */
  readonly selectedRow: number | null;
  /** Live tail paused: rows still arrive (nothing is lost) but the table stays where it is. */
  readonly paused: boolean;
  /** View rows that arrived while paused. */
  readonly unread: number;
  readonly stats: StoreStats;
  /** Rows the renderer itself let go past its cap. */
  readonly rendererDropped: number;
  /** Recordings under way (pushed in batches when they change). */
  readonly recordings: readonly ActiveRecordingInfo[];
  /** A message for the status bar (last command error), null when all is well. */
  readonly notice: { readonly kind: 'error' | 'info'; readonly text: string } | null;
}

/** What components call. */
export interface ConsoleActions {
  ingest(batch: EventBatch): void;
  /** Several batches in one state change (the renderer applies what arrived once per animation frame). */
  ingestAll(batches: readonly EventBatch[]): void;
  /** Events from before this renderer loaded (app.replay). */
  ingestHistory(events: readonly SessionEvent[]): void;
  setInfo(info: AppInfo): void;
  /** The recordings under way, as a command's answer told them. */
  setRecordings(recordings: readonly ActiveRecordingInfo[]): void;
  selectConn(conn: number | null): void;
  setTab(tab: Tab): void;
  setFilter(change: Partial<RowFilter>): void;
  selectRow(row: number | null): void;
  setPaused(paused: boolean): void;
  notify(kind: 'error' | 'info', text: string): void;
  clearNotice(): void;
}

export type ConsoleStore = StoreApi<ConsoleState & ConsoleActions>;

const NO_STATS: StoreStats = {
  frames: 0,
  messages: 0,
  droppedFrames: 0,
  droppedMessages: 0,
  droppedBytes: 0,
};

/** The store plus the mutable rows and view it versions. */
export interface ConsoleModel {
  readonly store: ConsoleStore;
  readonly rows: RowStore;
  /** The current view (replaced when the filter changes). */
  view(): RowView;
  readonly bridge: WstapBridge;
}

/** Creates the store; `bridge` is only kept for components (commands go through it). */
export function createConsoleModel(
  bridge: WstapBridge,
  options: { readonly maxRows?: number } = {},
): ConsoleModel {
  const rows = new RowStore(options.maxRows);
  let view = new RowView(rows, compileFilter(DEFAULT_FILTER));

  const store = createStore<ConsoleState & ConsoleActions>()((set, get) => {
    const rebuild = (filter: RowFilter): void => {
      const predicate = compileFilter(filter);
      if (!predicate.ok) {
        set({ filter, filterError: predicate.error });
        return;
      }
      view = new RowView(rows, predicate);
      view.update();
      const selectedRow = get().selectedRow;
      set({
        filter,
        filterError: null,
        viewLength: view.length,
        rowsVersion: get().rowsVersion + 1,
        unread: 0,
        selectedRow: selectedRow !== null && view.indexOf(selectedRow) >= 0 ? selectedRow : null,
      });
    };
    return {
      info: null,
      connections: {},
      selectedConn: null,
      tab: 'inspector',
      filter: DEFAULT_FILTER,
      filterError: null,
      rowsVersion: 0,
      viewLength: 0,
      selectedRow: null,
      paused: false,
      unread: 0,
      stats: NO_STATS,
      rendererDropped: 0,
      recordings: [],
      notice: null,
      ingest(batch) {
        get().ingestAll([batch]);
      },
      ingestAll(batches) {
        const last = batches[batches.length - 1];
        if (last === undefined) return;
        const state = get();
        let connections = state.connections;
        let recordings = state.recordings;
        for (const batch of batches) {
          if (batch.rows.id.length > 0) rows.append(batch.rows);
          if (batch.events.length > 0) connections = applyEvents(connections, batch.events);
          if (batch.recordings !== undefined) recordings = batch.recordings;
        }
        const added = view.update();
        set({
          connections,
          rowsVersion: state.rowsVersion + 1,
          viewLength: view.length,
          unread: state.paused ? state.unread + added : 0,
          stats: last.stats,
          rendererDropped: rows.dropped,
          recordings,
        });
      },
      ingestHistory(events) {
        set({ connections: applyEvents(get().connections, events) });
      },
      setInfo: (info) => set({ info }),
      setRecordings: (recordings) => set({ recordings }),
      selectConn(conn) {
        set({ selectedConn: conn });
        rebuild({ ...get().filter, conn });
      },
      setTab: (tab) => set({ tab }),
      setFilter: (change) => rebuild({ ...get().filter, ...change }),
      selectRow: (selectedRow) => set({ selectedRow }),
      setPaused: (paused) => set({ paused, unread: 0 }),
      notify: (kind, text) => set({ notice: { kind, text } }),
      clearNotice: () => set({ notice: null }),
    };
  });
  return { store, rows, view: () => view, bridge };
}
