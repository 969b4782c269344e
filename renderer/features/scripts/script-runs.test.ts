import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../shared/ipc/contract.js';
import type { ScriptRunInfo } from '../../../shared/ipc/script-commands.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import { applyOutput, changedRuns, MAX_VIEW_LINES, nextLine, type Runs } from './script-runs.js';

const info = (run: number, state: 'running' | 'ended' = 'running'): ScriptRunInfo => ({
  run,
  name: 'a.ws.ts',
  file: '/s/a.ws.ts',
  state,
  started: 0,
  outcome: null,
  failure: null,
  passed: 0,
  failed: 0,
  report: '',
  conns: [],
  lines: 0,
  firstLine: 0,
});
const line = (text: string) => ({ level: 'info' as const, text });

describe('applyOutput', () => {
  it('appends what continues the lines there, replaces what does not', () => {
    const a = applyOutput(undefined, { info: info(1), from: 0, lines: [line('a'), line('b')] });
    expect(nextLine(a)).toBe(2);
    const b = applyOutput(a, { info: info(1, 'ended'), from: 2, lines: [line('c')] });
    expect(b.lines.map((l) => l.text)).toEqual(['a', 'b', 'c']);
    expect(b.info.state).toBe('ended');
    // Main let lines 0..9 go: what it sends starts a new window.
    const c = applyOutput(b, { info: info(1), from: 10, lines: [line('k')] });
    expect(c).toMatchObject({ firstLine: 10, lines: [line('k')] });
    expect(nextLine(undefined)).toBe(0);
  });

  it('keeps the newest MAX_VIEW_LINES', () => {
    const many = Array.from({ length: MAX_VIEW_LINES + 5 }, (_, i) => line(String(i)));
    const view = applyOutput(undefined, { info: info(1), from: 0, lines: many });
    expect(view.lines).toHaveLength(MAX_VIEW_LINES);
    expect(view.firstLine).toBe(5);
    expect(view.lines[0]!.text).toBe('5');
  });
});

describe('changedRuns', () => {
  const batch = (events: readonly Partial<SessionEvent>[]): EventBatch =>
    ({ events, rows: {}, stats: {} }) as unknown as EventBatch;
  const runs: Runs = {
    1: { info: info(1), firstLine: 0, lines: [] },
    2: { info: info(2, 'ended'), firstLine: 0, lines: [] },
  };

  it('the runs of script events, and every running run when a script connection begins', () => {
    expect([...changedRuns(batch([{ type: 'script', run: 2 } as Partial<SessionEvent>]), runs)]).toEqual([2]);
    expect([
      ...changedRuns(batch([{ type: 'connecting', script: 'a.ws.ts' } as Partial<SessionEvent>]), runs),
    ]).toEqual([1]);
    expect([...changedRuns(batch([{ type: 'connecting' } as Partial<SessionEvent>]), runs)]).toEqual([]);
  });
});
