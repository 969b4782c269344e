import { describe, expect, it, vi } from 'vitest';
import type { EventBatch, WstapBridge } from '../../../shared/ipc/contract.js';
import { emptyRowBatch } from '../../../shared/ipc/rows.js';
import type { ConnectingEvent } from '../../../shared/model/events.js';
import { createConsoleModel } from '../../store/console-store.js';
import { connectSession, firstConnectionOf, followSession } from './connect-flow.js';

const stats = { frames: 0, messages: 0, droppedFrames: 0, droppedMessages: 0, droppedBytes: 0 };

function connecting(conn: number, session: number, attempt = 1): EventBatch {
  const event: ConnectingEvent = {
    type: 'connecting',
    conn,
    seq: 0,
    t: conn,
    wall: 1000 + conn,
    role: 'client',
    url: 'ws://h/',
    attempt,
    session,
  };
  return { rows: emptyRowBatch(), events: [event], stats };
}

function model(call: WstapBridge['call'] = vi.fn()) {
  return createConsoleModel({ call, onBatch: () => () => undefined });
}

describe('followSession', () => {
  it('selects the first connection of the session when it arrives later', () => {
    const { store } = model();
    followSession(store, 2);
    store.getState().ingest(connecting(5, 1));
    expect(store.getState().selectedConn).toBeNull();
    store.getState().ingest(connecting(6, 2));
    store.getState().ingest(connecting(7, 2, 2));
    expect(store.getState().selectedConn).toBe(6);
  });

  it('selects at once when the connection is already there', () => {
    const { store } = model();
    store.getState().ingest(connecting(3, 9));
    followSession(store, 9);
    expect(store.getState().selectedConn).toBe(3);
  });

  it('leaves a selection the user made meanwhile alone', () => {
    const { store } = model();
    followSession(store, 2);
    store.getState().selectConn(1);
    store.getState().ingest(connecting(6, 2));
    expect(store.getState().selectedConn).toBe(1);
  });

  it('stops waiting after the timeout', () => {
    vi.useFakeTimers();
    try {
      const { store } = model();
      followSession(store, 2, 100);
      vi.advanceTimersByTime(101);
      store.getState().ingest(connecting(6, 2));
      expect(store.getState().selectedConn).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('connectSession', () => {
  it('shows the inspector on success', async () => {
    const m = model(async () => ({ ok: true, value: { session: 4 } }) as never);
    m.store.getState().setTab('connect');
    expect(await connectSession(m, { url: 'ws://h' })).toBeNull();
    expect(m.store.getState().tab).toBe('inspector');
    m.store.getState().ingest(connecting(8, 4));
    expect(m.store.getState().selectedConn).toBe(8);
  });

  it('returns the code and message of a failure and puts them in the status bar', async () => {
    const m = model(async () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'input.url: missing' } }));
    m.store.getState().setTab('connect');
    expect(await connectSession(m, { url: 'ws://h' })).toBe('BAD_INPUT: input.url: missing');
    expect(m.store.getState().notice).toEqual({ kind: 'error', text: 'BAD_INPUT: input.url: missing' });
    expect(m.store.getState().tab).toBe('connect');
  });
});

describe('firstConnectionOf', () => {
  it('is null before the session shows up', () => {
    expect(firstConnectionOf({}, 1)).toBeNull();
  });
});
