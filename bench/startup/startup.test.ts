import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from './clients.js';
import { startGreetingServer } from './greeting-server.js';
import { GOAL_VS_WSCAT, summarize } from './report.js';
import { SpawnFailure, timeToExit, timeToOutput } from './spawn-timer.js';
import { benchEnv } from '../child-env.js';

// The startup bench's arithmetic and timers, checked without timing anything that matters.
const client = (id: Client['id']): Client => ({
  id,
  label: id,
  versionArgs: [],
  version: '',
  connectArgs: null,
});
const server = await startGreetingServer();
afterAll(() => server.close());

describe('bench/startup', () => {
  it('ratios are each median over the wscat median; the goal, ≤ 1.0×, is for wstap only', () => {
    const rows = summarize([
      { client: client('wstap'), ms: [90, 80, 100], openMs: [] },
      { client: client('wscat'), ms: [100, 100, 80], openMs: [] },
    ]);
    expect(rows[0]).toMatchObject({
      medianMs: 90,
      vsWscat: 0.9,
      goal: GOAL_VS_WSCAT,
      goalMet: true,
      medianOpenMs: null,
    });
    expect(rows[0]?.pairedVsWscat).toEqual({ median: 0.9, min: 0.8, max: 1.25 });
    expect(rows[1]).toMatchObject({ vsWscat: 1, goal: null, goalMet: null });
  });

  it('times a child to its exit, and fails one that exits non-zero', async () => {
    const done = await timeToExit(['-e', 'process.stdout.write("v1")'], benchEnv(), 10_000);
    expect(done.stdout).toBe('v1');
    expect(done.ms).toBeGreaterThan(0);
    await expect(timeToExit(['-e', 'process.exit(3)'], benchEnv(), 10_000)).rejects.toThrow(SpawnFailure);
  });

  it('times a client to the greeting of its own path, and notes when it connected', async () => {
    const script =
      'const ws = new (require("ws"))(process.argv[1]); ws.on("message", (d) => console.log(String(d)));';
    const path = '/run-1-test';
    const got = await timeToOutput(
      ['-e', script, `${server.base}${path}`],
      { ...benchEnv(), NODE_PATH: fileURLToPath(new URL('../../node_modules', import.meta.url)) },
      server.greeting(path),
      10_000,
    );
    expect(got.stdout).toContain(server.greeting(path));
    expect((server.openedAt(path) ?? Infinity) - got.startedAt).toBeLessThanOrEqual(got.ms);
  });
});
