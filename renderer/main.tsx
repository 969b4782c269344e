/** The renderer's entry: finds the bridge, builds the store, streams batches into it, renders. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { findBridge } from './bridge/bridge.js';
import { createConsoleModel } from './store/console-store.js';
import { FramePump } from './store/frame-pump.js';
import { ModelContext } from './store/use-console.js';
import './styles.css';

const model = createConsoleModel(findBridge());
const state = model.store.getState();
// One store update per animation frame, whatever number of batches arrived since the last.
const pump = new FramePump((batches: readonly Parameters<typeof state.ingest>[0][]) =>
  model.store.getState().ingestAll(batches),
);
// Batches that arrive while history loads are queued, then applied after it: nothing is lost.
const early: Parameters<typeof state.ingest>[0][] = [];
let live = false;
model.bridge.onBatch((batch) => (live ? pump.push(batch) : early.push(batch)));
void (async () => {
  const [info, history, recording] = await Promise.all([
    model.bridge.call('app.info', null),
    model.bridge.call('app.replay', null),
    model.bridge.call('recording.status', null),
  ]);
  if (info.ok) state.setInfo(info.value);
  else state.notify('error', `${info.error.code}: ${info.error.message}`);
  if (history.ok) state.ingestHistory(history.value);
  if (recording.ok) state.setRecordings(recording.value.active);
  live = true;
  model.store.getState().ingestAll(early.splice(0));
})();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ModelContext.Provider value={model}>
      <App />
    </ModelContext.Provider>
  </StrictMode>,
);
