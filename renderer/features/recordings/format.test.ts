import { describe, expect, it } from 'vitest';
import { formatSize, formatWhen, parsePaths } from './format.js';

describe('recordings panel formatting', () => {
  it('sizes', () => {
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(2048)).toBe('2.0 KiB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
  it('times', () => {
    expect(formatWhen(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('2026-01-02 03:04:05');
  });
  it('ignore paths from a comma or space separated list', () => {
    expect(parsePaths(' $.at, $.seq\n$.from ')).toEqual(['$.at', '$.seq', '$.from']);
    expect(parsePaths('')).toEqual([]);
  });
});
