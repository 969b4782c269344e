// The preload with Electron mocked (the real module is never loaded): it exposes exactly the
// bridge contract, forwards calls on one channel and strips IPC event objects from batches.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch, WstapBridge } from '../../shared/ipc/contract.js';
import { BATCH_CHANNEL, CALL_CHANNEL } from './ipc-channels.js';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  calls: [] as unknown[][],
  answer: (): Promise<unknown> => Promise.resolve(null),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.calls.push(args);
      return fake.answer();
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set());
      fake.listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      fake.listeners.get(channel)?.delete(listener),
  },
}));

await import('./preload.js');
const bridge = fake.exposed.get('wstap') as WstapBridge;

describe('the preload', () => {
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it('exposes window.wstap with exactly call and onBatch', () => {
    expect([...fake.exposed.keys()]).toEqual(['wstap']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onBatch']);
  });

  it('sends every call on one channel and hands back the Result', async () => {
    fake.answer = () => Promise.resolve({ ok: true, value: { host: 'electron' } });
    await expect(bridge.call('app.info', null)).resolves.toEqual({ ok: true, value: { host: 'electron' } });
    expect(fake.calls).toEqual([[CALL_CHANNEL, 'app.info', null]]);
  });

  it('turns a failed invoke into a DISCONNECTED Result, not a rejection', async () => {
    fake.answer = () => Promise.reject(new Error("No handler registered for 'wstap:call'"));
    await expect(bridge.call('store.stats', null)).resolves.toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
  });

  it('passes batches without the IPC event and stops on unsubscribe', () => {
    const seen: unknown[][] = [];
    const stop = bridge.onBatch((...args) => seen.push(args));
    const batch = { rows: {}, events: [], stats: {} } as unknown as EventBatch;
    const emit = () => fake.listeners.get(BATCH_CHANNEL)!.forEach((l) => l({ sender: 'ipc event' }, batch));
    emit();
    expect(seen).toEqual([[batch]]);
    stop();
    emit();
    expect(seen).toHaveLength(1);
    expect(fake.listeners.get(BATCH_CHANNEL)!.size).toBe(0);
  });
});
