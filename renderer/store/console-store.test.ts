import { describe, expect, it } from 'vitest';
import type { EventBatch, WstapBridge } from '../../shared/ipc/contract.js';
import { emptyRowBatch, ROW_FLAG } from '../../shared/ipc/rows.js';
import type { SessionEvent } from '../../shared/model/events.js';
import { createConsoleModel } from './console-store.js';

const bridge: WstapBridge = {
  call: () => Promise.reject(new Error('not in this test')),
  onBatch: () => () => undefined,
};
const base = { seq: 0, t: 0, wall: 0 };
const stats = { frames: 0, messages: 0, droppedFrames: 0, droppedMessages: 0, droppedBytes: 0 };

function batch(rows: number, events: readonly SessionEvent[] = []): EventBatch {
  const b = emptyRowBatch();
  for (let i = 0; i < rows; i++) {
    b.id.push(i);
    b.conn.push(1);
    b.t.push(i);
    b.flags.push(1 | ROW_FLAG.FIN);
    b.length.push(3);
    b.extra.push(0);
    b.preview.push('abc');
  }
  return { rows: b, events, stats: { ...stats, frames: rows } };
}

describe('console store', () => {
  it('applies a batch in one state change: rows, connections and counters', () => {
    const model = createConsoleModel(bridge);
    let changes = 0;
    model.store.subscribe(() => changes++);
    const connecting: SessionEvent = {
      ...base,
      type: 'connecting',
      conn: 1,
      role: 'client',
      url: 'ws://127.0.0.1:1/',
      attempt: 1,
      session: 1,
    };
    const open: SessionEvent = {
      ...base,
      conn: 1,
      seq: 1,
      type: 'open',
      subprotocol: null,
      extensions: null,
      ms: 2,
    };
    model.store.getState().ingest(batch(1000, [connecting, open]));
    expect(changes).toBe(1);
    const state = model.store.getState();
    expect(state.viewLength).toBe(1000);
    expect(state.connections[1]?.state).toBe('open');
    expect(state.stats.frames).toBe(1000);
  });

  it("applies several batches in one state change, with the last batch's counters", () => {
    const model = createConsoleModel(bridge);
    let changes = 0;
    model.store.subscribe(() => changes++);
    model.store.getState().ingestAll([batch(3), batch(4), batch(5)]);
    expect(changes).toBe(1);
    expect(model.store.getState().viewLength).toBe(12);
    expect(model.store.getState().stats.frames).toBe(5);
    model.store.getState().ingestAll([]);
    expect(changes).toBe(1);
  });

  it('counts unread rows while paused and keeps them; resume clears the count', () => {
    const model = createConsoleModel(bridge);
    model.store.getState().setPaused(true);
    model.store.getState().ingest(batch(5));
    expect(model.store.getState().unread).toBe(5);
    expect(model.store.getState().viewLength).toBe(5);
    model.store.getState().setPaused(false);
    expect(model.store.getState().unread).toBe(0);
  });

  it('rebuilds the view on a filter change and reports a bad regex without dropping the view', () => {
    const model = createConsoleModel(bridge);
    model.store.getState().ingest(batch(10));
    model.store.getState().setFilter({ directions: { in: true, out: false } });
    expect(model.store.getState().viewLength).toBe(0);
    model.store.getState().setFilter({ directions: { in: true, out: true }, search: '[', regex: true });
    expect(model.store.getState().filterError).toMatch(/invalid regular expression/);
    expect(model.store.getState().viewLength).toBe(0);
  });

  it('takes the recordings under way from the last batch that carries them, several batches at once', () => {
    const model = createConsoleModel(bridge);
    const rec = (recording: number) => ({
      recording,
      path: `/r${recording}.jsonl`,
      startedAt: 0,
      scope: null,
    });
    model.store
      .getState()
      .ingestAll([
        { ...batch(1), recordings: [rec(1)] },
        { ...batch(1), recordings: [rec(1), rec(2)] },
        batch(1),
      ]);
    expect(model.store.getState().recordings.map((r) => r.recording)).toEqual([1, 2]);
    model.store.getState().ingest(batch(1));
    expect(model.store.getState().recordings).toHaveLength(2);
    model.store.getState().ingest({ ...batch(0), recordings: [] });
    expect(model.store.getState().recordings).toEqual([]);
  });
});
