import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../shared/ipc/contract.js';
import { emptyRowBatch } from '../../../shared/ipc/rows.js';
import { createConsoleModel } from '../../store/console-store.js';
import { serverTracker } from './server-tracker.js';
import { closeSession, startServer, stopServer } from './sidebar-commands.js';
import { ev } from './sidebar-fixtures.test-util.js';

const stats = { frames: 0, messages: 0, droppedFrames: 0, droppedMessages: 0, droppedBytes: 0 };

function setup(answer: (channel: string, input: unknown) => unknown) {
  const listeners: ((batch: EventBatch) => void)[] = [];
  const calls: [string, unknown][] = [];
  const model = createConsoleModel({
    call: async (channel, input) => {
      calls.push([channel, input]);
      return answer(channel, input) as never;
    },
    onBatch: (listener) => {
      listeners.push(listener);
      return () => undefined;
    },
  });
  const push = (...events: EventBatch['events']) => {
    for (const l of listeners) l({ rows: emptyRowBatch(), events, stats });
  };
  return { model, calls, push, listeners };
}

describe('serverTracker', () => {
  it('listens once per model and follows server events', () => {
    const { model, push, listeners } = setup(() => null);
    const tracker = serverTracker(model);
    expect(serverTracker(model)).toBe(tracker);
    expect(listeners).toHaveLength(1);
    push(
      ev(0, { type: 'listening', url: 'ws://127.0.0.1:9', host: '', port: 9, tls: false, behaviour: 'echo' }),
    );
    expect(tracker.getState().servers).toEqual([
      { url: 'ws://127.0.0.1:9', behaviour: 'echo', running: true },
    ]);
    push(ev(0, { type: 'server-stopped', url: 'ws://127.0.0.1:9', connections: 0 }));
    expect(tracker.getState().servers[0]!.running).toBe(false);
  });
});

describe('sidebar commands', () => {
  it('starts a server on a free loopback port and lists it', async () => {
    const { model, calls } = setup(() => ({
      ok: true,
      value: { url: 'ws://127.0.0.1:5555', behaviour: 'echo' },
    }));
    expect(await startServer(model, 'echo')).toBe(true);
    expect(calls).toEqual([['server.start', { behaviour: 'echo', host: '127.0.0.1', port: 0 }]]);
    expect(serverTracker(model).getState().servers).toEqual([
      { url: 'ws://127.0.0.1:5555', behaviour: 'echo', running: true },
    ]);
  });

  it('marks a stopped server only when stopping worked', async () => {
    const { model } = setup(() => ({ ok: false, error: { code: 'UNKNOWN_SERVER', message: 'no' } }));
    serverTracker(model).getState().started({ url: 'ws://s:1', behaviour: 'echo' });
    expect(await stopServer(model, 'ws://s:1')).toBe(false);
    expect(serverTracker(model).getState().servers[0]!.running).toBe(true);
    expect(model.store.getState().notice).toEqual({ kind: 'error', text: 'UNKNOWN_SERVER: no' });
  });

  it('closes with 1000 and tells success from failure', async () => {
    const { model, calls } = setup(() => ({ ok: true, value: null }));
    expect(await closeSession(model, 3)).toBe(true);
    expect(calls).toEqual([['session.close', { session: 3, code: 1000 }]]);
  });
});
