import { describe, expect, it } from 'vitest';
import {
  chipApplies,
  countLabel,
  droppedTooltip,
  droppedTotal,
  formatTimeBound,
  parseTimeBound,
  scopeLabel,
  toggleOpcode,
} from './filter-input.js';

const stats = { frames: 10, messages: 4, droppedFrames: 3, droppedMessages: 2, droppedBytes: 0 };

describe('filters toolbar', () => {
  it('toggles opcode chips, kept sorted', () => {
    expect(toggleOpcode([], 9)).toEqual([9]);
    expect(toggleOpcode([9], 1)).toEqual([1, 9]);
    expect(toggleOpcode([1, 9], 9)).toEqual([1]);
  });

  it('offers only text and binary chips for messages', () => {
    expect(chipApplies(9, 'frames')).toBe(true);
    expect(chipApplies(9, 'messages')).toBe(false);
    expect(chipApplies(2, 'messages')).toBe(true);
  });

  it('reads time bounds on the relative clock', () => {
    expect(parseTimeBound('', 1000)).toBeNull();
    expect(parseTimeBound(' 12.5 ', 1000)).toBe(1012.5);
    expect(parseTimeBound('abc', 1000)).toBe('invalid');
    expect(parseTimeBound('3', null)).toBe(3);
    expect(formatTimeBound(1012.5, 1000)).toBe('12.5');
    expect(formatTimeBound(null, 1000)).toBe('');
  });

  it('counts and explains dropped rows', () => {
    expect(droppedTotal(stats, 5)).toBe(10);
    expect(droppedTooltip(stats, 5)).toContain('3 frames and 2 messages');
    expect(droppedTooltip(stats, 5)).not.toContain('payload bytes');
    expect(droppedTooltip({ ...stats, droppedBytes: 9 }, 0)).toContain('9 payload bytes');
  });

  it('labels counts and scope', () => {
    expect(countLabel(1234, 1_000_000)).toBe('1,234 of 1,000,000 rows');
    expect(scopeLabel(null)).toBe('all connections');
    expect(scopeLabel(3)).toBe('conn #3');
  });
});
