/**
 * The script runs the editor shows, kept in a small vanilla store beside the console's: each run's
 * state and its log lines. `script` events in a batch say which runs changed; the lines are then
 * fetched from main from the one this side has (`script.output`), so nothing is lost while the
 * Scripts tab is closed and nothing is fetched twice. One per bridge, created on first use.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventBatch, WstapBridge } from '../../../shared/ipc/contract.js';
import type { ScriptLogLine, ScriptRunInfo } from '../../../shared/ipc/script-commands.js';

/** Lines kept per run in the window (main keeps its own, larger window). */
export const MAX_VIEW_LINES = 5000;

/** One run as the panel shows it. */
export interface RunView {
  readonly info: ScriptRunInfo;
  /** Absolute number of `lines[0]`. */
  readonly firstLine: number;
  readonly lines: readonly ScriptLogLine[];
}

/** Runs by id. */
export type Runs = Readonly<Record<number, RunView>>;

/** What `script.output` answers. */
export interface RunOutput {
  readonly info: ScriptRunInfo;
  readonly from: number;
  readonly lines: readonly ScriptLogLine[];
}

/** A run with `output` applied: appended when it continues what is there, else replacing it. Pure. */
export function applyOutput(current: RunView | undefined, output: RunOutput): RunView {
  const continues = current !== undefined && output.from === current.firstLine + current.lines.length;
  const firstLine = continues ? current.firstLine : output.from;
  let lines = continues ? [...current.lines, ...output.lines] : [...output.lines];
  let first = firstLine;
  if (lines.length > MAX_VIEW_LINES) {
    first += lines.length - MAX_VIEW_LINES;
    lines = lines.slice(lines.length - MAX_VIEW_LINES);
  }
  return { info: output.info, firstLine: first, lines };
}

/** The next line to ask main for. */
export const nextLine = (run: RunView | undefined): number =>
  run === undefined ? 0 : run.firstLine + run.lines.length;

/** Runs whose state changed in a batch: their `script` events, and every running run when a script's connection began. */
export function changedRuns(batch: EventBatch, runs: Runs): ReadonlySet<number> {
  const changed = new Set<number>();
  for (const event of batch.events) {
    if (event.type === 'script') changed.add(event.run);
    else if (event.type === 'connecting' && event.script !== undefined)
      for (const view of Object.values(runs)) if (view.info.state === 'running') changed.add(view.info.run);
  }
  return changed;
}

/** The store and how to refresh a run. */
export interface ScriptRunsModel {
  readonly store: StoreApi<{ readonly runs: Runs }>;
  /** Fetches what is new of a run (coalesced: one call in flight per run). */
  refresh(run: number): void;
  /** Adds a run just started from this window. */
  add(info: ScriptRunInfo): void;
}

/** The store of one bridge: listens to its batches from now on and loads the runs so far. */
export function createScriptRuns(bridge: WstapBridge): ScriptRunsModel {
  const store = createStore<{ readonly runs: Runs }>()(() => ({ runs: {} }));
  const inFlight = new Set<number>();
  const again = new Set<number>();
  const refresh = (run: number): void => {
    if (inFlight.has(run)) {
      again.add(run);
      return;
    }
    inFlight.add(run);
    void bridge.call('script.output', { run, from: nextLine(store.getState().runs[run]) }).then((result) => {
      inFlight.delete(run);
      if (result.ok) {
        const runs = store.getState().runs;
        store.setState({ runs: { ...runs, [run]: applyOutput(runs[run], result.value) } });
      }
      // More than one call's worth, or changed meanwhile: ask again.
      if (again.delete(run) || (result.ok && result.value.lines.length >= 2000)) refresh(run);
    });
  };
  bridge.onBatch((batch) => {
    for (const run of changedRuns(batch, store.getState().runs)) refresh(run);
  });
  void bridge.call('script.runs', null).then((result) => {
    if (result.ok) for (const info of result.value) refresh(info.run);
  });
  return {
    store,
    refresh,
    add(info) {
      const runs = store.getState().runs;
      if (runs[info.run] === undefined)
        store.setState({ runs: { ...runs, [info.run]: { info, firstLine: 0, lines: [] } } });
      refresh(info.run);
    },
  };
}

const models = new WeakMap<WstapBridge, ScriptRunsModel>();

/** The runs model of a bridge (one per window). */
export function scriptRunsOf(bridge: WstapBridge): ScriptRunsModel {
  let model = models.get(bridge);
  if (model === undefined) models.set(bridge, (model = createScriptRuns(bridge)));
  return model;
}
