import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { exampleSession } from '../../../shared/record/session-sim.test-util.js';
import { UserError } from '../errors.js';
import { filtersNothing, keepEvent, KEEP_ALL, parseShowFilter, type ShowFilterFlags } from './show-filter.js';

// Both directions, every frame kind, fragments, a violation and timeline events around them.
const events = exampleSession((bytes) => [bytes]).expected;
const kept = (flags: ShowFilterFlags): SessionEvent[] => {
  const filter = parseShowFilter(flags);
  return events.filter((e) => keepEvent(filter, e));
};
const data = (e: SessionEvent): boolean => e.type === 'frame' || e.type === 'message' || e.type === 'stream-end';
const timeline = events.filter((e) => !data(e));
const summary = (list: SessionEvent[]): string[] =>
  list.filter(data).map((e) => (e.type === 'frame' || e.type === 'message' ? `${e.type} ${e.dir} ${e.opcodeName}` : e.type));

describe('show filters', () => {
  it('keep everything without flags', () => {
    expect(filtersNothing(parseShowFilter({}))).toBe(true);
    expect(events.every((e) => keepEvent(KEEP_ALL, e))).toBe(true);
  });

  it('--dir keeps one direction of frames and messages, and the whole timeline', () => {
    const inbound = kept({ dir: 'in' });
    expect(inbound.filter((e) => !data(e))).toEqual(timeline);
    expect(inbound.filter(data).every((e) => 'dir' in e && e.dir === 'in')).toBe(true);
    expect(inbound.filter(data)).toHaveLength(events.filter((e) => data(e) && 'dir' in e && e.dir === 'in').length);
  });

  it('--opcode takes names and numbers; frames match by their own opcode, messages by text or binary', () => {
    expect(summary(kept({ opcode: 'ping,10' }))).toEqual(['frame out ping', 'frame in pong']);
    expect(summary(kept({ opcode: 'continuation' }))).toEqual(['frame out continuation', 'frame out continuation', 'frame in continuation', 'frame in continuation']);
    expect(summary(kept({ opcode: 'binary', dir: 'in' }))).toEqual(['frame in binary', 'frame in binary', 'message in binary', 'message in binary']);
    expect(kept({ opcode: '0x8' }).filter(data).map((e) => e.type === 'frame' && e.closeCode)).toEqual([1000, 1000]);
  });

  it('--grep matches the text of messages and frames, a close frame by its reason, never binary', () => {
    expect(summary(kept({ grep: 'part' }))).toEqual(['frame out text', 'frame out continuation', 'frame out continuation', 'message out text']);
    expect(summary(kept({ grep: 'part two' }))).toEqual(['frame out continuation', 'message out text']);
    expect(summary(kept({ grep: '/HÉLLO/i' }))).toEqual(['frame in text', 'message in text']);
    expect(summary(kept({ grep: '^bye$' }))).toEqual(['frame out close']);
    expect(summary(kept({ grep: 'hb-1' }))).toEqual(['frame out ping', 'frame in pong']);
    expect(summary(kept({ grep: '.', opcode: 'binary' }))).toEqual([]);
    // A global regex is a fresh search for every event, not a continuation of the last one.
    expect(summary(kept({ grep: '/l/g', opcode: 'text', dir: 'out' }))).toEqual(['frame out text', 'message out text']);
  });

  it('--conn keeps one connection, timeline included', () => {
    expect(kept({ conn: '1' })).toEqual(events);
    expect(kept({ conn: '2' })).toEqual([]);
  });

  it('rejects bad values with one clear line', () => {
    expect(() => parseShowFilter({ dir: 'up' })).toThrow(new UserError("--dir takes 'in' (what wstap received) or 'out' (what it sent), got 'up'"));
    expect(() => parseShowFilter({ opcode: 'text,txt' })).toThrow(/--opcode takes opcode names or numbers .* got 'txt'/);
    expect(() => parseShowFilter({ opcode: '16' })).toThrow(UserError);
    expect(() => parseShowFilter({ grep: '(' })).toThrow(/--grep '\(': Invalid regular expression/);
    expect(() => parseShowFilter({ conn: '0' })).toThrow("--conn takes a whole number ≥ 1, got '0'");
  });
});
