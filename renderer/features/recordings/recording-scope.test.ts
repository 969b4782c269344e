import { describe, expect, it } from 'vitest';
import type { ActiveRecordingInfo } from '../../../shared/ipc/recording-commands.js';
import { recordingAll, scopedRecordingOf, scopeLabel, scopeOf } from './recording-scope.js';

const rec = (recording: number, scope: ActiveRecordingInfo['scope']): ActiveRecordingInfo => ({
  recording,
  path: `/data/recordings/r${recording}.jsonl`,
  startedAt: 0,
  scope,
});

describe('recording scopes', () => {
  it('a client row records its session, a served or proxied row its connection', () => {
    expect(scopeOf({ conn: 7, session: 3 })).toEqual({ sessions: [3], conns: [] });
    expect(scopeOf({ conn: 7, session: null })).toEqual({ sessions: [], conns: [7] });
  });

  it('finds the scoped recording naming a connection by its session or by itself, never an all-connections one', () => {
    const all = rec(1, null);
    const session3 = rec(2, { sessions: [3], conns: [] });
    const conn9 = rec(3, { sessions: [], conns: [9] });
    const list = [all, session3, conn9];
    expect(scopedRecordingOf(list, { conn: 7, session: 3 })).toBe(session3);
    expect(scopedRecordingOf(list, { conn: 8, session: 3 })).toBe(session3);
    expect(scopedRecordingOf(list, { conn: 9, session: null })).toBe(conn9);
    expect(scopedRecordingOf(list, { conn: 10, session: 4 })).toBeNull();
    expect(scopedRecordingOf([all], { conn: 7, session: 3 })).toBeNull();
    expect(recordingAll(list)).toBe(true);
    expect(recordingAll([session3])).toBe(false);
  });

  it('reads a scope in words', () => {
    expect(scopeLabel(null)).toBe('all connections');
    expect(scopeLabel({ sessions: [3], conns: [] })).toBe('session 3');
    expect(scopeLabel({ sessions: [], conns: [7] })).toBe('connection #7');
    expect(scopeLabel({ sessions: [3, 4], conns: [7] })).toBe('sessions 3, 4 and connection #7');
  });
});
